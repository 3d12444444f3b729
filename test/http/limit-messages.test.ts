// What a person is told when a limit refuses them: which limit it was, and the wait in whole minutes.
import { afterEach, describe, expect, it } from 'vitest';
import { inMinutes } from '../../src/http/rate-limit';
import { startServer, type TestServer } from './server';

let s: TestServer | undefined;
afterEach(async () => { await s?.close(); s = undefined; });

const SECONDS = /\d\s*(s|sec|secs|seconds)\b/;

describe('the web chat names the limit that refused a request, with the wait in minutes', () => {
  it('ten codes from one address: a number that never asked is told the address asked too many, not the number', async () => {
    s = await startServer();
    const one = s.browser('198.51.100.5');
    for (let i = 0; i < 10; i += 1) expect((await one.post('/chat/verify', { phone: `+1202555${1000 + i}` })).status).toBe(202);
    const refused = await one.post('/chat/verify', { phone: '+12025559999' });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('Too many codes were asked from this network address (10 an hour). Please try again in 60 minutes.');
    expect(refused.body.error).not.toMatch(/number/);
    expect(refused.body.error).not.toMatch(SECONDS);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3500);
    // The number itself may still be sent a code from elsewhere.
    expect((await s.browser('198.51.100.6').post('/chat/verify', { phone: '+12025559999' })).status).toBe(202);
  });

  it('five codes for one number from five addresses: the sixth is refused for this phone number', async () => {
    s = await startServer();
    for (let i = 0; i < 5; i += 1) expect((await s.browser(`198.51.100.${10 + i}`).post('/chat/verify', { phone: '+12025550188' })).status).toBe(202);
    const refused = await s.browser('198.51.100.20').post('/chat/verify', { phone: '+12025550188' });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('Too many codes were asked for this phone number (5 an hour). Please try again in 60 minutes.');
  });

  it('too many requests from one address: the wait is "1 minute", singular', async () => {
    s = await startServer({}, { chatLimits: { perIpPerMinute: 2 } });
    const b = s.browser('203.0.113.70');
    await b.post('/chat/messages', { text: 'hi' });
    await b.post('/chat/messages', { text: 'hi' });
    const refused = await b.post('/chat/messages', { text: 'hi' });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('Too many requests from this network address (2 a minute). Please try again in 1 minute.');
    expect(refused.body.retryAfterSeconds).toBeGreaterThan(0);
  });
});

it('a wait reads in whole minutes, rounded up', () => {
  expect([1, 59, 60, 61, 3450, 3600].map(inMinutes)).toEqual(['1 minute', '1 minute', '1 minute', '2 minutes', '58 minutes', '60 minutes']);
});
