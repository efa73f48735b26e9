import { describe, expect, it } from 'vitest';
import {
  broadcastDigestId,
  broadcastJobId,
  buildJobId,
  chatIdPart,
  deliverJobId,
  emptyDigestId,
  instantDigestId,
  isValidJobId,
  storiesJobId,
} from '../../../../src/adapters/queue/job-ids.js';
import { chatKeyId, parseChatKeyId, type ChatKey } from '../../../../src/core/chat/chat-settings.js';

/** Every kind of chat the bot serves, as chat keys. */
const CHATS: [string, ChatKey][] = [
  ['private', { chatId: 380501234 }],
  ['group', { chatId: -4123456789 }],
  ['supergroup', { chatId: -1001234567890 }],
  ['forum thread', { chatId: -1001234567890, threadId: 7 }],
  ['another thread of the same forum', { chatId: -1001234567890, threadId: 9 }],
  ['channel', { chatId: -1009876543210 }],
];

const AT = Date.parse('2025-06-10T05:03:00Z');
const DIGEST = 'Xq3v_9-abcDEFghij012';

/** Every id builder that takes a chat key, as it is called in the worker. */
const builders: [string, (chat: string) => string][] = [
  ['build', (chat) => buildJobId(AT, [chat, '1'])],
  ['deliver (scheduled)', (chat) => deliverJobId(chat, DIGEST, 0)],
  ['deliver (second part)', (chat) => deliverJobId(chat, DIGEST, 1)],
  ['deliver (instant)', (chat) => deliverJobId(chat, instantDigestId(chat, AT), 0)],
  ['deliver (nothing new)', (chat) => deliverJobId(chat, emptyDigestId('uk', AT), 0)],
  ['deliver (broadcast)', (chat) => deliverJobId(chat, broadcastDigestId('mb9x1k2', 'ru'), 0)],
];

describe('job ids built from chat keys', () => {
  for (const [name, build] of builders) {
    it(`${name}: valid for BullMQ for every kind of chat, and distinct per chat`, () => {
      const ids = CHATS.map(([, key]) => build(chatKeyId(key)));
      for (const id of ids) expect(isValidJobId(id), id).toBe(true);
      expect(new Set(ids).size).toBe(CHATS.length);
    });
  }

  it('encodes a thread key reversibly, so two threads or a thread and its forum never share an id', () => {
    for (const [, key] of CHATS) {
      const part = chatIdPart(chatKeyId(key));
      expect(part).not.toContain(':');
      expect(parseChatKeyId(part.replace('_', ':'))).toEqual(key);
    }
  });

  it('other ids are valid too', () => {
    expect(isValidJobId(broadcastJobId('mb9x1k2'))).toBe(true);
    expect(isValidJobId(storiesJobId('a1b2c3d4e5', 'f6e5d4c3b2a1', 50))).toBe(true);
  });

  it("follows BullMQ's rules: no ':' (the old thread ids) and no integers", () => {
    expect(isValidJobId(`build-${AT}--1001234567890:7-1`)).toBe(false);
    expect(isValidJobId(`deliver--1001234567890:7-${DIGEST}-0`)).toBe(false);
    expect(isValidJobId('12345')).toBe(false);
    expect(isValidJobId('deliver-12345')).toBe(true);
  });
});
