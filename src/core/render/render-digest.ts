import { dateTimeFormat } from '../text/date-format.js';
import { FOLLOWED_SECTION, type Digest, type DigestEntry } from '../digest/digest-types.js';
import type { Lang, TopicDefinition } from '../types.js';
import { splitMessages, type SplitLimits } from './split-messages.js';
import { cleanText, HtmlBlock, safeUrl } from './telegram-html.js';

export interface RenderDigestOptions {
  topics: readonly TopicDefinition[];
  timezone: string;
  /** Digest time shown in the header; omitted for instant batches. */
  at?: number;
  /** Instant updates get their own short heading instead of the dated digest header. */
  instant?: boolean;
  limits?: SplitLimits;
}

const TITLE_MAX = 300;
const SUMMARY_MAX = 240;
const OUTLET_MAX = 60;
const HEADING_MAX = 100;

interface Labels {
  header: string;
  instant: string;
  followed: string;
  other: string;
  otherLang: string;
  /** `+N` other outlets, with the noun in the right plural form. */
  sources: (others: number) => string;
  locale: string;
}

function slavicPlural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

const LABELS: Record<Lang, Labels> = {
  uk: {
    header: 'Добірка новин',
    instant: 'Щойно',
    followed: 'За вашими ключовими словами',
    other: 'Інше',
    otherLang: '(рос.)',
    sources: (n) => `+${n} ${slavicPlural(n, 'джерело', 'джерела', 'джерел')}`,
    locale: 'uk-UA',
  },
  ru: {
    header: 'Подборка новостей',
    instant: 'Только что',
    followed: 'По вашим ключевым словам',
    other: 'Другое',
    otherLang: '(укр.)',
    sources: (n) => `+${n} ${slavicPlural(n, 'источник', 'источника', 'источников')}`,
    locale: 'ru-RU',
  },
};

function format(at: number, locale: string, timezone: string, withDate: boolean): string {
  return dateTimeFormat(locale, {
    timeZone: timezone,
    ...(withDate ? { day: 'numeric', month: 'long' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

function entryBlock(entry: DigestEntry, labels: Labels, timezone: string): HtmlBlock {
  const { story } = entry;
  const block = new HtmlBlock();
  const title = cleanText(story.title, TITLE_MAX) || '…';
  const url = safeUrl(story.url);
  block.plain('• ');
  if (url) block.link(url, title);
  else block.tag('b', title);
  if (entry.otherLang) block.plain(` ${labels.otherLang}`);
  const summary = cleanText(story.summary, SUMMARY_MAX);
  if (summary !== '' && summary !== title) block.plain(`\n${summary}`);
  const meta = [
    cleanText(story.outlet, OUTLET_MAX),
    format(story.publishedAt, labels.locale, timezone, false),
  ];
  if (entry.sources > 1) meta.push(labels.sources(entry.sources - 1));
  block.plain('\n').tag('i', meta.filter((part) => part !== '').join(' · '));
  return block;
}

/**
 * Renders a digest as Telegram HTML messages: a header, then each topic's name in bold followed by its entries.
 * Every piece of feed text is cleaned and escaped; messages split only between entries (a topic heading stays with
 * its first entry) and stay within Telegram's length and entity limits.
 */
export function renderDigest(digest: Digest, options: RenderDigestOptions): string[] {
  const labels = LABELS[digest.lang];
  const blocks: HtmlBlock[] = [];
  const headingText = options.instant
    ? labels.instant
    : options.at === undefined
      ? labels.header
      : `${labels.header} · ${format(options.at, labels.locale, options.timezone, true)}`;
  let pending: HtmlBlock | undefined = new HtmlBlock().tag('b', cleanText(headingText, HEADING_MAX));
  for (const section of digest.sections) {
    const topic = options.topics.find((t) => t.slug === section.topic);
    const name =
      section.topic === FOLLOWED_SECTION
        ? labels.followed
        : (topic?.names[digest.lang] ?? (section.topic === 'other' ? labels.other : section.topic));
    section.entries.forEach((entry, index) => {
      const block = new HtmlBlock();
      if (pending) {
        block.html = `${pending.html}\n\n`;
        block.text = `${pending.text}\n\n`;
        block.entities = pending.entities;
        pending = undefined;
      }
      if (index === 0) block.tag('b', cleanText(name, HEADING_MAX)).plain('\n');
      const entryPart = entryBlock(entry, labels, options.timezone);
      block.html += entryPart.html;
      block.text += entryPart.text;
      block.entities += entryPart.entities;
      blocks.push(block);
    });
  }
  return splitMessages(blocks, options.limits);
}

const NOTHING_NEW: Record<Lang, string> = {
  uk: 'Нічого нового за вашими темами від попередньої добірки.',
  ru: 'Ничего нового по вашим темам с прошлой подборки.',
};

/** The answer to /digest when the digest would be empty (scheduled digests are simply not sent then). */
export function nothingNewText(lang: Lang): string {
  return NOTHING_NEW[lang];
}
