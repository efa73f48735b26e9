import { fork, type ChildProcess } from 'node:child_process';
import { childEntry } from './child-entry.js';

/** What bench/support/bot-api-child.ts answers: its address first, then one reply per request. */
export interface BotApiChildReply {
  apiRoot?: string;
  token?: string;
  added?: number;
  /** Per message: chat id, text length, send time (ms), the first 200 characters of the text. */
  sent?: [number, number, number, string][];
  rejected?: number;
  penaltyViolations?: number;
}

export interface BotApiChild {
  apiRoot: string;
  token: string;
  /** Makes the chats known to the server (a private chat for `private`, a group or channel otherwise). */
  addChats(chats: { id: number; kind: string }[]): Promise<void>;
  /** Everything sent so far, and what the limits refused. */
  report(): Promise<BotApiChildReply>;
  /** Closes the server and waits for the process to exit. */
  close(): Promise<void>;
}

/**
 * The local Bot API server in a child process (bench/support/bot-api-child.ts), so a benchmark measures the
 * pipeline, not the fake's share of one event loop. `limits`: enforce Telegram's flood limits. `track` sees the
 * child as soon as it is forked (to kill it if the benchmark exits early).
 */
export async function startBotApiChild(
  options: { limits?: boolean; track?: (child: ChildProcess) => void } = {},
): Promise<BotApiChild> {
  const entry = childEntry('bot-api-child');
  const child = fork(entry.path, options.limits ? ['limits'] : [], {
    execArgv: entry.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  options.track?.(child);
  const next = () =>
    new Promise<BotApiChildReply>((resolve) => child.once('message', (m) => resolve(m as BotApiChildReply)));
  const hello = await next();
  return {
    apiRoot: hello.apiRoot as string,
    token: hello.token as string,
    async addChats(chats) {
      const reply = next();
      child.send({ chats });
      await reply;
    },
    async report() {
      const reply = next();
      child.send({ report: true });
      return reply;
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ close: true });
      await exited;
    },
  };
}
