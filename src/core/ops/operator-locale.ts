/** The languages operators are spoken to in: the subscribers' two editions, and English for everyone else. */
export type OperatorLocale = 'uk' | 'ru' | 'en';

/** uk or ru when a Telegram language code is one of them, else English. */
export function operatorLocale(languageCode: string | undefined): OperatorLocale {
  if (languageCode?.startsWith('uk')) return 'uk';
  if (languageCode?.startsWith('ru')) return 'ru';
  return 'en';
}

export const isOperatorLocale = (value: unknown): value is OperatorLocale =>
  value === 'uk' || value === 'ru' || value === 'en';
