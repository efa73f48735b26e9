import { describe, expect, it } from 'vitest';
import { fnv1a32, storyTokens } from '../../../../src/core/cluster/shingles.js';
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
    // A Latin "C" typed into a Cyrillic word reads as Cyrillic; a Latin word stays Latin.
    { lang: 'uk', text: 'Cиноптиця і Twitter', tokens: ['синопт', 'twitte'] },
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
