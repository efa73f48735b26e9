/** The feeds file is missing or invalid; `where` says which feed or topic and which key. */
export class FeedsFileError extends Error {
  readonly code = 'FEEDS_FILE_INVALID';
  constructor(
    readonly file: string,
    readonly where: string,
    readonly problem: string,
  ) {
    super(`${file}: ${where}: ${problem}`);
    this.name = 'FeedsFileError';
  }
}
