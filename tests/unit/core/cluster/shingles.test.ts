import { describe, expect, it } from 'vitest';
import {
  fnv1a32,
  parseShingles,
  serialiseShingles,
  shingleSet,
  storyTokens,
} from '../../../../src/core/cluster/shingles.js';
import { similarity } from '../../../../src/core/cluster/similarity.js';
import type { Lang } from '../../../../src/core/types.js';

describe('storyTokens', () => {
  const cases: { lang: Lang; text: string; tokens: string[] }[] = [
    { lang: 'uk', text: 'України', tokens: ['україн'] },
    { lang: 'uk', text: 'Україні', tokens: ['україн'] },
    { lang: 'uk', text: 'Удар по Харкову, у Харкові, Харків', tokens: ['удар', 'харков', 'харк', 'харк'] },
    { lang: 'uk', text: 'Зеленський і Зеленського', tokens: ['зеленс', 'зеленс'] },
    { lang: 'uk', text: "Пошкоджено об'єкт та об’єкти", tokens: ['пошкод', 'обєкт', 'обєкт'] },
    { lang: 'uk', text: 'Ставка знизилася до 13,5%', tokens: ['ставк', 'знизил', '13', '5'] },
    { lang: 'uk', text: 'Ґрунт і грунту', tokens: ['грунт', 'грунт'] },
    { lang: 'ru', text: 'В Киеве из-за атаки', tokens: ['киев', 'атак'] },
    { lang: 'ru', text: 'Ещё сильном ветре, сильный ветер', tokens: ['сильн', 'ветр', 'сильн', 'ветер'] },
    { lang: 'ru', text: 'Apple и Google, 2027 год', tokens: ['apple', 'google', '2027', 'год'] },
    { lang: 'ru', text: '— «!» ...', tokens: [] },
  ];
  it.each(cases)('$lang: $text', ({ lang, text, tokens }) => {
    expect(storyTokens(text, lang)).toEqual(tokens);
  });
});

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit vectors, so hashes agree across processes', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
});

describe('shingleSet', () => {
  it('gives a shared title word more weight than a shared summary word', () => {
    const story = shingleSet('Макрон прибув до Києва', 'Візит не анонсували.', 'uk');
    const sharedInTitle = shingleSet('Макрон у Львові', '', 'uk');
    const sharedInSummary = shingleSet('Президент Франції у Львові', 'Макрон прибув потягом.', 'uk');
    expect(similarity(story, sharedInTitle)).toBeGreaterThan(similarity(story, sharedInSummary));
  });

  it('weighs newsroom words (the president, "signed") less than the event words', () => {
    const story = shingleSet('Зеленський підписав закон про мобілізацію', '', 'uk');
    const sameEvent = shingleSet('Підписано закон про мобілізацію', '', 'uk');
    const sameActor = shingleSet('Зеленський підписав указ про санкції', '', 'uk');
    expect(similarity(story, sameEvent)).toBeGreaterThan(similarity(story, sameActor));
  });

  it('is empty for text with no words', () => {
    expect(shingleSet('', '', 'uk').size).toBe(0);
    expect(shingleSet('...', '— !', 'ru').size).toBe(0);
  });
});

describe('serialiseShingles / parseShingles', () => {
  it('round-trips to an equal set that compares as identical to the fresh one', () => {
    const fresh = shingleSet(
      'Нацбанк знизив облікову ставку до 13%',
      'Рішення ухвалило правління НБУ.',
      'uk',
    );
    const parsed = parseShingles(serialiseShingles(fresh));
    expect(parsed).toEqual(fresh);
    expect(similarity(fresh, parsed)).toBe(1);
    expect(serialiseShingles(parsed)).toBe(serialiseShingles(fresh));
  });

  it('stays well under 1 KB for a long story', () => {
    const title = 'Верховна Рада ухвалила держбюджет на 2027 рік у другому читанні: що змінилося для армії';
    const summary = 'Народні депутати підтримали документ 257 голосами. '.repeat(30);
    const serialised = serialiseShingles(shingleSet(title, summary, 'uk'));
    expect(Buffer.byteLength(serialised)).toBeLessThan(400);
  });

  it('parses an empty string to an empty set', () => {
    expect(parseShingles('').size).toBe(0);
  });
});
