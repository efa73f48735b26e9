import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { truncateAtWord } from '../../../../src/core/text/truncate-at-word.js';

describe('truncateAtWord', () => {
  it.each<[string, number, string]>([
    ['Коротко', 20, 'Коротко'],
    ['Рівно десять', 12, 'Рівно десять'],
    ['Верховна Рада ухвалила бюджет', 20, 'Верховна Рада…'],
    ['Верховна Рада ухвалила', 14, 'Верховна Рада…'],
    ['Один, два, три', 10, 'Один…'],
    ['Надзвичайнодовгеслово', 8, 'Надзвич…'],
    ['Новина 😀😀😀', 9, 'Новина…'],
    ['Два слова', 1, '…'],
    ['Два слова', 0, ''],
  ])('%j at %i -> %j', (text, max, expected) => {
    const result = truncateAtWord(text, max);
    expect(result).toBe(expected);
    expect(result.length).toBeLessThanOrEqual(max);
  });

  it('never exceeds max, and a cut result is a prefix of the text followed by "…"', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 1, max: 200 }), (text, max) => {
        const result = truncateAtWord(text, max);
        if (result.length > max) return false;
        if (text.length <= max) return result === text;
        return result.endsWith('…') && text.startsWith(result.slice(0, -1));
      }),
      { numRuns: 500 },
    );
  });
});
