import { francAll } from 'franc-min';
import type { FeedLang, Lang } from '../types.js';

export interface LanguageGuess {
  lang: Lang;
  /** `letters`: decided by letters only one language has; `detector`: by word cues and trigram statistics. */
  confidence: 'letters' | 'detector';
}

/** Fewer Cyrillic letters than this and there is nothing to judge. */
const MIN_CYRILLIC = 4;
/** With letters on both sides, the winner needs this many times the loser's count to decide alone. */
const LETTER_RATIO = 3;
/** A declared feed language is overridden by the detector only on this much text and this clear a score. */
const OVERRIDE_MIN_CYRILLIC = 60;
const OVERRIDE_MIN_SCORE = 4;

// Whole words that exist in one language only (in the spelling feeds use). Weight 2 = function words and
// spellings that never occur in the other language; 1 = usually but not always.
const UK_WORDS = new Map([
  ...wordTable(
    2,
    'та що щоб як якщо й це цей ця цю цим цих цього цьому його йому або але вже ще щодо коли тому чому також ' +
      'буде будуть був була було були яка який яке яку якого якому яких якими зараз можуть може треба лише ' +
      'майже понад серед проти теж бо адже отже року гривень гривню гривня де хто чи з вчора дуже разом ' +
      'зокрема тобто згодом тисяч тисячу тисячі людина людини людину наразі вперше',
  ),
  ...wordTable(1, 'у про мито мита кава рух руху'),
]);

const RU_WORDS = new Map([
  ...wordTable(
    2,
    'что чтобы как если его ее их от из со к ко еще также будет будут был была было были года году год лет ' +
      'после когда или только сколько почему где кто сейчас вчера около более среди против между очень он ' +
      'ему им во о под ни ли и гривен гривна гривну человек человека людям цена цену цены цен свет света ' +
      'могут смогут помогут идут ведут придут найдут ноябрь ноября декабрь декабря',
  ),
  ...wordTable(1, 'с о об уже город города но'),
]);

// Word starts: spellings, stems and abbreviations that belong to one language.
const UK_PREFIXES: Array<[string, number]> = [
  ...prefixes(
    2,
    'україн київ ворог уряд громад допомог отрима пропон ухвал оголос скасу зменш зрост знищ поранен ' +
      'загин загибл вибух вдар постачан тижн тижден робоч кошт дорожч дешевш людин мешканц вчител ' +
      'електр енерг економ експ ефект ескал евакуац ембарго етап перемог поразк одещ ' +
      'січ лют берез квіт травн червн липн серпн вересн жовтн листопад грудн наступн ' +
      'обмеж польщ вантаж загроз тривог вогн вогон потяг пошкодж збив збил збит вибор вимаг борг гроше ' +
      'збро окупант окупац угод затрим злочин шахра хабар посадов прац навчан дитин дитяч мистецт ' +
      'змаган здобу гравц гравец вироб виготов',
  ),
  ...prefixes(1, 'роз'),
];
const RU_PREFIXES: Array<[string, number]> = [
  ...prefixes(
    2,
    'украин киев враг помощ получ предлаг отмен уменьш уничтож погиб недел рабоч работ дешевл котор ' +
      'мужчин женщин росси одесс днепр харьков запорож николаев чернигов черкасс сообщ рассказ побед ' +
      'решен вопрос январ феврал апрел июн июл август сентябр октябр ноябр декабр учител доллар ' +
      'огранич движен польш грузов угроз тревог восто огн огон поезд врач больн поврежд сбил сбит ' +
      'сбив потер производ изготов требу налог долг денег деньг оруж войск оккуп соглаш заседан ' +
      'приговор задерж преступ мошенн подозр взятк чиновн обучен ребен детск детей дети искусств ' +
      'выставк спектакл соревнован завоева сборн игрок чемпион олимп турнир финал политик министр ' +
      'миллион миллиард кризис',
  ),
  ...prefixes(1, 'рас жител'),
];

const UK_ABBREVIATIONS = new Set(['зсу', 'ппо', 'мзс', 'мвс', 'дснс', 'вооз', 'фоп', 'овдп', 'швл']);
const RU_ABBREVIATIONS = new Set(['всу', 'пво', 'мид', 'мвд', 'гсчс', 'ес', 'воз', 'флп', 'овгз', 'ивл']);

// Ordinary nouns ending like a Russian past-tense verb, shared by both languages.
const SHARED_AL_NOUNS = new Set(
  'канал сигнал скандал генерал персонал журнал вокзал арсенал трибунал квартал финал фінал капитал капітал материал матеріал потенциал потенціал сериал серіал адмирал адмірал маршал криминал ритуал'.split(
    ' ',
  ),
);

interface Rule {
  test: (word: string, capitalised: boolean) => boolean;
  /** Positive = Ukrainian, negative = Russian. */
  weight: number;
}

// Morphology: endings that differ between the languages even without any distinguishing letter.
const RULES: Rule[] = [
  { test: (w) => /(?:нн|тт)(?:я|ям|ях|ями)$/u.test(w), weight: 2 }, // uk рішення/питання vs ru -ние/-ния
  { test: (w) => /[сзц]ьк/u.test(w), weight: 2 }, // uk -ський/-цький vs ru -ский/-цкий
  { test: (w) => /[сзцдтн]ьо/u.test(w), weight: 1 }, // uk сьогодні, цього, льотчик
  { test: (w) => w.length >= 5 && /ою$/u.test(w), weight: 1 }, // uk instrumental -ою vs ru -ой
  { test: (w) => w.length >= 5 && /(?:[ауя]в|[^т]ив)$/u.test(w) && !w.endsWith('став'), weight: 1 }, // uk past -в
  { test: (w) => w.length >= 5 && /[аиуя]ти$/u.test(w) && w !== 'кстати', weight: 1 }, // uk infinitive -ти
  { test: (w) => w.length >= 5 && /[еи]мо$/u.test(w), weight: 1 }, // uk 1st plural
  { test: (w, cap) => !cap && w.length >= 5 && /[бвдзлмпрстфц]ий$/u.test(w), weight: 1 }, // uk adj -ий
  { test: (w) => /^держ(?:ав|[бвгдзклмнпрстф])/u.test(w), weight: 2 }, // uk держбюджет, держава
  { test: (w) => /(?:ия|ии|ие|ию|ием|иям|иях|иями)$/u.test(w) && w.length >= 4, weight: -2 }, // ru -ция/-ние
  { test: (w) => /[сзц]к(?:ий|ая|ое|ие|их|ого|ому|ой|ую|им|ими)$/u.test(w), weight: -2 }, // ru -ский
  { test: (w) => w.length >= 4 && /(?:ая|яя|ое|ее)$/u.test(w), weight: -2 }, // ru adjective endings
  { test: (w) => /тся$/u.test(w), weight: -2 }, // ru reflexive -тся vs uk -ться
  { test: (w) => w.length >= 4 && /ой$/u.test(w), weight: -1 }, // ru -ой
  { test: (w) => w.length >= 5 && /[аеия]л$/u.test(w) && !SHARED_AL_NOUNS.has(w), weight: -1 }, // ru past -л
  { test: (w) => w.length >= 5 && /(?:ят|чат|ют)$/u.test(w) && w !== 'валют' && w !== 'салют', weight: -1 },
  { test: (w) => w.length >= 4 && /ов$/u.test(w), weight: -0.5 }, // ru genitive plural -ов vs uk -ів
  { test: (w) => /^гос[бдизку]/u.test(w), weight: -2 }, // ru госбюджет, госизмена
  { test: (w) => w.length >= 2 && w.startsWith('и'), weight: -2 }, // uk words (almost) never start with и
  { test: (w) => /(?:ност|ласт|вост)(?:ь|и|ью|ей|ям|ях)$/u.test(w), weight: -2 }, // ru -ость vs uk -ість
  { test: (w) => /(?:ает|яет|ует|еет|ают|яют|уют)$/u.test(w), weight: -2 }, // ru present -ает vs uk -ає
];

function wordTable(weight: number, words: string): Map<string, number> {
  return new Map(words.split(/\s+/u).map((word) => [word, weight]));
}

function prefixes(weight: number, stems: string): Array<[string, number]> {
  return stems.split(/\s+/u).map((stem) => [stem, weight]);
}

const CYRILLIC = /[а-яёіїєґ]/giu;
const UK_LETTERS = /[іїєґ]/giu;
const RU_LETTERS = /[ыэъё]/giu;
// An apostrophe inside a Cyrillic word (м’ясо, п'ять) is Ukrainian; Russian writes ъ there.
const UK_APOSTROPHE = /[а-яіїєґ]['’ʼ](?=[а-яіїєґ])/giu;
// Latin i between Cyrillic letters: a common substitute for і in hand-made feeds.
const LATIN_I = /(?<=[а-яєїґ])i(?=[а-яєїґ])/giu;
const WORD = /[a-zа-яёіїєґ'’ʼ]+/giu;

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

interface Evidence {
  cyrillic: number;
  ukLetters: number;
  ruLetters: number;
  /** Word cues plus trigram margin; positive = Ukrainian. */
  score: number;
}

function cueScore(text: string): number {
  let score = 0;
  for (const match of text.matchAll(WORD)) {
    const raw = match[0].replace(/['’ʼ]/gu, "'").replace(/^'+|'+$/gu, '');
    if (!/[а-яёіїєґ]/iu.test(raw)) continue;
    const capitalised = raw[0] !== raw[0]?.toLowerCase();
    const word = raw.toLowerCase();
    score += UK_WORDS.get(word) ?? 0;
    score -= RU_WORDS.get(word) ?? 0;
    if (UK_ABBREVIATIONS.has(word)) score += 2;
    if (RU_ABBREVIATIONS.has(word)) score -= 2;
    for (const [stem, weight] of UK_PREFIXES) if (word.startsWith(stem)) score += weight;
    for (const [stem, weight] of RU_PREFIXES) if (word.startsWith(stem)) score -= weight;
    for (const rule of RULES) if (rule.test(word, capitalised)) score += rule.weight;
  }
  return score;
}

function trigramScore(text: string): number {
  const [first, second] = francAll(text, { only: ['ukr', 'rus'], minLength: 10 });
  if (!first || !second || first[0] === 'und') return 0;
  // francAll normalises the best distance to 1; the runner-up's share says how clear the win was.
  const margin = Math.min((1 - second[1]) * 8, 2.5);
  return first[0] === 'ukr' ? margin : -margin;
}

function countLetters(text: string): Evidence {
  const ukLetters = count(text, UK_LETTERS) + count(text, UK_APOSTROPHE) + count(text, LATIN_I);
  const ruLetters = count(text, RU_LETTERS);
  return { cyrillic: count(text, CYRILLIC), ukLetters, ruLetters, score: 0 };
}

/** Adds the word-cue and trigram score; the costly part, so callers skip it when letters already decide. */
function withScore(text: string, letters: Evidence): Evidence {
  if (letters.cyrillic < MIN_CYRILLIC) return letters;
  const score = cueScore(text) + trigramScore(text) + (letters.ukLetters - letters.ruLetters);
  return { ...letters, score };
}

function gatherEvidence(text: string): Evidence {
  return withScore(text, countLetters(text));
}

function lettersDecide(evidence: Evidence): Lang | undefined {
  const { ukLetters: uk, ruLetters: ru } = evidence;
  if (uk > 0 && uk >= ru * LETTER_RATIO) return 'uk';
  if (ru > 0 && ru >= uk * LETTER_RATIO) return 'ru';
  return undefined;
}

function guessFrom(evidence: Evidence): LanguageGuess | undefined {
  if (evidence.cyrillic < MIN_CYRILLIC) return undefined;
  const byLetters = lettersDecide(evidence);
  if (byLetters) return { lang: byLetters, confidence: 'letters' };
  if (evidence.score === 0) return undefined;
  return { lang: evidence.score > 0 ? 'uk' : 'ru', confidence: 'detector' };
}

/** Guesses whether a text is Ukrainian or Russian; undefined when it has too little Cyrillic to judge. */
export function detectLanguage(text: string): LanguageGuess | undefined {
  return guessFrom(gatherEvidence(text));
}

/**
 * The language a story is stored in. The feed's declared language wins unless the text clearly says
 * otherwise: UA editions do carry Russian items, but a short headline is too little evidence to overrule.
 */
export function resolveStoryLang(declared: FeedLang, title: string, summary: string): Lang {
  const text = `${title}\n${summary}`;
  const letters = countLetters(text);
  // Letters settle most real items cheaply; the scored detector runs only where its answer could matter.
  const byLetters = letters.cyrillic >= MIN_CYRILLIC ? lettersDecide(letters) : undefined;
  if (byLetters) return byLetters;
  if (declared !== 'auto' && letters.cyrillic < OVERRIDE_MIN_CYRILLIC) return declared;
  const evidence = withScore(text, letters);
  const guess = guessFrom(evidence);
  if (declared === 'auto') return guess?.lang ?? 'uk';
  if (!guess || guess.lang === declared) return declared;
  const strong = Math.abs(evidence.score) >= OVERRIDE_MIN_SCORE;
  return strong ? guess.lang : declared;
}

/** A feed is `mixed` when the minority language makes up at least this share of its items. */
export const MIXED_MINORITY_SHARE = 0.2;

export function summariseFeedLanguage(langs: readonly Lang[]): Lang | 'mixed' | 'unknown' {
  if (langs.length === 0) return 'unknown';
  const uk = langs.filter((lang) => lang === 'uk').length;
  const ru = langs.length - uk;
  if (Math.min(uk, ru) / langs.length >= MIXED_MINORITY_SHARE) return 'mixed';
  return uk >= ru ? 'uk' : 'ru';
}

const LANG_INPUTS = new Map<string, Lang>(
  Object.entries({
    uk: 'uk',
    ua: 'uk',
    ukr: 'uk',
    українська: 'uk',
    ukrainian: 'uk',
    ru: 'ru',
    rus: 'ru',
    русский: 'ru',
    russian: 'ru',
  }) as Array<[string, Lang]>,
);

/** Reads a language a user typed (`ua` is an alias of `uk`). */
export function parseLangInput(input: string): Lang | undefined {
  return LANG_INPUTS.get(input.trim().toLowerCase());
}
