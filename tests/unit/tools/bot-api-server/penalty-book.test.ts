import { describe, expect, it } from 'vitest';
import { PenaltyBook } from '../../../../tools/bot-api-server/penalty-book.js';

describe('the fake Bot API penalty book', () => {
  it('counts a send inside a token-wide penalty window, for any chat; after it, none', () => {
    const book = new PenaltyBook();
    book.open(2, 1_000);
    book.check('sendmessage', 5, 1_500);
    book.check('editmessagetext', 6, 2_999);
    book.check('getme', undefined, 1_500); // not a counted method
    book.check('sendmessage', 5, 3_000);
    expect(book.snapshot()).toMatchObject({ windows: 1, violations: 2, inFlight: 0 });
  });

  it('a chat-scoped window forbids only that chat', () => {
    const book = new PenaltyBook();
    book.open(1, 0, 42);
    book.check('sendmessage', 43, 10);
    book.check('sendmessage', 42, 10);
    expect(book.snapshot().violations).toBe(1);
  });

  it('arrivals within the grace after the 429 are in flight, not violations', () => {
    const book = new PenaltyBook(100);
    book.open(1, 0);
    book.check('sendmessage', 1, 50);
    book.check('sendmessage', 1, 150);
    expect(book.snapshot()).toMatchObject({ violations: 1, inFlight: 1 });
  });
});
