import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatStore, type ChatStore } from '../../../../src/adapters/redis/chat-store.js';
import { defaultChatSettings, type ChatKey } from '../../../../src/core/chat/chat-settings.js';
import { createTestRedis, type TestRedis } from '../../../support/test-redis.js';

describe('chat store', () => {
  let redis: TestRedis;
  let store: ChatStore;
  beforeEach(async () => {
    redis = await createTestRedis();
    store = createChatStore(redis.client, redis.keys);
  });
  afterEach(() => redis.cleanup());

  const chat = (key: ChatKey, linkedBy?: number) => ({
    ...defaultChatSettings(key, key.chatId > 0 ? 'private' : 'channel', 'uk', 'Europe/Kyiv', 1),
    ...(linkedBy ? { linkedBy } : {}),
  });

  it('round-trips settings compactly under the prefix', async () => {
    const settings = { ...chat({ chatId: -100500, threadId: 3 }, 9), follow: ['нато'], title: 'Канал' };
    await store.save(settings);
    expect(await store.get({ chatId: -100500, threadId: 3 })).toEqual(settings);
    expect(await store.get({ chatId: -100500 })).toBeUndefined();
    const raw = await redis.client.get(redis.keys.chat('-100500:3'));
    expect(Buffer.byteLength(raw!)).toBeLessThan(1024);
  });

  it('updates known chats only', async () => {
    await store.save(chat({ chatId: 1 }));
    expect((await store.update({ chatId: 1 }, (s) => ({ ...s, lang: 'ru' })))?.lang).toBe('ru');
    expect((await store.get({ chatId: 1 }))?.lang).toBe('ru');
    expect(await store.update({ chatId: 2 }, (s) => s)).toBeUndefined();
    expect(await store.get({ chatId: 2 })).toBeUndefined();
  });

  it('keeps the active index in step with deactivate and reactivate', async () => {
    for (let id = 1; id <= 25; id += 1) await store.save(chat({ chatId: id }));
    await store.deactivate({ chatId: 3 }, 5);
    await store.deactivate({ chatId: 4 }, 5);
    const active = async () => {
      const ids: number[] = [];
      for await (const batch of store.listActive(7)) ids.push(...batch.map((s) => s.key.chatId));
      return ids.sort((a, b) => a - b);
    };
    expect(await active()).toHaveLength(23);
    expect(await active()).not.toContain(3);
    await store.reactivate({ chatId: 3 }, 6);
    expect(await active()).toContain(3);
    expect((await store.get({ chatId: 3 }))?.updatedAt).toBe(6);
  });

  it('tracks who linked which channel and moves the link when it changes hands', async () => {
    await store.save(chat({ chatId: -1001 }, 7));
    await store.save(chat({ chatId: -1002 }, 7));
    await store.save(chat({ chatId: -1002 }, 8));
    expect((await store.listLinkedBy(7)).map((s) => s.key.chatId)).toEqual([-1001]);
    expect((await store.listLinkedBy(8)).map((s) => s.key.chatId)).toEqual([-1002]);
    await store.remove({ chatId: -1001 });
    expect(await store.listLinkedBy(7)).toEqual([]);
    expect(await redis.client.sismember(redis.keys.chatsActive(), '-1001')).toBe(0);
  });

  it('lists a chat with its forum threads', async () => {
    await store.save(chat({ chatId: -1003 }));
    await store.save(chat({ chatId: -1003, threadId: 10 }));
    await store.save(chat({ chatId: -1004 }));
    expect((await store.listForChat(-1003)).map((s) => s.key)).toEqual([
      { chatId: -1003 },
      { chatId: -1003, threadId: 10 },
    ]);
  });
});
