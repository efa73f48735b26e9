import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trimAtSentence } from '../../../../src/core/text/trim-at-sentence.js';

describe('trimAtSentence', () => {
  it.each<[string, number, string]>([
    ['Коротко.', 20, 'Коротко.'],
    ['Перше речення тут. Друге речення значно довше за бюджет.', 30, 'Перше речення тут.'],
    ['Він сказав: «Так!» І пішов далі без жодних пояснень.', 25, 'Він сказав: «Так!»'],
    // A sentence end too early loses to a word cut: the reader keeps more of the text.
    ['Так. Далі йде дуже довгий текст без крапок аж до кінця', 30, 'Так. Далі йде дуже довгий…'],
    ['Ціна 5.5 грн за кілограм у всіх магазинах міста', 20, 'Ціна 5.5 грн за…'],
    ['Вулиця ім. Шевченка закрита для руху транспорту', 20, 'Вулиця ім. Шевченка…'],
  ])('%j at %i -> %j', (text, max, expected) => {
    expect(trimAtSentence(text, max)).toBe(expected);
  });

  it('never exceeds max and always returns a prefix (plus "…" when cut mid-sentence)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), fc.integer({ min: 1, max: 400 }), (text, max) => {
        const result = trimAtSentence(text, max);
        if (result.length > max) return false;
        const body = result.endsWith('…') && !text.startsWith(result) ? result.slice(0, -1) : result;
        return text.startsWith(body);
      }),
      { numRuns: 300 },
    );
  });
});
