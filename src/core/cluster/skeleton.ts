/**
 * Ukrainian and Russian spell one word differently mostly in their vowels ("Тернопіль"/"Тернополь",
 * "обстріляли"/"обстреляли", "Зеленський"/"Зеленский"), while the consonants agree. A stem reduced to its
 * first letter plus its consonants, in one Latin transcription for both alphabets, lets a UA story and a
 * RU story of the same event share tokens without a dictionary. Within one language the skeleton merges
 * little that the stem kept apart, because stems are already cut to six letters.
 */
const LETTERS: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'e',
  ё: 'e',
  э: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  і: 'i',
  ї: 'i',
  й: 'i',
  ы: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'c',
  ч: 'ch',
  ш: 'sh',
  щ: 'sch',
  ь: '',
  ъ: '',
  ю: 'u',
  я: 'a',
};
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);

/** Latin transcription shared by both alphabets; Latin letters and digits pass through. */
export function transcribe(word: string): string {
  let out = '';
  for (const char of word) out += LETTERS[char] ?? char;
  return out;
}

/** First letter and the consonants after it: "тернопіл" -> "trnpl", "обстре" -> "obstr". */
export function skeleton(stem: string): string {
  const latin = transcribe(stem);
  if (/^\d+$/.test(latin)) return latin;
  let out = latin.slice(0, 1);
  for (const char of latin.slice(1)) if (!VOWELS.has(char)) out += char;
  return out;
}
