import type { BotContext } from '../context.js';

export const MAX_UPLOAD_BYTES = 1_000_000;

/** Downloads the document of the current message through the Bot API file endpoint, capped at 1 MB. */
export async function downloadDocument(ctx: BotContext): Promise<Buffer> {
  const file = await ctx.getFile();
  if (!file.file_path) throw new Error('the Bot API returned no file_path');
  if ((file.file_size ?? 0) > MAX_UPLOAD_BYTES) throw new Error('the file is larger than 1 MB');
  const url = `${ctx.deps.config.apiRoot}/file/bot${ctx.api.token}/${file.file_path}`;
  const response = await fetch(url, { signal: AbortSignal.timeout(20_000) });
  if (!response.ok) throw new Error(`file download answered HTTP ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  if (body.length > MAX_UPLOAD_BYTES) throw new Error('the file is larger than 1 MB');
  return body;
}
