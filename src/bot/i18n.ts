import { fileURLToPath } from 'node:url';
import { I18n } from '@grammyjs/i18n';
import type { BotContext } from './context.js';

export const LOCALES = ['uk', 'ru', 'en'] as const;

/**
 * Fluent translations from `src/bot/i18n/*.ftl`. English is the fallback for a missing key; chats themselves are
 * always uk or ru. Isolation marks are off because Telegram shows them as stray characters.
 */
export function createI18n(): I18n<BotContext> {
  const i18n = new I18n<BotContext>({
    defaultLocale: 'en',
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) =>
      ctx.scope?.settings.lang ?? (ctx.from?.language_code?.startsWith('ru') ? 'ru' : 'uk'),
  });
  for (const locale of LOCALES) {
    i18n.loadLocaleSync(locale, {
      filePath: fileURLToPath(new URL(`./i18n/${locale}.ftl`, import.meta.url)),
    });
  }
  return i18n;
}
