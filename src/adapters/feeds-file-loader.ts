import { readFile } from 'node:fs/promises';
import { parseFeedsFile, type FeedsFile } from '../core/feed/feeds-file.js';
import { FeedsFileError } from '../errors/feeds-file-error.js';

/** Reads and validates the feeds file; a missing file is a FeedsFileError naming the path. */
export async function loadFeedsFile(path: string): Promise<FeedsFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FeedsFileError(path, 'file', code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`);
  }
  return parseFeedsFile(text, path);
}
