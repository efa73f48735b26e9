import { storyFeatures, type StoryFeatures } from '../cluster/story-features.js';
import { editionKeyFor } from '../editions/edition-key.js';
import { resolveStoryLang } from '../lang/detect-language.js';
import type { Lang, NormalisedStory, Story } from '../types.js';

export type TopicClassifier = (input: {
  title: string;
  summary: string;
  categories: string[];
  lang: Lang;
  feedTopics: string[];
}) => string[];

export interface TaggedStory {
  /** Its own cluster until clustering finds an earlier one. */
  story: Story;
  /** What clustering compares (see story-features.ts). */
  features: StoryFeatures;
}

/** Language, topics, edition key and clustering features for one normalised story. */
export function tagStory(item: NormalisedStory, classify: TopicClassifier): TaggedStory {
  const lang = resolveStoryLang(item.declaredLang, item.title, item.summary);
  const topics = classify({
    title: item.title,
    summary: item.summary,
    categories: item.categories,
    lang,
    feedTopics: item.feedTopics,
  });
  const { declaredLang: _declared, feedTopics: _feedTopics, ...base } = item;
  const story: Story = { ...base, lang, topics, clusterId: item.id };
  const editionKey = editionKeyFor(item.url);
  if (editionKey) story.editionKey = editionKey;
  return { story, features: storyFeatures(item.title, item.summary, lang, item.outlet) };
}
