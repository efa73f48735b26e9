/** Where a button was shown: the onboarding flow moves on to the next step, the settings flow goes back. */
export type Flow = 'o' | 's';

export type CallbackAction = 'lang' | 'top' | 'sch' | 'set' | 'next';

export interface CallbackData {
  action: CallbackAction;
  arg: string;
  flow: Flow;
}

// The version prefix lets a future layout change tell old buttons apart and answer them as stale.
const VERSION = 'v1';
const PATTERN = /^v1:(lang|top|sch|set|next):([a-z0-9_-]{1,32}):([os])$/;

export function encodeCallback(action: CallbackAction, arg: string, flow: Flow): string {
  return `${VERSION}:${action}:${arg}:${flow}`;
}

/** Parses button data; anything unknown, old or forged yields undefined. */
export function decodeCallback(data: string | undefined): CallbackData | undefined {
  const match = data === undefined ? null : PATTERN.exec(data);
  if (!match) return undefined;
  return { action: match[1] as CallbackAction, arg: match[2]!, flow: match[3] as Flow };
}
