import type { Lang } from '../types.js';

/**
 * Keyword stems that are also everyday figures of speech ("вибухнув скандал", "атакував критикою", "взрыв эмоций",
 * "удар по репутації"). For the topic named here such a stem counts only when the same story also carries one of
 * the topic's other stems (its context); alone it never files a story under the topic. Stems are matched as the
 * topic's own keyword list spells them, so a stem listed here that a topic does not have changes nothing.
 */
export const CONTEXT_STEMS: Readonly<Record<string, Readonly<Record<Lang, readonly string[]>>>> = {
  war: {
    uk: ['вибух', 'атакув', 'атак', 'удар по', 'вдарил', 'тривог', 'бойов', 'знищил', 'танк', 'збро'],
    ru: ['взрыв', 'атакова', 'атак', 'удар по', 'ударил', 'тревог', 'боев', 'уничтожил', 'танк', 'оружи'],
  },
};
