import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT_API_TIMEOUT_SECONDS } from '../../../../src/adapters/telegram/bot-api-client.js';
import { createTelegramSender } from '../../../../src/adapters/telegram/sender.js';
import { startBotApiServer, type BotApiServer } from '../../../../tools/bot-api-server/server.js';

describe('a hung sendMessage', () => {
  let api: BotApiServer;
  beforeEach(async () => {
    api = await startBotApiServer();
  });
  afterEach(() => api.close());

  it('gives up after the request timeout and is transient (retried like a 5xx), not waited on for 500 s', async () => {
    expect(BOT_API_TIMEOUT_SECONDS).toBe(30);
    const user = api.addUser({ id: 6161 });
    api.privateChat(user);
    api.delay('sendMessage', 60_000);
    const sender = createTelegramSender(api.token, api.apiRoot, { timeoutMs: 1000 });
    const started = Date.now();
    const outcome = await sender.send({ chatId: user.id, text: 'hi', html: false });
    expect(outcome).toEqual({ kind: 'transient', code: 'network' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
