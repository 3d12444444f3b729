import express, { Router, type Request } from 'express';
import type { CountryCode } from 'libphonenumber-js';
import twilio from 'twilio';
import { z } from 'zod';
import { toE164 } from '../src/domain/phone';
import type { Reply } from '../src/domain/types';
import type { Copy } from '../src/engine/copy';
import { messageKey, type Engine } from '../src/engine/engine';
import type { Store } from '../src/store/store';
import type { ChannelAdapter } from './channel';
import { signedTwilioForm } from './twilio-signature';

type VoiceResponse = InstanceType<typeof twilio.twiml.VoiceResponse>;
export const VOICE_PATH = '/twilio/voice';
const LIST_LIMIT = 3;
const OPTION_LIMIT = 5;

export const call = z.object({ CallSid: z.string().min(10), From: z.string().default('') });
export const turnQuery = z.object({
  turn: z.coerce.number().int().min(0).max(10_000).default(0),
  silent: z.coerce.number().int().min(0).max(5).default(0),
  /** 1 when the call's caller ID was attested (carried in the URLs we give Twilio, which it signs back). */
  v: z.coerce.number().int().min(0).max(1).default(0),
});
export const gathered = z.object({
  Digits: z.string().max(20).optional(),
  SpeechResult: z.string().max(2000).optional(),
  Confidence: z.coerce.number().min(0).max(1).optional().catch(undefined),
  StirVerstat: z.string().max(100).optional(),
});
/** STIR/SHAKEN full attestation: the carrier vouches the caller owns the number they call from. */
const ATTESTED = 'TN-Validation-Passed-A';
const YES = /^(yes|yeah|yep|sure|ok|okay|please|yes please|1)\b/i;
const MORE = /^(more|say more|tell me more|the rest|rest|continue|go on)\b/i;

export interface VoiceOptions {
  authToken: string;
  publicUrl: string;
  defaultCountry: CountryCode;
  language: string;
  engine: Engine;
  store: Store;
  copy: Copy;
  /** Product names and aliases: speech-recognition hints. */
  hints: () => string[];
  /** Speech recognised with less confidence than this is marked unsure (it never confirms or cancels). */
  minConfidence: number;
  /** Sends the customer their cart by text, when they accept that at the end of a silent call. */
  /** Queues the cart's summary by SMS; false when there is nothing to send (no cart, unknown caller). */
  textSummary: (phone: string) => Promise<boolean>;
}

/**
 * Replies as speech: bullets, emoji and symbols read badly, so they go; lists longer than three are cut
 * ("say more to hear the rest") and the rest is kept for the next turn; options become "say … or press N".
 */
export function forTheEar(replies: Reply[], copy: Pick<Copy, 'voiceMore' | 'voiceOption'>): { say: string; rest?: string } {
  const spoken = (s: string) => s
    .replace(/\p{Extended_Pictographic}\uFE0F?/gu, '')
    .replace(/(\d) × /g, '$1 ')
    .replace(/\/kg\b/g, ' per kilo')
    .replace(/ — /g, ', ')
    .replace(/[“”]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const lines = replies.flatMap((r) => r.text.split('\n'));
  const items = lines.filter((l) => l.startsWith('• '));
  let rest: string | undefined;
  let kept = lines;
  if (items.length > LIST_LIMIT) {
    const cut = new Set(items.slice(LIST_LIMIT));
    kept = lines.filter((l) => !cut.has(l));
    rest = [...cut].map((l) => spoken(l.slice(2))).join('. ');
    const lastItem = kept.lastIndexOf(items[LIST_LIMIT - 1]!);
    kept.splice(lastItem + 1, 0, copy.voiceMore);
  }
  const text = kept.map((l) => spoken(l.replace(/^• /, ''))).filter(Boolean).map((l) => (/[.?!:]$/.test(l) ? l : `${l}.`)).join(' ');
  const options = replies.at(-1)?.options ?? [];
  const offer = options.slice(0, OPTION_LIMIT).map((o, i) => copy.voiceOption(spoken(o), i + 1)).join(', ');
  return { say: offer ? `${text} You can ${offer}.` : text, ...(rest ? { rest } : {}) };
}

/** Phone calls through Twilio Voice: a <Gather input="speech dtmf"> loop around the engine. */
export class TwilioVoiceChannel implements ChannelAdapter {
  readonly name = 'twilio-voice';

  constructor(private o: VoiceOptions) {}

  private url(path: string, q: Record<string, number>): string {
    return `${VOICE_PATH}${path}?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]))}`;
  }

  private gather(vr: VoiceResponse, say: string, turn: number, silent: number, v: number): void {
    const g = vr.gather({
      input: ['speech', 'dtmf'],
      action: this.url('/gather', { turn, ...(v ? { v } : {}) }),
      method: 'POST',
      speechTimeout: 'auto',
      language: this.o.language as never,
      hints: this.o.hints().slice(0, 500).join(', '),
      numDigits: 1,
      timeout: 6,
    });
    g.say({ language: this.o.language as never }, say);
    vr.redirect({ method: 'POST' }, this.url('/silence', { turn, silent, ...(v ? { v } : {}) }));
  }

  /**
   * The rest of the list the previous turn cut short: the engine keeps each turn's replies in that
   * message's own record, so it is read back from there.
   */
  private async restOfList(phone: string, callSid: string, turn: number): Promise<string | undefined> {
    if (turn < 1) return undefined;
    const record = await this.o.store.getMessage(messageKey('voice', phone, `${callSid}:${turn - 1}`));
    return record?.replies ? forTheEar(record.replies, this.o.copy).rest : undefined;
  }

  private async respond(req: Request, res: express.Response, phone: string, text: string, turn: number, flags: { unsure: boolean; verified: boolean }): Promise<void> {
    const { CallSid } = call.parse(req.body);
    const replies = await this.o.engine.handle({
      channel: 'voice', phone, text, messageId: `${CallSid}:${turn}`,
      ...(flags.unsure ? { unsure: true } : {}), ...(flags.verified ? {} : { unverified: true }),
    });
    const { say } = forTheEar(replies, this.o.copy);
    const vr = new twilio.twiml.VoiceResponse();
    this.gather(vr, say || this.o.copy.voiceStillThere, turn + 1, 0, flags.verified ? 1 : 0);
    res.type('text/xml').send(vr.toString());
  }

  /** Attested on this request, or on the call's first one (carried in our signed URLs). */
  private verified(req: Request): boolean {
    const g = gathered.safeParse(req.body);
    return (g.success && g.data.StirVerstat === ATTESTED) || turnQuery.parse(req.query).v === 1;
  }

  private caller(req: Request): string | undefined {
    const p = toE164(call.parse(req.body).From, this.o.defaultCountry);
    return p.ok ? p.phone : undefined;
  }

  private hangup(res: express.Response, say: string): void {
    const vr = new twilio.twiml.VoiceResponse();
    vr.say({ language: this.o.language as never }, say);
    vr.hangup();
    res.type('text/xml').send(vr.toString());
  }

  routes(): Router {
    const router = Router();
    const signed = signedTwilioForm(this.o.authToken, this.o.publicUrl);
    const valid = (req: Request, res: express.Response) => {
      const ok = call.safeParse(req.body).success && turnQuery.safeParse(req.query).success;
      if (!ok) res.status(400).type('text/plain').send('invalid webhook: CallSid, From and turn are required');
      return ok;
    };

    router.post(VOICE_PATH, ...signed, async (req, res) => {
      if (!valid(req, res)) return;
      const phone = this.caller(req);
      if (!phone) { this.hangup(res, this.o.copy.voiceHidden); return; }
      await this.respond(req, res, phone, 'hi', 0, { unsure: false, verified: this.verified(req) });
    });

    router.post(`${VOICE_PATH}/gather`, ...signed, async (req, res) => {
      if (!valid(req, res)) return;
      const phone = this.caller(req);
      if (!phone) { this.hangup(res, this.o.copy.voiceHidden); return; }
      const { turn } = turnQuery.parse(req.query);
      const verified = this.verified(req);
      const g = gathered.safeParse(req.body);
      const { Digits, SpeechResult, Confidence } = g.success ? g.data : {};
      const keyed = Digits !== undefined && Digits.trim() !== '';
      const text = (keyed ? Digits : SpeechResult ?? '').trim();
      // A key press is never in doubt; speech is, below the threshold (or when Twilio gave no confidence).
      const unsure = !keyed && text !== '' && !(Confidence !== undefined && Confidence >= this.o.minConfidence);
      if (MORE.test(text)) {
        const rest = await this.restOfList(phone, call.parse(req.body).CallSid, turn);
        const vr = new twilio.twiml.VoiceResponse();
        this.gather(vr, rest ?? this.o.copy.voiceNoMore, turn, 0, verified ? 1 : 0);
        res.type('text/xml').send(vr.toString());
        return;
      }
      await this.respond(req, res, phone, text, turn, { unsure, verified });
    });

    router.post(`${VOICE_PATH}/silence`, ...signed, async (req, res) => {
      if (!valid(req, res)) return;
      const { turn, silent, v } = turnQuery.parse(req.query);
      const vr = new twilio.twiml.VoiceResponse();
      if (silent === 0) {
        this.gather(vr, this.o.copy.voiceStillThere, turn, 1, v);
      } else {
        // Second silence in a row: offer the order summary by text, then say goodbye either way.
        const g = vr.gather({ input: ['speech', 'dtmf'], action: this.url('/offer', { turn }), method: 'POST', speechTimeout: 'auto', numDigits: 1, timeout: 5, language: this.o.language as never });
        g.say({ language: this.o.language as never }, this.o.copy.voiceOfferText);
        vr.say({ language: this.o.language as never }, this.o.copy.voiceBye);
        vr.hangup();
      }
      res.type('text/xml').send(vr.toString());
    });

    router.post(`${VOICE_PATH}/offer`, ...signed, async (req, res) => {
      if (!valid(req, res)) return;
      const phone = this.caller(req);
      const body = req.body as Record<string, string | undefined>;
      const yes = YES.test((body.Digits ?? body.SpeechResult ?? '').trim());
      if (yes && phone) this.hangup(res, (await this.o.textSummary(phone)) ? this.o.copy.voiceTexted : this.o.copy.voiceNothingToText);
      else this.hangup(res, this.o.copy.voiceBye);
    });
    return router;
  }
}
