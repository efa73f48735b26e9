import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../../src/core/render/telegram-html.js';

describe('cleanText', () => {
  it.each([
    // A real summary cut (ukranews.com, tests/golden): before, the reader saw "Харьковской о…".
    {
      text: 'кандидатами в депутаты председателя Харьковской облгосадминистрации',
      max: 50,
      out: 'кандидатами в депутаты председателя Харьковской…',
    },
    { text: 'коротко', max: 50, out: 'коротко' },
    { text: '  пробіли\n\tі   рядки  ', max: 50, out: 'пробіли і рядки' },
    // One long word: no boundary near the end, so it is cut inside the word rather than left nearly empty.
    { text: 'а ' + 'б'.repeat(60), max: 20, out: `а ${'б'.repeat(17)}…` },
  ])('$text → $out', ({ text, max, out }) => {
    const cleaned = cleanText(text, max);
    expect(cleaned).toBe(out);
    expect([...cleaned].length).toBeLessThanOrEqual(max);
  });
});
