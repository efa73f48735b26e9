import { GrammyError, HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import {
  apiErrorClass,
  classifySendError,
  isNotModified,
} from '../../../../src/adapters/telegram/send-outcome.js';

const apiError = (error_code: number, description: string, parameters: Record<string, number> = {}) =>
  new GrammyError('call failed', { ok: false, error_code, description, parameters }, 'sendMessage', {});

describe('classifySendError', () => {
  const cases = [
    {
      name: '429 with retry_after',
      error: apiError(429, 'Too Many Requests: retry after 7', { retry_after: 7 }),
      expected: { kind: 'rate-limited', retryAfterMs: 7000 },
    },
    {
      name: '403 blocked',
      error: apiError(403, 'Forbidden: bot was blocked by the user'),
      expected: { kind: 'forbidden', code: 403 },
    },
    {
      name: '403 kicked',
      error: apiError(403, 'Forbidden: bot was kicked from the group chat'),
      expected: { kind: 'forbidden', code: 403 },
    },
    {
      name: 'chat not found',
      error: apiError(400, 'Bad Request: chat not found'),
      expected: { kind: 'forbidden', code: 400 },
    },
    {
      name: 'migrated group',
      error: apiError(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
        migrate_to_chat_id: -1001,
      }),
      expected: { kind: 'migrated', newChatId: -1001 },
    },
    {
      name: "can't parse entities",
      error: apiError(400, "Bad Request: can't parse entities: Unsupported start tag"),
      expected: { kind: 'bad-entities' },
    },
    {
      name: '500',
      error: apiError(500, 'Internal Server Error'),
      expected: { kind: 'transient', code: 500 },
    },
    { name: '502', error: apiError(502, 'Bad Gateway'), expected: { kind: 'transient', code: 502 } },
    {
      name: 'network',
      error: new HttpError('Network request failed', new Error('ECONNRESET')),
      expected: { kind: 'transient', code: 'network' },
    },
    {
      name: 'other 400',
      error: apiError(400, 'Bad Request: message is too long'),
      expected: { kind: 'rejected', code: 400 },
    },
  ];
  it.each(cases)('$name', ({ error, expected }) => {
    expect(classifySendError(error)).toEqual(expected);
  });

  it('rethrows what is not a Telegram or network failure', () => {
    expect(() => classifySendError(new TypeError('bug'))).toThrow(TypeError);
  });
});

describe('apiErrorClass', () => {
  it.each([
    [apiError(400, "Bad Request: can't parse entities: Unsupported start tag"), 'bad-entities'],
    [apiError(400, 'Bad Request: chat not found'), 'chat-not-found'],
    [
      apiError(
        400,
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same',
      ),
      'not-modified',
    ],
    [apiError(400, 'Bad Request: message to edit not found'), undefined],
    [apiError(403, 'Forbidden: chat not found'), undefined],
    [new Error('Bad Request: message is not modified'), undefined],
  ])('%s -> %s', (error, expected) => expect(apiErrorClass(error)).toBe(expected));

  it('isNotModified is true only for the not-modified class', () => {
    expect(isNotModified(apiError(400, 'Bad Request: message is not modified'))).toBe(true);
    expect(isNotModified(apiError(400, 'Bad Request: chat not found'))).toBe(false);
  });
});
