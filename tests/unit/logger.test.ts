import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactSecrets } from '../../src/logger.js';

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
