// The local Bot API server in its own process for bench:fanout, so the benchmark measures our pipeline, not the
// fake's share of one event loop. argv[2]: "limits" to enforce Telegram's flood limits. Chats come by IPC.
import { startBotApiServer } from '../../tools/bot-api-server/server.js';

const api = await startBotApiServer(process.argv[2] === 'limits' ? { limits: {} } : {});
process.on(
  'message',
  (message: { chats?: { id: number; kind: string }[]; report?: boolean; close?: boolean }) => {
    if (message.chats) {
      for (const chat of message.chats) {
        if (chat.kind === 'private') api.privateChat(api.addUser({ id: chat.id }));
        else api.addChat({ id: chat.id, type: chat.kind as 'group', title: `c${chat.id}` });
      }
      process.send?.({ added: message.chats.length });
    }
    if (message.report) {
      const sent = api.sent().map((m) => [m.chat_id, m.text.length, m.at, m.text.slice(0, 200)]);
      process.send?.({
        sent,
        rejected: api.limitStats()?.rejected ?? 0,
        penaltyViolations: api.penaltyStats().violations,
      });
    }
    if (message.close) void api.close().then(() => process.exit(0));
  },
);
process.send?.({ apiRoot: api.apiRoot, token: api.token });
