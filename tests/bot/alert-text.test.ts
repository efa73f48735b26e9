import { describe, expect, it } from 'vitest';
import type { FeedAlert } from '../../src/adapters/redis/alert-record.js';
import { createI18n } from '../../src/bot/i18n.js';
import { formatAlert } from '../../src/services/alert-notifier.js';

const i18n = createI18n();
const translate = (locale: string, key: string, variables: Record<string, string | number>): string =>
  i18n.t(locale, key, variables);

const alert = (kind: FeedAlert['kind']): FeedAlert => ({
  kind,
  feedId: 'a1<b>',
  url: kind === 'dead-letter' ? '101, 102' : 'https://x.example/rss?a=1&b=2',
  message: 'HTTP_STATUS: 503',
  at: 0,
});

describe('feed alert text, per operator language', () => {
  // English is exactly the wording operators got before the alerts were translated.
  it.each([
    ['failing', '⚠️ <b>Feed failing</b>'],
    ['dead', '💀 <b>Feed dead</b>'],
    ['recovered', '✅ <b>Feed recovered</b>'],
    ['silent', '🔇 <b>Feed silent</b>'],
  ] as const)('en %s keeps its wording and escapes the stored fields', (kind, heading) => {
    expect(formatAlert(alert(kind), 'en', translate)).toBe(
      `${heading} <code>a1&lt;b&gt;</code>\nhttps://x.example/rss?a=1&amp;b=2\nHTTP_STATUS: 503`,
    );
  });

  it('en dead letter names the chats', () => {
    expect(formatAlert(alert('dead-letter'), 'en', translate)).toBe(
      '📭 <b>Given up</b> <code>a1&lt;b&gt;</code>\nchats: 101, 102\nHTTP_STATUS: 503',
    );
  });

  it.each([
    ['uk', 'failing', '⚠️ <b>Стрічка збоїть</b>'],
    ['uk', 'dead', '💀 <b>Стрічка не працює</b>'],
    ['uk', 'recovered', '✅ <b>Стрічка знову працює</b>'],
    ['uk', 'silent', '🔇 <b>Стрічка мовчить</b>'],
    ['uk', 'dead-letter', '📭 <b>Спроби припинено</b>'],
    ['ru', 'failing', '⚠️ <b>Лента сбоит</b>'],
    ['ru', 'dead', '💀 <b>Лента не работает</b>'],
    ['ru', 'recovered', '✅ <b>Лента снова работает</b>'],
    ['ru', 'silent', '🔇 <b>Лента молчит</b>'],
    ['ru', 'dead-letter', '📭 <b>Попытки прекращены</b>'],
  ] as const)('%s %s starts with %s', (locale, kind, heading) => {
    const text = formatAlert(alert(kind), locale, translate);
    expect(text.startsWith(`${heading} <code>a1&lt;b&gt;</code>\n`)).toBe(true);
    expect(text).not.toMatch(/Feed|Given up|chats:/);
  });

  it.each([
    ['uk', 'чати: 101, 102'],
    ['ru', 'чаты: 101, 102'],
  ] as const)('%s dead letter names the chats in that language', (locale, line) => {
    expect(formatAlert(alert('dead-letter'), locale, translate).split('\n')[1]).toBe(line);
  });
});
