import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../../src/errors/feed-parse-error.js';
import { hostileDocuments } from './hostile-feeds.js';
import { messageProblems, runPipeline, storyProblems } from './pipeline.js';

const DOCUMENTS = hostileDocuments();
/**
 * Wall-clock budget for the whole path: linear in the size (2 ms per KB on top of 1 s), generous for a shared
 * 2-core machine under load, and still far below what backtracking cost (79 s for 8 KB of `<a`).
 */
const budgetMs = (bytes: number) => 1_000 + (2 * bytes) / 1_000;

describe('hostile feed documents', () => {
  it('are more than 100, all distinct', () => {
    expect(DOCUMENTS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(DOCUMENTS.map((doc) => doc.name)).size).toBe(DOCUMENTS.length);
  });

  it.each(DOCUMENTS.map((doc) => [doc.name, doc] as const))(
    '%s ends as a typed error or capped, clean stories in budget',
    async (_name, doc) => {
      const started = performance.now();
      const outcome = await runPipeline(doc.bytes, doc.contentType).catch((error: unknown) =>
        error instanceof Error ? error : new Error(String(error)),
      );
      const elapsed = performance.now() - started;
      expect(elapsed).toBeLessThan(budgetMs(doc.bytes.length));
      if (outcome instanceof Error) {
        expect(outcome).toBeInstanceOf(FeedParseError);
        expect(doc.expect).not.toBe('stories');
        return;
      }
      expect(doc.expect).not.toBe('error');
      expect(outcome.stories.length).toBeLessThanOrEqual(300);
      expect(outcome.stories.flatMap((story) => storyProblems(story))).toEqual([]);
      expect(outcome.messages.flatMap(messageProblems)).toEqual([]);
    },
  );
});
