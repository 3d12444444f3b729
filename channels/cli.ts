// Terminal chat for development: `npm run chat -- --phone +12025550123`.
// Talks to a running server with --url (and --token, or API_TOKEN: the message API's bearer token),
// else runs its own in-memory store in this process.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config';
import { buildCore } from '../src/core';
import { toE164 } from '../src/domain/phone';
import type { Option, Reply } from '../src/domain/types';
import { createLogger } from '../src/log';
import { openStore, StoreUnavailableError } from '../src/store/open';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { phone: { type: 'string', default: '+12025550123' }, url: { type: 'string' }, token: { type: 'string' } } });
  const config = loadConfig();
  const phone = toE164(values.phone!, config.DEFAULT_COUNTRY);
  if (!phone.ok) { console.error(`--phone ${values.phone} ${phone.reason}`); process.exit(2); }

  /** What the customer typed, or the option their number picked (its label is the text the transcript keeps). */
  let send: (said: { text: string; option?: string }) => Promise<Reply[]>;
  if (values.url) {
    const token = values.token ?? config.API_TOKEN;
    if (!token) { console.error('--url needs the server\'s API token: --token <API_TOKEN>, or API_TOKEN in the environment (the server prints it at start-up)'); process.exit(2); }
    const url = new URL('/api/messages', values.url);
    send = async ({ text, option }) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ from: phone.phone, text, channel: 'cli', ...(option ? { option } : {}) }),
      });
      const body = await res.json() as { replies?: Reply[]; error?: string };
      if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
      return body.replies ?? [];
    };
  } else {
    const store = await openStore(config);
    const core = await buildCore(config, createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL), { store });
    send = ({ text, option }) => core.engine.handle({ channel: 'cli', phone: phone.phone, text, ...(option ? { option } : {}) });
  }

  const where = values.url ? ` with ${values.url}` : config.MONGODB_URI ? ' (MongoDB store)' : ' (in-memory store)';
  console.log(`Chatting as ${phone.phone}${where}. Ctrl+D to quit.\n`);
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'you> ' });
  let options: Option[] = [];
  rl.prompt();
  for await (const line of rl) {
    const n = /^\s*(\d{1,2})\s*$/.exec(line);
    const picked = n ? options[Number(n[1]) - 1] : undefined;
    try {
      const replies = await send(picked ? { text: picked.label, option: picked.id } : { text: line });
      for (const r of replies) console.log(`bot> ${r.text.replace(/\n/g, '\n     ')}`);
      options = replies.at(-1)?.options ?? [];
      options.forEach((o, i) => console.log(`     ${i + 1}. ${o.label}`));
    } catch (err) {
      console.log(`(error: ${(err as Error).message})`);
    }
    rl.prompt();
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError || err instanceof StoreUnavailableError ? err.message : `chat failed: ${(err as Error).message}`);
  process.exit(1);
});
