/** Month names as headlines write them after a day ("6 лютого", "6 февраля"), Ukrainian and Russian. */
const MONTHS: readonly (readonly string[])[] = [
  ['січня', 'января'],
  ['лютого', 'февраля'],
  ['березня', 'марта'],
  ['квітня', 'апреля'],
  ['травня', 'мая'],
  ['червня', 'июня'],
  ['липня', 'июля'],
  ['серпня', 'августа'],
  ['вересня', 'сентября'],
  ['жовтня', 'октября'],
  ['листопада', 'ноября'],
  ['грудня', 'декабря'],
];
const MONTH_OF = new Map(MONTHS.flatMap((names, index) => names.map((name) => [name, index + 1] as const)));
// Lower-cased text only, and a plain Cyrillic class: this runs on every story, \p{L} under /u costs twice as much.
const DATE = /(?<!\d)([0-3]?\d)(?:-?(?:го|е|я))?\s+([а-яіїє]+)/g;

/**
 * Calendar days a text names ("6 лютого", "6 февраля", "18-го листопада") as `month-day`, the same key in both
 * languages: two reports naming different days are different events however alike their words (a vote that
 * failed on the 18th, the vote that passed on the 19th).
 */
/** Years a text names ("2024 року", "в 2023 году") as `y2024`: reports naming different years are different events. */
export function extractYears(text: string): string[] {
  return [...new Set((text.match(/(?<!\d)(?:19|20)\d\d(?!\d)/g) ?? []).map((year) => `y${year}`))];
}

export function extractDates(text: string): string[] {
  const dates = new Set<string>();
  if (!/\d/.test(text)) return [];
  for (const match of text.toLowerCase().matchAll(DATE)) {
    const day = Number(match[1]);
    const month = MONTH_OF.get(match[2] ?? '');
    if (month !== undefined && day >= 1 && day <= 31) dates.add(`${month}-${day}`);
  }
  return [...dates];
}
