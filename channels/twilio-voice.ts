import express, { Router, type Request } from 'express';
import type { CountryCode } from 'libphonenumber-js';
import twilio from 'twilio';
import { z } from 'zod';
import { toE164 } from '../src/domain/phone';
import type { Reply } from '../src/domain/types';
import type { Copy } from '../src/engine/copy';
import { messageKey, type Engine } from '../src/engine/engine';
import type { MessagesPort } from '../src/store/store';
import type { ChannelAdapter } from './channel';
import { forTheEar, moreOfTheList, OPTION_LIMIT } from './render/voice';
import { signedTwilioForm } from './twilio-signature';


type VoiceResponse = InstanceType<typeof twilio.twiml.VoiceResponse>;
export const VOICE_PATH = '/twilio/voice';

export const call = z.object({ CallSid: z.string().min(10), From: z.string().default('') });
export const turnQuery = z.object({
  turn: z.coerce.number().int().min(0).max(10_000).default(0),
  silent: z.coerce.number().int().min(0).max(5).default(0),
  /** 1 when the call's caller ID was attested (carried in the URLs we give Twilio, which it signs back). */
  v: z.coerce.number().int().min(0).max(1).default(0),
  /** How many items of the previous turn's long list were read so far, while more are waiting. */
  at: z.coerce.number().int().min(0).max(10_000).default(0),
});
export const gathered = z.object({
  Digits: z.string().max(20).optional(),
  SpeechResult: z.string().max(2000).optional(),
  Confidence: z.coerce.number().min(0).max(1).optional().catch(undefined),
  StirVerstat: z.string().max(100).optional(),
});
/** STIR/SHAKEN full attestation: the carrier vouches the caller owns the number they call from. */
const ATTESTED = 'TN-Validation-Passed-A';
/** The answer to the channel's own offer to text a summary, after a silent call (the engine is not asked). */
const YES = /^(yes|yeah|yep|sure|ok|okay|please|yes please|1)\b/i;

export interface VoiceOptions {
  authToken: string;
  publicUrl: string;
  defaultCountry: CountryCode;
  language: string;
  engine: Engine;
  store: Pick<MessagesPort, 'getMessage'>;
  copy: Copy;
  /** Product names and aliases: speech-recognition hints. */
  hints: () => string[];
  /** Speech recognised with less confidence than this is marked unsure (it never confirms or cancels). */
  minConfidence: number;
  /** Queues the cart's summary by SMS, when the caller accepts that at the end of a silent call; false when there is nothing to send. */
  textSummary: (phone: string) => Promise<boolean>;
}

/** Just "more" (or "next", "go on", "the rest"): the rest of a list, when one is waiting. "more bananas" is an order. */
const MORE_WORDS = new Set(['more', 'next', 'go on', 'the rest', 'continue', 'say more', 'tell me more']);
const asksForMore = (text: string) => MORE_WORDS.has(text.toLowerCase().replace(/[.!?,]/g, '').replace(/\s+/g, ' ').trim());

/** Phone calls through Twilio Voice: a <Gather input="speech dtmf"> loop around the engine. */
export class TwilioVoiceChannel implements ChannelAdapter {
  readonly name = 'twilio-voice';

  constructor(private o: VoiceOptions) {}

  private url(path: string, q: Record<string, number>): string {
    return `${VOICE_PATH}${path}?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]))}`;
  }

  /** `at`: a long list of the previous turn is waiting after that many items (see moreOfTheList). */
  private gather(vr: VoiceResponse, say: string, turn: number, silent: number, v: number, at?: number): void {
    const g = vr.gather({
      input: ['speech', 'dtmf'],
      action: this.url('/gather', { turn, ...(v ? { v } : {}), ...(at ? { at } : {}) }),
      method: 'POST',
      speechTimeout: 'auto',
      language: this.o.language as never,
      hints: this.o.hints().slice(0, 500).join(', '),
      numDigits: 1,
      timeout: 6,
    });
    g.say({ language: this.o.language as never }, say);
    vr.redirect({ method: 'POST' }, this.url('/silence', { turn, silent, ...(v ? { v } : {}), ...(at ? { at } : {}) }));
  }

  /**
   * What the caller heard last: the engine keeps each turn's replies in that message's own record, so the
   * rest of a list and the options a key press picks from are read back from there.
   */
  private async previousReplies(phone: string, callSid: string, turn: number): Promise<Reply[] | undefined> {
    if (turn < 1) return undefined;
    return (await this.o.store.getMessage(phone, messageKey('voice', phone, `${callSid}:${turn - 1}`)))?.replies;
  }

  /** Key N picks the Nth option read out ("… or press N") by its id; any other key is the digits, as text. */
  private keyed(digits: string, heard: Reply[] | undefined): { text: string; option?: string } {
    const n = /^[1-9]$/.test(digits) ? Number(digits) : 0;
    const option = n && n <= OPTION_LIMIT ? heard?.at(-1)?.options?.[n - 1] : undefined;
    // A record kept before options had ids holds bare labels: the digit is read as text then.
    return typeof option?.id === 'string' ? { text: option.label, option: option.id } : { text: digits };
  }

  private async respond(req: Request, res: express.Response, phone: string, said: { text: string; option?: string }, turn: number, flags: { unsure: boolean; verified: boolean }): Promise<void> {
    const { CallSid } = call.parse(req.body);
    const replies = await this.o.engine.handle({
      channel: 'voice', phone, text: said.text, messageId: `${CallSid}:${turn}`, ...(said.option ? { option: said.option } : {}),
      ...(flags.unsure ? { unsure: true } : {}), ...(flags.verified ? {} : { unverified: true }),
    });
    const { say, at } = forTheEar(replies, this.o.copy);
    const vr = new twilio.twiml.VoiceResponse();
    this.gather(vr, say || this.o.copy.voiceStillThere, turn + 1, 0, flags.verified ? 1 : 0, at);
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
      await this.respond(req, res, phone, { text: 'hi' }, 0, { unsure: false, verified: this.verified(req) });
    });

    router.post(`${VOICE_PATH}/gather`, ...signed, async (req, res) => {
      if (!valid(req, res)) return;
      const phone = this.caller(req);
      if (!phone) { this.hangup(res, this.o.copy.voiceHidden); return; }
      const { turn, at } = turnQuery.parse(req.query);
      const verified = this.verified(req);
      const { CallSid } = call.parse(req.body);
      const g = gathered.safeParse(req.body);
      const { Digits, SpeechResult, Confidence } = g.success ? g.data : {};
      const keyed = Digits !== undefined && Digits.trim() !== '';
      const text = (keyed ? Digits : SpeechResult ?? '').trim();
      // A key press is never in doubt; speech is, below the threshold (or when Twilio gave no confidence).
      const unsure = !keyed && text !== '' && !(Confidence !== undefined && Confidence >= this.o.minConfidence);
      const heard = keyed || at > 0 ? await this.previousReplies(phone, CallSid, turn) : undefined;
      const more = !keyed && at > 0 && asksForMore(text) && heard ? moreOfTheList(heard, at, this.o.copy) : undefined;
      if (more) {
        // The rest of the list is the channel's own affair: no message for the engine, the turn stays.
        const vr = new twilio.twiml.VoiceResponse();
        this.gather(vr, more.say, turn, 0, verified ? 1 : 0, more.at);
        res.type('text/xml').send(vr.toString());
        return;
      }
      await this.respond(req, res, phone, keyed ? this.keyed(text, heard) : { text }, turn, { unsure, verified });
    });

    router.post(`${VOICE_PATH}/silence`, ...signed, async (req, res) => {
      if (!valid(req, res)) return;
      const { turn, silent, v, at } = turnQuery.parse(req.query);
      const vr = new twilio.twiml.VoiceResponse();
      if (silent === 0) {
        // A list still waiting stays waiting: "more" after "are you still there?" reads on.
        this.gather(vr, this.o.copy.voiceStillThere, turn, 1, v, at);
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
