import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactSecrets, secretsOf } from '../../src/logger.js';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

function capture(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { stream, lines };
}

describe('logger redaction', () => {
  it('masks the token inside nested error messages that carry the request URL', () => {
    const { stream, lines } = capture();
    const logger = createLogger({ level: 'info', secrets: [TOKEN], destination: stream });
    const inner = new Error(`request to https://api.telegram.org/bot${TOKEN}/getUpdates failed`);
    const outer = new Error('Network request for getUpdates failed', { cause: inner });
    logger.error({ err: outer, url: `https://api.telegram.org/bot${TOKEN}/sendMessage` }, 'poll failed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(TOKEN);
    expect(lines[0]).not.toContain('AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw');
    expect(lines[0]).toContain('[REDACTED]');
    expect(lines[0]).toContain('poll failed');
  });

  it.each([
    [`bot${TOKEN}/x`, 'bot[REDACTED]/x'],
    ['nothing secret here 12:ab', 'nothing secret here 12:ab'],
  ])('redactSecrets(%s)', (input, expected) => {
    expect(redactSecrets(input, [])).toBe(expected);
  });

  it('masks configured secrets that do not look like tokens', () => {
    expect(redactSecrets('password=hunter2hunter2!', ['hunter2hunter2'])).toBe('password=[REDACTED]!');
  });
});

describe('logger: issue 9 secrets', () => {
  it('drops grammY payloads (setWebhook secret_token) even when the secret is not configured', async () => {
    const { GrammyError } = await import('grammy');
    const { stream, lines } = capture();
    const logger = createLogger({ level: 'info', destination: stream });
    const error = new GrammyError(
      "Call to 'setWebhook' failed!",
      { ok: false, error_code: 400, description: 'Bad Request: bad webhook' },
      'setWebhook',
      { url: 'https://x.example/hook', secret_token: 'not-configured-secret-0123456789abcdef' },
    );
    logger.error({ err: error }, 'start failed');
    expect(lines[0]).toContain('bad webhook');
    expect(lines[0]).not.toContain('not-configured-secret');
  });

  it('masks every configured secret, the Redis password and any URL credentials', () => {
    const secrets = secretsOf({
      BOT_TOKEN: TOKEN,
      WEBHOOK_SECRET: 'w'.repeat(40),
      ADMIN_PASSWORD: 'dashboard-pass-123',
      REDIS_URL: 'redis://user:p%40ssw0rd-long@redis:6379',
    });
    const line = `t=${TOKEN} w=${'w'.repeat(40)} a=dashboard-pass-123 r=p@ssw0rd-long u=redis://user:p%40ssw0rd-long@redis:6379 f=http://reader:pw@feeds.example/rss`;
    const redacted = redactSecrets(line, secrets);
    for (const secret of [
      TOKEN,
      'w'.repeat(40),
      'dashboard-pass-123',
      'p@ssw0rd-long',
      'p%40ssw0rd-long',
      'reader:pw',
    ]) {
      expect(redacted).not.toContain(secret);
    }
    expect(redacted).toContain('f=http://***@feeds.example/rss');
  });

  it('masks the password of a cluster REDIS_URL (redis+cluster://, which WHATWG URL cannot parse)', () => {
    const url = 'redis+cluster://ops:cl%23uster-pass@10.0.0.1:7000,10.0.0.2:7000';
    const secrets = secretsOf({ REDIS_URL: url });
    expect(secrets).toEqual(expect.arrayContaining(['cl%23uster-pass', 'cl#uster-pass', 'ops']));
    const redacted = redactSecrets(`connecting to ${url}; auth cl#uster-pass`, secrets);
    expect(redacted).not.toContain('cl#uster-pass');
    expect(redacted).not.toContain('cl%23uster-pass');
    expect(redacted).toContain('redis+cluster://***@10.0.0.1:7000,10.0.0.2:7000');
  });
});
