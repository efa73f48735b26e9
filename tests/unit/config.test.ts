import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors/config-error.js';

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const config = loadConfig({});
    expect(config.FEEDS_FILE).toBe('./feeds.yaml');
    expect(config.DEFAULT_TIMEZONE).toBe('Europe/Kyiv');
    expect(config.ALLOW_PRIVATE_FEEDS).toBe(false);
    expect(config.OPERATOR_IDS).toEqual([]);
    expect(config.TELEGRAM_API_ROOT).toBe('https://api.telegram.org');
  });

  it('parses operator ids and booleans', () => {
    const config = loadConfig({ OPERATOR_IDS: '12, 34', ALLOW_PRIVATE_FEEDS: 'true' });
    expect(config.OPERATOR_IDS).toEqual([12, 34]);
    expect(config.ALLOW_PRIVATE_FEEDS).toBe(true);
  });

  it.each([
    ['HTTP_PORT', 'abc'],
    ['HTTP_PORT', '70000'],
    ['DEFAULT_TIMEZONE', 'Mars/Olympus'],
    ['OPERATOR_IDS', '12,abc'],
    ['REDIS_URL', 'http://localhost'],
    ['LOG_LEVEL', 'loud'],
    ['BOT_TOKEN', 'not-a-token'],
    ['TELEGRAM_API_ROOT', 'nope'],
    ['ALLOW_PRIVATE_FEEDS', 'maybe'],
  ])('rejects an invalid %s and names the key', (key, value) => {
    let caught: unknown;
    try {
      loadConfig({ [key]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).key).toBe(key);
  });
});
