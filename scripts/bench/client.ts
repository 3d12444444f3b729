// A small keep-alive HTTP client for loopback targets: one connection per concurrent customer, no retries,
// so every target is driven by exactly the same bytes and the same client cost.
import { Agent, request } from 'node:http';
import twilio from 'twilio';

export interface Answer { status: number; body: string }

export class LoopbackClient {
  private agent: Agent;

  constructor(private base: URL, maxSockets: number) {
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = request({
        host: this.base.hostname, port: this.base.port, method, path, agent: this.agent,
        headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body).toString() },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      // A target that stops answering fails its messages instead of hanging the benchmark.
      req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
      req.end(body);
    });
  }

  close(): void { this.agent.destroy(); }
}

export const AUTH_TOKEN = 'bench-auth-token-0123456789abcdef';
export const ACCOUNT_SID = `AC${'b'.repeat(32)}`;
export const SMS_NUMBER = '+12025550100';
export const PUBLIC_URL = 'https://bench.grocer.example';
export const MESSAGING_PATH = '/twilio/messages';

let sid = 0;
/** A fresh Twilio MessageSid (SM + 32 hex digits). */
function nextSid(): string {
  sid += 1;
  return `SM${process.pid.toString(16).padStart(8, '0')}${sid.toString(16).padStart(24, '0')}`;
}

/** An inbound SMS as Twilio posts it, signed by twilio's own helper against the public URL. */
export function signedSms(from: string, text: string): { headers: Record<string, string>; body: string } {
  const params: Record<string, string> = {
    ToCountry: 'US', SmsMessageSid: '', NumMedia: '0', MessageSid: nextSid(), AccountSid: ACCOUNT_SID,
    From: from, To: SMS_NUMBER, Body: text, NumSegments: '1', SmsStatus: 'received', ApiVersion: '2010-04-01',
  };
  params.SmsMessageSid = params.MessageSid!;
  const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}${MESSAGING_PATH}`, params);
  return {
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  };
}

const entities = new Map([['&amp;', '&'], ['&lt;', '<'], ['&gt;', '>'], ['&quot;', '"'], ['&apos;', "'"]]);
/** The texts of a TwiML answer's <Message> elements. */
export function twimlTexts(xml: string): string[] {
  return [...xml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((m) => m[1]!.replace(/&(amp|lt|gt|quot|apos);/g, (e) => entities.get(e) ?? e));
}
