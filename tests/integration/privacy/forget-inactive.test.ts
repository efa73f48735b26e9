import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DELIVER_QUEUE, DIGEST_QUEUE } from '../../../src/adapters/queue/digest-requests.js';
import { forgetChat } from '../../../src/adapters/redis/chat-forgetter.js';
import { createChatStore, type ChatStore } from '../../../src/adapters/redis/chat-store.js';
import { DeliveryStore } from '../../../src/adapters/redis/delivery-store.js';
import { createKeys } from '../../../src/adapters/redis/keys.js';
import { defaultChatSettings, type ChatKey } from '../../../src/core/chat/chat-settings.js';
import { forgetInactiveChats } from '../../../src/services/forget-inactive.js';
import { createTestRedis, type TestRedis } from '../../support/test-redis.js';

const DAY = 86_400_000;
const NOW = Date.parse('2025-06-10T05:00:00Z');

describe('a chat that blocks the bot is forgotten after the retention period', () => {
  let redis: TestRedis;
  let chats: ChatStore;
  beforeEach(async () => {
    redis = await createTestRedis();
    chats = createChatStore(redis.client, createKeys(redis.prefix));
  });
  afterEach(() => redis.cleanup());

  const chat = async (key: ChatKey, active: boolean, updatedAt: number) => {
    const kind = key.chatId > 0 ? 'private' : 'supergroup';
    await chats.save({ ...defaultChatSettings(key, kind, 'uk', 'Europe/Kyiv', 0), active, updatedAt });
  };

  it('forgets only chats inactive for longer than retention, and never a forum with a live thread', async () => {
    await chat({ chatId: 111_000_111 }, false, NOW - 31 * DAY); // blocked a month ago
    await chat({ chatId: 222_000_222 }, false, NOW - 29 * DAY); // blocked, still within retention
    await chat({ chatId: 333_000_333 }, true, NOW - 90 * DAY); // active, just quiet
    await chat({ chatId: -100_444_000_444, threadId: 5 }, false, NOW - 60 * DAY);
    await chat({ chatId: -100_444_000_444, threadId: 6 }, true, NOW - 60 * DAY);
    const keys = createKeys(redis.prefix);
    const delivery = new DeliveryStore(redis.client, keys);
    await delivery.setDue('111000111', NOW + DAY);

    const forgotten = await forgetInactiveChats(
      {
        chats,
        retentionMs: 30 * DAY,
        logger: pino({ level: 'silent' }),
        forget: async (chatId) => {
          await forgetChat(
            { redis: redis.client, keys, chats, delivery, queueNames: [DIGEST_QUEUE, DELIVER_QUEUE] },
            chatId,
          );
        },
      },
      NOW,
    );

    expect(forgotten).toEqual([111_000_111]);
    expect(await chats.get({ chatId: 111_000_111 })).toBeUndefined();
    expect(await delivery.dueAt('111000111')).toBeUndefined();
    expect(await chats.get({ chatId: 222_000_222 })).toBeDefined();
    expect(await chats.get({ chatId: 333_000_333 })).toBeDefined();
    expect(await chats.listForChat(-100_444_000_444)).toHaveLength(2);
  });
});
