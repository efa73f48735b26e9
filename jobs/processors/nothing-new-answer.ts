import type { StoryReader } from '../../src/core/ports/story-reader.js';
import type { ChatSettings } from '../../src/core/chat/chat-settings.js';
import { escapeHtml } from '../../src/core/render/escape-html.js';
import { renderStoryList } from '../../src/core/render/render-story-list.js';
import { FALLBACK_STORIES, fallbackTexts, latestOfTopics } from '../../src/core/digest/latest-fallback.js';

/**
 * The answer to a /digest that has nothing new: one line saying so, then the latest stories of the reader's
 * topics (as /latest would show them), so the reader never gets an empty answer and never thinks the bot broke.
 */
export async function nothingNewAnswer(stories: StoryReader, settings: ChatSettings): Promise<string[]> {
  const texts = fallbackTexts(settings.lang);
  const perTopic = await Promise.all(
    settings.topics.map((topic) => stories.latest({ lang: settings.lang, topic, limit: FALLBACK_STORIES })),
  );
  const views = latestOfTopics(perTopic, settings.mute);
  const line = escapeHtml(texts.nothingNew);
  if (views.length === 0) return [line];
  return renderStoryList(views, {
    timezone: settings.timezone,
    sourcesLabel: texts.sources,
    heading: `${line}\n\n<b>${escapeHtml(texts.heading)}</b>`,
  });
}
