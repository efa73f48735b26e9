import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update, User } from 'grammy/types';
import { ApiFailure } from './api-failure.js';
import { CallLog } from './call-log.js';
import { FaultBook, NetworkFault, failureFor } from './faults.js';
import { FloodLimiter } from './limits.js';
import { PenaltyBook, type PenaltyStats } from './penalty-book.js';
import type { MethodContext, MethodHandler } from './method-context.js';
import { botMethods, commandsKey } from './methods-bot.js';
import { chatMethods } from './methods-chats.js';
import { fileMethods } from './methods-files.js';
import type { SentDocument, SentPhoto } from './files.js';
import { inlineMethods } from './methods-inline.js';
import { photoMethods } from './methods-photos.js';
import { messageMethods } from './methods-messages.js';
import { readParams } from './request-body.js';
import { BotApiState } from './state.js';
import { UserSimulator, type ChatRef } from './simulate.js';
import { UpdateQueue } from './update-queue.js';
import type {
  AdminRights,
  ApiCall,
  BotUser,
  FakeChat,
  FaultScope,
  FaultSpec,
  LimitStats,
  MemberStatus,
  NewChat,
  NewUser,
  SentMessage,
  TelegramLimits,
} from './types.js';

export type * from './types.js';
export type { ChatRef } from './simulate.js';
export type { PenaltyStats } from './penalty-book.js';

export interface BotApiServerOptions {
  /** `<bot id>:<secret>`; the id part becomes the bot's user id. */
  token?: string;
  botUser?: Partial<BotUser>;
  /** Enforce Telegram's flood limits on sendMessage; off when omitted. */
  limits?: TelegramLimits;
  /** Clock in ms, for message dates and limits. */
  now?: () => number;
  /** Arrivals this soon after a 429 count as in flight, not as penalty-window violations (default 0). */
  penaltyGraceMs?: number;
}

const HANDLERS = new Map<string, { name: string; handler: MethodHandler }>(
  Object.entries({
    ...botMethods,
    ...chatMethods,
    ...messageMethods,
    ...fileMethods,
    ...inlineMethods,
    ...photoMethods,
  }).map(([name, handler]) => [name.toLowerCase(), { name, handler }]),
);

const PATH = /^\/bot([^/]+)\/([^/]+)$/;
const FILE_PATH = /^\/file\/bot([^/]+)\/(.+)$/;

const send = (res: ServerResponse, status: number, body: unknown): void => {
  if (res.destroyed || res.writableEnded) return;
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
};

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/** A local, real-HTTP stand-in for api.telegram.org with scriptable users, faults and flood limits. */
export class BotApiServer {
  readonly apiRoot: string;
  readonly token: string;
  readonly bot: BotUser;
  private readonly state: BotApiState;
  private readonly queue = new UpdateQueue();
  private readonly log = new CallLog();
  private readonly faults = new FaultBook();
  private readonly limiter: FloodLimiter | undefined;
  private readonly penalties: PenaltyBook;
  private readonly users: UserSimulator;
  private readonly nowMs: () => number;
  private readonly closing = new AbortController();

  constructor(
    private readonly server: Server,
    port: number,
    options: BotApiServerOptions,
  ) {
    this.apiRoot = `http://127.0.0.1:${port}`;
    this.token = options.token ?? '123456789:TEST-fake-bot-api-token';
    const id = Number(this.token.split(':')[0]) || 123456789;
    this.bot = {
      id,
      is_bot: true,
      first_name: 'Test Bot',
      username: 'test_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      ...options.botUser,
    } as BotUser;
    this.nowMs = options.now ?? Date.now;
    this.state = new BotApiState(this.bot);
    this.limiter = options.limits ? new FloodLimiter(options.limits) : undefined;
    this.penalties = new PenaltyBook(options.penaltyGraceMs ?? 0);
    this.users = new UserSimulator(this.state, this.queue, this.nowMs);
  }

  // --- world set-up -------------------------------------------------------------------------

  addUser(input?: NewUser): User {
    return this.state.addUser(input);
  }

  addChat(input: NewChat): FakeChat {
    return this.state.addChat(input);
  }

  /** The user's private chat with the bot (chat id = user id). */
  privateChat(user: User): FakeChat {
    if (!this.state.users.has(user.id)) this.state.users.set(user.id, user);
    return this.state.privateChatOf(user);
  }

  chat(chatId: number): FakeChat | undefined {
    return this.state.chats.get(chatId);
  }

  setMember(chatId: number, user: User | number, status: MemberStatus, rights?: AdminRights): void {
    const userId = typeof user === 'number' ? user : user.id;
    if (typeof user !== 'number' && !this.state.users.has(user.id)) this.state.users.set(user.id, user);
    this.state.setMember(chatId, userId, status, rights);
  }

  /** sendMessage to this private chat answers 403 "Forbidden: bot was blocked by the user". */
  blockUser(chatId: number): void {
    this.state.blocked.add(chatId);
  }

  unblockUser(chatId: number): void {
    this.state.blocked.delete(chatId);
  }

  /** Upgrades a group: sends to the old id answer 400 with migrate_to_chat_id; members carry over. */
  migrateGroup(oldChatId: number, newChatId?: number): FakeChat {
    const old = this.state.chats.get(oldChatId);
    if (!old || old.type !== 'group') throw new Error(`fake Bot API: ${oldChatId} is not a group`);
    const next = this.state.addChat({
      type: 'supergroup',
      ...(newChatId !== undefined ? { id: newChatId } : {}),
      ...(old.title !== undefined ? { title: old.title } : {}),
    });
    this.state.copyMembers(old.id, next.id);
    old.migratedTo = next.id;
    return next;
  }

  commands(scope?: Record<string, unknown>, languageCode?: string): unknown[] | undefined {
    return this.state.commands.get(commandsKey(scope, languageCode));
  }

  webhook(): Record<string, unknown> | undefined {
    return this.state.webhook;
  }

  callbackAnswer(callbackQueryId: string): Record<string, unknown> | undefined {
    return this.state.callbackQueries.get(callbackQueryId)?.answer;
  }

  /** The bot's answerInlineQuery parameters (results parsed), once it answered. */
  inlineAnswer(inlineQueryId: string): Record<string, unknown> | undefined {
    return this.state.inlineQueries.get(inlineQueryId)?.answer;
  }

  // --- simulated users ----------------------------------------------------------------------

  /**
   * A user types `@bot query` in any chat. Delivered only when the bot asked for inline_query updates (allowed
   * updates), as Telegram does; returns the update so a test can find its id.
   */
  inlineQuery(from: User, query: string, offset = ''): Update {
    const id = `iq${this.state.inlineQueries.size + 1}`;
    this.state.inlineQueries.set(id, { query });
    return this.pushUpdate({ inline_query: { id, from, query, offset } } as Omit<Update, 'update_id'>);
  }

  pushUpdate(update: Omit<Update, 'update_id'> & { update_id?: number }): Update {
    const full = this.queue.push(update);
    this.log.notify();
    return full;
  }

  sendText(from: User, chat: ChatRef, text: string, options: { threadId?: number } = {}): Update {
    const update = this.users.sendText(from, chat, text, options);
    this.log.notify();
    return update;
  }

  pressButton(from: User, chat: ChatRef, messageId: number, data: string): Update {
    const update = this.users.pressButton(from, chat, messageId, data);
    this.log.notify();
    return update;
  }

  myChatMember(from: User, chat: ChatRef, status: MemberStatus, rights?: Record<string, boolean>): Update {
    const update = this.users.myChatMember(from, chat, status, rights);
    this.log.notify();
    return update;
  }

  /** A user sends a document (e.g. an .opml file); the bot downloads it with getFile. */
  sendDocument(
    from: User,
    chat: ChatRef,
    fileName: string,
    content: string | Buffer,
    mimeType?: string,
  ): Update {
    const file = this.state.files.add(fileName, Buffer.isBuffer(content) ? content : Buffer.from(content));
    const update = this.users.sendDocument(from, chat, {
      file_id: file.file_id,
      file_unique_id: file.file_unique_id,
      file_name: fileName,
      file_size: file.content.length,
      ...(mimeType ? { mime_type: mimeType } : {}),
    });
    this.log.notify();
    return update;
  }

  pendingUpdates(): number {
    return this.queue.pending();
  }

  // --- what the bot did ---------------------------------------------------------------------

  sent(chatId?: number): readonly SentMessage[] {
    return this.state.sent(chatId);
  }

  /** Documents the bot sent with sendDocument. */
  photos(chatId?: number): readonly SentPhoto[] {
    return this.state.files.photos(chatId);
  }

  documents(chatId?: number): readonly SentDocument[] {
    return this.state.files.documents(chatId);
  }

  calls(method?: string): readonly ApiCall[] {
    return this.log.calls(method);
  }

  /** Resolves with the predicate's first truthy value, re-checked after every API call. */
  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> {
    return this.log.waitFor(predicate, timeoutMs);
  }

  /** The next message the bot sends (to chatId, if given) after this call. */
  nextSent(chatId?: number, timeoutMs = 5000): Promise<SentMessage> {
    const seen = this.sent(chatId).length;
    return this.log.waitFor(() => this.sent(chatId)[seen], timeoutMs, `a message to ${chatId ?? 'any chat'}`);
  }

  // --- faults and limits --------------------------------------------------------------------

  fail(method: string, spec: FaultSpec, scope?: FaultScope): void {
    this.faults.fail(method, spec, scope);
  }

  delay(method: string, ms: number): void {
    this.faults.delay(method, ms);
  }

  clearFaults(method?: string): void {
    this.faults.clear(method);
  }

  limitStats(): LimitStats | undefined {
    return this.limiter?.snapshot();
  }

  /** 429 penalty windows opened and requests that arrived inside one (must stay 0 for a well-behaved client). */
  penaltyStats(): PenaltyStats {
    return this.penalties.snapshot();
  }

  async close(): Promise<void> {
    this.closing.abort();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** @internal the node:http request listener. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = this.nowMs();
    const url = new URL(req.url ?? '/', this.apiRoot);
    const fileMatch = FILE_PATH.exec(url.pathname);
    if (fileMatch) {
      req.resume();
      const file =
        decodeURIComponent(fileMatch[1] ?? '') === this.token
          ? this.state.files.atPath(decodeURIComponent(fileMatch[2] ?? ''))
          : undefined;
      if (!file) send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      else res.writeHead(200, { 'content-length': file.content.length }).end(file.content);
      return;
    }
    const match = PATH.exec(url.pathname);
    if (!match) {
      req.resume();
      send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return;
    }
    if (decodeURIComponent(match[1] ?? '') !== this.token) {
      req.resume();
      send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
      return;
    }
    const key = (match[2] ?? '').toLowerCase();
    const entry = HANDLERS.get(key);
    const call: ApiCall = { method: entry?.name ?? match[2] ?? '', params: {}, at };
    this.log.record(call);
    const abort = new AbortController();
    const onGone = (): void => abort.abort();
    res.on('close', onGone);
    this.closing.signal.addEventListener('abort', onGone);
    try {
      call.params = await readParams(req, url);
      if (!entry) throw new ApiFailure(404, 'Not Found: method not found');
      const chatId = call.params.chat_id === undefined ? undefined : Number(call.params.chat_id);
      this.penalties.check(key, chatId, at);
      const wait = this.faults.delayFor(key);
      if (wait > 0) await sleep(wait, abort.signal);
      const fault = this.faults.take(key, chatId);
      if (fault?.spec.code === 'hang') {
        // Held open until the client gives up (or the server closes); then the socket is dropped unanswered.
        await sleep(3_600_000, abort.signal);
        call.description = 'hung';
      }
      if (fault) throw failureFor(fault.spec, fault.chatId);
      const ctx: MethodContext = {
        state: this.state,
        queue: this.queue,
        limiter: this.limiter,
        nowMs: this.nowMs,
        signal: abort.signal,
      };
      const result = await entry.handler(call.params, ctx);
      call.ok = true;
      send(res, 200, { ok: true, result });
    } catch (error) {
      call.ok = false;
      if (error instanceof NetworkFault) {
        call.description = 'network fault';
        res.socket?.destroy();
      } else {
        const failure =
          error instanceof ApiFailure
            ? error
            : new ApiFailure(500, `Internal Server Error: ${String(error)}`);
        call.error_code = failure.errorCode;
        call.description = failure.description;
        if (failure.errorCode === 429) {
          this.penalties.open(failure.parameters?.retry_after ?? 1, this.nowMs(), failure.penaltyChatId);
        }
        send(res, failure.errorCode, failure.toJSON());
      }
    } finally {
      res.off('close', onGone);
      this.closing.signal.removeEventListener('abort', onGone);
      this.log.notify();
    }
  }
}

/** Starts the fake on an ephemeral loopback port. */
export async function startBotApiServer(options: BotApiServerOptions = {}): Promise<BotApiServer> {
  // The instance needs the bound port, so requests are routed to it once it exists.
  const ready: { api?: BotApiServer } = {};
  const server = createServer((req, res) => {
    void ready.api?.handle(req, res);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  ready.api = new BotApiServer(server, (server.address() as AddressInfo).port, options);
  return ready.api;
}
