import { badRequest } from './api-failure.js';
import type { MethodHandler, Params } from './method-context.js';
import { parseMessageText } from './message-text.js';

/** Telegram's limits for answerInlineQuery. */
const MAX_RESULTS = 50;
const MAX_ID_BYTES = 64;
const MAX_CACHE_SECONDS = 86_400 * 365;

/** One article result as Telegram checks it: id, title, and a valid message to send. */
function checkArticle(result: Params, seen: Set<string>): void {
  const id = result.id;
  if (typeof id !== 'string' || id === '' || Buffer.byteLength(id) > MAX_ID_BYTES)
    throw badRequest('RESULT_ID_INVALID');
  if (seen.has(id)) throw badRequest('RESULT_ID_DUPLICATE');
  seen.add(id);
  if (result.type !== 'article') throw badRequest(`unsupported inline result type ${String(result.type)}`);
  if (typeof result.title !== 'string' || result.title.trim() === '') throw badRequest('RESULT_TITLE_EMPTY');
  const content = result.input_message_content as Params | undefined;
  if (!content) throw badRequest('RESULT_CONTENT_EMPTY');
  parseMessageText(content.message_text, content.parse_mode, content.entities);
  if (result.url !== undefined && !/^https?:\/\//.test(String(result.url)))
    throw badRequest('RESULT_URL_INVALID');
}

const answerInlineQuery: MethodHandler = (params, ctx) => {
  const query = ctx.state.inlineQueries.get(String(params.inline_query_id));
  if (!query || query.answer)
    throw badRequest('query is too old and response timeout expired or query ID is invalid');
  const results =
    typeof params.results === 'string' ? (JSON.parse(params.results) as unknown) : params.results;
  if (!Array.isArray(results)) throw badRequest('results must be an array');
  if (results.length > MAX_RESULTS) throw badRequest('RESULTS_TOO_MUCH');
  const seen = new Set<string>();
  for (const result of results as Params[]) checkArticle(result, seen);
  const cache = params.cache_time === undefined ? 300 : Number(params.cache_time);
  if (!Number.isInteger(cache) || cache < 0 || cache > MAX_CACHE_SECONDS)
    throw badRequest('cache_time is invalid');
  query.answer = { ...params, results };
  return true;
};

export const inlineMethods: Record<string, MethodHandler> = { answerInlineQuery };
