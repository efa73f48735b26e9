import type { Lang, Story } from '../types.js';

/** A story the store found for a chat's window, with what selection needs to decide about it. */
export interface DigestCandidate {
  story: Story;
  /** Distinct outlets in the story's cluster. */
  sources: number;
  /** The same article in the other language, when the edition pair is known and stored. */
  otherEdition?: Story;
  /**
   * When the story was stored. Windows are over ingestion time: an item a feed lists hours after its stated
   * publication time still reaches the next digest. Falls back to publication time when unknown.
   */
  ingestedAt?: number;
}

export interface DigestEntry {
  story: Story;
  sources: number;
  /** Shown although it exists only in the other language (the chat allows that); the renderer marks it. */
  otherLang: boolean;
}

export interface DigestSection {
  /** A topic slug, or FOLLOWED_SECTION for stories included only through a followed keyword. */
  topic: string;
  entries: DigestEntry[];
}

export interface Digest {
  lang: Lang;
  sections: DigestSection[];
}

/** What selection reads from a chat's settings: identical inputs give identical digests. */
export interface DigestInputs {
  lang: Lang;
  topics: readonly string[];
  follow: readonly string[];
  mute: readonly string[];
  allowOtherLang: boolean;
  timezone: string;
}

/** Stories published in [from, to). */
export interface DigestWindow {
  from: number;
  to: number;
}

export interface DigestLimits {
  perTopic: number;
  total: number;
}

export const DEFAULT_DIGEST_LIMITS: DigestLimits = { perTopic: 5, total: 20 };
export const FOLLOWED_SECTION = '*followed';
/** A digest never reaches further back than this, however long ago the previous one was. */
export const MAX_WINDOW_MS = 24 * 3600 * 1000;
