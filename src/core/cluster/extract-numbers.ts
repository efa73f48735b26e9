/** Below this a number is a day of the month or a small count ("1 грудня", "5 постраждалих"): no evidence. */
const MIN_NUMBER = 10;
/** Goals of one side in a match; clock times ("21:45", "07:00") have bigger or zero-padded parts. */
const MAX_GOALS = 15;

/**
 * Digit runs, optionally grouped by (narrow) spaces in threes and with a decimal part. Each part needs a
 * separator before it, so the expression is linear on any input.
 */
const NUMBER = /\d+(?:[ \u00a0\u202f]\d{3}(?!\d))*(?:[.,]\d+)?/g;
const SCORE = /(?<!\d)(\d{1,2}) ?: ?(\d{1,2})(?!\d)/g;

const DATE_DAY =
  /(?<!\d)[0-3]?\d(?:-?(?:го|е|я))?(?=\s+(?:січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)(?![а-яіїєё]))/gi;

export interface ExtractedNumbers {
  numbers: string[];
  scores: string[];
}

function isYear(value: string): boolean {
  return /^(19|20)\d\d$/.test(value);
}

/** Numbers and match scores in `text`; see StoryFeatures for what is kept. */
export function extractNumbers(text: string): ExtractedNumbers {
  const scores: string[] = [];
  for (const match of text.matchAll(SCORE)) {
    const [, home = '', away = ''] = match;
    const padded = (part: string) => part.length === 2 && part.startsWith('0');
    if (Number(home) > MAX_GOALS || Number(away) > MAX_GOALS || padded(home) || padded(away)) continue;
    // "3:0" for the winner is "0:3" for the loser's outlet: one result, so the larger number goes first.
    const [high, low] = [Number(home), Number(away)].sort((a, b) => b - a);
    scores.push(`${high}:${low}`);
  }
  // Scores and clock times are not quantities; blank them so their parts are not read as numbers.
  // A day of a date ("19 листопада") is a date, compared as one (extract-dates.ts), not a quantity.
  const rest = text
    .replace(SCORE, ' ')
    .replace(/\d{1,2}:\d{2}/g, ' ')
    .replace(DATE_DAY, ' ');
  const numbers = new Set<string>();
  for (const match of rest.matchAll(NUMBER)) {
    const value = match[0].replace(/[ \u00a0\u202f]/g, '').replace(',', '.');
    if (isYear(value) || Number(value) < MIN_NUMBER) continue;
    numbers.add(value);
  }
  return { numbers: [...numbers], scores };
}
