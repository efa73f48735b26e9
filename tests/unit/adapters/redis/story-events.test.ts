import { expect, it } from 'vitest';
import { parseNewStoryEvent } from '../../../../src/adapters/redis/story-events.js';

it.each([
  [
    ['id', 'a1', 'lang', 'uk', 'topics', 'politics,war'],
    { id: 'a1', lang: 'uk', topics: ['politics', 'war'] },
  ],
  [['lang', 'ru', 'id', 'b2', 'topics', ''], { id: 'b2', lang: 'ru', topics: [] }],
  // A missing field reads as empty: it must not pick up the first field's name or value.
  [['id', 'c3'], { id: 'c3', lang: '', topics: [] }],
  [['lang', 'uk'], { id: '', lang: 'uk', topics: [] }],
])('parseNewStoryEvent(%j)', (fields, expected) => {
  expect(parseNewStoryEvent(fields)).toEqual(expected);
});
