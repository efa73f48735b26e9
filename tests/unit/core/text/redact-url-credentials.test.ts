import { describe, expect, it } from 'vitest';
import { redactUrlCredentials } from '../../../../src/core/text/redact-url-credentials.js';

describe('redactUrlCredentials', () => {
  it.each([
    ['http://user:pw@host/feed', 'http://***@host/feed'],
    ['redis://:s3cret@redis:6379', 'redis://***@redis:6379'],
    ['a http://u:p@h/x and https://v:q@k?y=1 end', 'a http://***@h/x and https://***@k?y=1 end'],
    ['{"url":"http://u:p@h"}', '{"url":"http://***@h"}'],
    ['mailto:x@y and http://host/a@b', 'mailto:x@y and http://host/a@b'],
    ['no url here', 'no url here'],
  ])('%s', (input, expected) => {
    expect(redactUrlCredentials(input)).toBe(expected);
  });

  it('stays linear on a long line of scheme separators', () => {
    const line = 'x://'.repeat(200_000) + '@';
    const started = performance.now();
    redactUrlCredentials(line);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
