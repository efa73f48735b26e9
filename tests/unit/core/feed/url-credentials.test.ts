import { describe, expect, it } from 'vitest';
import { parseFeedsFile } from '../../../../src/core/feed/feeds-file.js';
import { hasCredentials, redactCredentials } from '../../../../src/core/feed/url-credentials.js';
import { FeedsFileError } from '../../../../src/errors/feeds-file-error.js';

describe('credentials in feed URLs', () => {
  it.each<[string, boolean, string]>([
    ['https://reader:s3cret@example.com/rss', true, 'https://***@example.com/rss'],
    ['https://token@example.com/rss?x=1', true, 'https://***@example.com/rss?x=1'],
    ['https://example.com/rss?mail=a@b.c', false, 'https://example.com/rss?mail=a@b.c'],
    ['https://example.com/@user/rss', false, 'https://example.com/@user/rss'],
    ['not a url with @ in it', false, 'not a url with @ in it'],
  ])('%s', (url, has, redacted) => {
    expect(hasCredentials(url)).toBe(has);
    expect(redactCredentials(url)).toBe(redacted);
  });

  it('the feeds file refuses them with a clear message that does not repeat the password', () => {
    let error: unknown;
    try {
      parseFeedsFile('feeds:\n  - url: https://reader:s3cret@example.com/rss\n    lang: uk\n');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FeedsFileError);
    expect((error as Error).message).toContain('must not contain a user name or password');
    expect((error as Error).message).not.toContain('s3cret');
  });
});
