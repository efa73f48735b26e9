import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../../src/errors/feed-parse-error.js';
import { itemXml, rssXml } from './hostile-feeds.js';
import { messageProblems, runPipeline, storyProblems } from './pipeline.js';

// Pieces hostile text is made of: markup, entities (once, twice escaped), CDATA ends, quotes, Cyrillic, controls.
const PIECES = [
  '<',
  '>',
  '&',
  ';',
  '"',
  "'",
  '<a href="javascript:x">',
  '</a>',
  '<b>',
  '<script>',
  '<!--',
  '-->',
  ']]>',
  '<![CDATA[',
  '&lt;',
  '&gt;',
  '&amp;',
  '&amp;lt;',
  '&#0;',
  '&#x110000;',
  '&#9999999999;',
  '&nbsp;',
  '&laquo;',
  '&bogus;',
  'Київ',
  'вибухнув скандал',
  'Херсон',
  ' ',
  '\n',
  '\u0000',
  '\u200b',
  '\ud800',
  '😀',
  '.',
  '…',
  'https://e.com/x',
];
const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })), { maxLength: 40 })
  .map((parts) => parts.join(''));
const escape = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const asField = fc
  .tuple(hostileText, fc.constantFrom('raw', 'escaped', 'cdata'))
  .map(([text, how]) =>
    how === 'raw' ? text : how === 'escaped' ? escape(text) : `<![CDATA[${text.replaceAll(']]>', '')}]]>`,
  );
const documentBytes = fc
  .array(fc.record({ title: asField, description: asField, link: asField, category: asField }), {
    minLength: 1,
    maxLength: 5,
  })
  .map((items) =>
    rssXml(
      items
        .map((item, n) => itemXml({ ...item, extra: `<category>${item.category}</category>` }, n))
        .join(''),
    ),
  )
  .chain((xml) =>
    fc.oneof(
      fc.constant(new TextEncoder().encode(xml)),
      // Random byte damage: invalid UTF-8, cut sequences, stray markup bytes.
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }).map((edits) => {
        const bytes = new TextEncoder().encode(xml);
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        return bytes;
      }),
    ),
  );

describe('bytes → decode → parse → normalise → tag → render', () => {
  it('throws nothing but a FeedParseError, stays within Telegram limits and emits only its own tags', async () => {
    await fc.assert(
      fc.asyncProperty(documentBytes, async (bytes) => {
        let output;
        try {
          output = await runPipeline(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(FeedParseError);
          return;
        }
        expect(output.stories.flatMap((story) => storyProblems(story, { entities: false }))).toEqual([]);
        expect(output.messages.flatMap(messageProblems)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
