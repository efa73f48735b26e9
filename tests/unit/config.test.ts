import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
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

  it('takes a cluster REDIS_URL, and refuses a {hash tag} prefix with it (every key would share one slot)', () => {
    const url = 'redis+cluster://:pw@10.0.0.1:7000,10.0.0.2:7000';
    expect(loadConfig({ REDIS_URL: url }).REDIS_URL).toBe(url);
    expect(loadConfig({ REDIS_PREFIX: '{nd}' }).REDIS_PREFIX).toBe('{nd}');
    let caught: unknown;
    try {
      loadConfig({ REDIS_URL: url, REDIS_PREFIX: '{nd}' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).message).toContain('REDIS_PREFIX');
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
    ['REDIS_URL', 'redis+cluster://host-without-port'],
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

describe('loadConfig: access settings (issue 9)', () => {
  const webhook = { WEBHOOK_URL: 'https://bot.example.com/hook' };
  const keyOf = (env: Record<string, string>): string | undefined => {
    try {
      loadConfig(env);
      return undefined;
    } catch (error) {
      return error instanceof ConfigError ? error.key : 'not a ConfigError';
    }
  };

  it.each([
    ['x', 'WEBHOOK_SECRET'],
    ['a'.repeat(31), 'WEBHOOK_SECRET'],
    ['a'.repeat(32), undefined],
  ])('a webhook secret of %s is refused below 32 characters', (secret, key) => {
    expect(keyOf({ ...webhook, WEBHOOK_SECRET: secret })).toBe(key);
  });

  it('refuses HTTP_PORT equal to WEBHOOK_PORT in webhook mode, default port included', () => {
    const secret = { ...webhook, WEBHOOK_SECRET: 's'.repeat(40) };
    expect(keyOf({ ...secret, HTTP_PORT: '8080' })).toBe('HTTP_PORT');
    expect(keyOf({ ...secret, HTTP_PORT: '9000', WEBHOOK_PORT: '9000' })).toBe('HTTP_PORT');
    expect(keyOf({ ...secret, HTTP_PORT: '8081' })).toBeUndefined();
  });

  it('binds HTTP to loopback unless HTTP_HOST says otherwise', () => {
    expect(loadConfig({}).HTTP_HOST).toBe('127.0.0.1');
    expect(loadConfig({ HTTP_HOST: '0.0.0.0' }).HTTP_HOST).toBe('0.0.0.0');
    expect(keyOf({ HTTP_HOST: 'bad host!' })).toBe('HTTP_HOST');
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as {
    services: Record<string, { environment?: Record<string, string> }>;
  };

  it.each(['bot', 'worker'])('%s: its environment passes config in webhook mode and exposes HTTP', (name) => {
    const environment = compose.services[name]?.environment ?? {};
    const config = loadConfig({
      ...environment,
      WEBHOOK_URL: 'https://bot.example.com/hook',
      WEBHOOK_SECRET: 'w'.repeat(40),
    });
    expect(config.HTTP_PORT).not.toBe(config.WEBHOOK_PORT);
    expect(config.HTTP_HOST).toBe('0.0.0.0');
  });
});
