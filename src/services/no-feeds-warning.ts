/**
 * What the operator reads when the app starts with no feeds at all (an empty feeds file is allowed): how to add
 * feeds without a restart, and the file alternative.
 */
export function noFeedsWarning(operatorsConfigured: boolean): string {
  const command = 'send /addfeed <url> [uk|ru|auto] to the bot (or send it an OPML file)';
  return operatorsConfigured
    ? `no feeds yet: ${command}, or list feeds in the feeds file and restart`
    : `no feeds yet: set OPERATOR_IDS to your Telegram user id and ${command}, or list feeds in the feeds file and restart`;
}
