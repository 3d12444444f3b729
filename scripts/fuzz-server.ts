/**
 * The app as `npm start` wires it, with every channel's routes switched on, for schemathesis
 * (scripts/schemathesis.sh): in memory, channels not started (nothing is sent anywhere), web chat codes
 * printed on the console, Telegram's Bot API a local fake. Settings come from the environment like npm start's; the channels get made-up
 * credentials, so every webhook is present and answers unsigned requests as in production.
 */
import { setupChannels } from '../channels/index';
import { loadConfig } from '../src/config';
import { buildCore } from '../src/core';
import { createApp } from '../src/http/app';
import { createMetrics } from '../src/http/metrics';
import { consoleCodes } from '../src/http/verification';
import { createLogger } from '../src/log';
import { MemoryStore } from '../src/store/memory';
import { startFakeTelegram } from '../test/fakes/telegram-api';

const nowhere = 'http://127.0.0.1:9';
const botToken = '123456:fuzzing-token-not-a-real-bot';
// Telegram updates signed with the webhook secret (the fuzzer has it) are handled, and answered to a fake Bot API.
const telegram = await startFakeTelegram(botToken);
const config = loadConfig({
  TELEGRAM_BOT_TOKEN: botToken,
  TELEGRAM_MODE: 'webhook',
  TELEGRAM_API_ROOT: telegram.url,
  TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'fuzzing-auth-token-0000',
  TWILIO_SMS_NUMBER: '+12025550100',
  TWILIO_WHATSAPP_NUMBER: '+14155238886',
  TWILIO_API_BASE: nowhere,
  PUBLIC_URL: 'https://shop.example',
  ...process.env,
  MONGODB_URI: undefined,
});
const log = createLogger(config.LOG_LEVEL, undefined, { hashKey: config.LOG_HASH_KEY });
const metrics = createMetrics();
const core = await buildCore(config, log, { store: new MemoryStore(), observer: metrics.observer });
const adminToken = config.ADMIN_TOKEN;
if (!adminToken || !config.API_TOKEN) throw new Error('set ADMIN_TOKEN and API_TOKEN');
// Placed orders, so the order routes have some to find (GET /admin/orders links to their status changes).
for (const phone of ['+12025550150', '+12025550151', '+12025550152']) {
  for (const text of ['hi', 'Ana', '12 Main Street, Springfield', '2 limes', 'checkout', 'pickup', 'yes']) {
    await core.engine.handle({ channel: 'api', phone, text });
  }
}
const orders = await core.store.listOrders({});
if (orders.length === 0) throw new Error('the fuzzing target could not place its sample orders');
const channels = setupChannels(core, config);
const app = createApp(core, {
  adminToken, channels: channels.routers, metrics, codeSender: consoleCodes(),
  // All requests come from one address: at the production budgets most would be answered 429 (documented, and
  // tested in test/http/security.test.ts), leaving the routes behind the limiter unfuzzed.
  chatLimits: { perIpPerMinute: 100_000, codesPerIpPerHour: 100_000, codesPerPhonePerHour: 100_000 },
});
app.listen(config.PORT, '127.0.0.1', () => console.log(`fuzzing target on http://127.0.0.1:${config.PORT}`));
