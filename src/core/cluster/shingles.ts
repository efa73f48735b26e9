import type { Lang } from '../types.js';

/**
 * Function words and reporting boilerplate ("заявив", "повідомляє") that every headline shares; left in,
 * they make unrelated stories look alike. Compared after folding (ё -> е, ґ -> г, apostrophes removed).
 */
const STOP_WORDS: Record<Lang, ReadonlySet<string>> = {
  uk: new Set(
    (
      'і й та в у з із зі на до від за по про для що як це не а але чи або вже ще його її їх він вона вони воно ' +
      'ми ви я так також після під над між через біля при о об без коли де щоб би був була було були буде ' +
      'будуть є цей ця ці той те ті свій своє свої своїх який яка яке які якого якої яких ні лише тільки може ' +
      'можуть все всі весь проти саме щодо понад близько тому там тут ж же хто його їм них неї ним нею наш ' +
      'заявив заявила заявили повідомив повідомила повідомили повідомляє каже розповів розповіла новини відео фото'
    ).split(' '),
  ),
  ru: new Set(
    (
      'и в во с со на до от за по о об про для что как это не а но или ли уже еще его ее их он она они оно ' +
      'мы вы я так также после под над между через при без когда где чтобы бы был была было были будет ' +
      'будут есть этот эта эти тот та то те свой свое свои своих который которая которое которые которого ' +
      'которой которых ни лишь только может могут все весь против именно из к у же кто им них нее ним ней ' +
      'наш около более заявил заявила заявили сообщил сообщила сообщили сообщает говорит рассказал новости видео фото'
    ).split(' '),
  ),
};

/** Letters kept per word after the ending is cut: enough to tell words apart, few enough to merge derivations. */
const STEM_LENGTH = 6;
/** A stem shorter than this is no longer the word ("ради" -> "рад" is fine, "дні" -> "д" is not). */
const MIN_STEM = 3;
/**
 * Common uk/ru inflection endings, longest first. Cutting one before truncating makes "Харкові"/"Харків",
 * "сильном"/"сильный" and "Одесу"/"Одесі" meet; prefix truncation alone cannot.
 */
const ENDINGS_BY_LENGTH: readonly (readonly [number, ReadonlySet<string>])[] = (() => {
  const endings = (
    'ями ами ими ыми ого его ому ему ові еві ною ою ею єю ий ій ый ой ей ая яя ое ее ые ие ої ом ем ам ям ах ях ' +
    'ів їв ов ев ую юю а я о е є и і ї ы у ю ь й'
  ).split(' ');
  const lengths = [...new Set(endings.map((ending) => ending.length))].sort((a, b) => b - a);
  return lengths.map(
    (length) => [length, new Set(endings.filter((ending) => ending.length === length))] as const,
  );
})();

function stem(word: string): string {
  // Longest ending first; a set lookup per length instead of scanning every ending (hot path of ingestion).
  for (const [length, endings] of ENDINGS_BY_LENGTH) {
    if (word.length - length >= MIN_STEM && endings.has(word.slice(-length))) {
      return word.slice(0, word.length - length).slice(0, STEM_LENGTH);
    }
  }
  return word.slice(0, STEM_LENGTH);
}
const WORD = /[a-z0-9\u0400-\u04ff']+/g;

/** Latin letters that look Cyrillic, as typed into Cyrillic words by hand or by OCR ("Cиноптиця"). */
const LOOKALIKES: Record<string, string> = {
  a: 'а',
  c: 'с',
  e: 'е',
  i: 'і',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
  k: 'к',
  m: 'м',
  t: 'т',
  b: 'в',
  h: 'н',
};

/** A word mixing Latin and Cyrillic letters is read as Cyrillic; pure Latin words (Twitter) stay as they are. */
function foldLookalikes(word: string): string {
  if (!/[a-z]/.test(word) || !/[\u0400-\u04ff]/.test(word)) return word;
  return word.replace(/[a-z]/g, (letter) => LOOKALIKES[letter] ?? letter);
}

/** Lower-cased Cyrillic/Latin/digit words without stop words; letter words lose their ending and keep 6 letters. */
export function storyTokens(text: string, lang: Lang): string[] {
  const folded = text.toLowerCase().replace(/ё/g, 'е').replace(/ґ/g, 'г').replace(/[’ʼ`]/g, "'");
  const stops = STOP_WORDS[lang];
  const tokens: string[] = [];
  for (const raw of folded.match(WORD) ?? []) {
    const word = foldLookalikes(raw.replace(/'/g, ''));
    if (word === '' || stops.has(word)) continue;
    // Numbers stay whole: "13" and "130" are different facts.
    if (/^\d+$/.test(word)) tokens.push(word);
    else if (word.length > 1) tokens.push(stem(word));
  }
  return tokens;
}

/** FNV-1a over UTF-16 code units: fast, and the same in every process (storage compares stored hashes). */
export function fnv1a32(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
