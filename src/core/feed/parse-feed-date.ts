// V8 parses RFC 822 dates but only North American zone names; these appear in Ukrainian and Russian feeds.
const ZONE_OFFSETS: Record<string, string> = {
  EET: '+0200',
  EEST: '+0300',
  MSK: '+0300',
  CET: '+0100',
  CEST: '+0200',
};
const TRAILING_ZONE = /\b([A-Z]{3,4})$/;
const ISO_WITHOUT_ZONE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;
const ENDS_WITH_TIME = / \d{1,2}:\d{2}(?::\d{2})?$/;
const HAS_YEAR = /(?:^|\D)\d{4}(?:\D|$)/;

/**
 * Epoch milliseconds of a feed date (ISO 8601 or RFC 822), or undefined when it cannot be read. A date without
 * a zone is read as UTC, so the result never depends on the server's time zone.
 */
export function parseFeedDate(value: string | undefined): number | undefined {
  let text = value?.trim().replace(/\s+/g, ' ');
  // V8's fallback parser turns junk such as "вчора 12" into a date in 2001; a real feed date names its year.
  if (!text || !HAS_YEAR.test(text)) return undefined;
  const iso = ISO_WITHOUT_ZONE.exec(text);
  if (iso) {
    text = `${iso[1]}T${iso[2]}Z`;
  } else if (ENDS_WITH_TIME.test(text)) {
    text = `${text} +0000`;
  } else {
    const zone = TRAILING_ZONE.exec(text)?.[1];
    const offset = zone ? ZONE_OFFSETS[zone] : undefined;
    if (offset) text = text.replace(TRAILING_ZONE, offset);
  }
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}
