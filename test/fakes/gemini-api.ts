import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/** One generateContent request as the fake received it. */
export interface GeminiRequest {
  /** e.g. /v1beta/models/gemini-2.5-flash:generateContent */
  path: string;
  model: string;
  apiKey: string | undefined;
  body: any;
  /** The text parts of the user turn, parsed (the grounding and the message). */
  grounding: any;
  /** Inline data parts (pictures, voice notes). */
  inline: { mimeType: string; data: string }[];
  /** Characters of the whole request body: what the token estimate is made from. */
  chars: number;
}

/**
 * How the fake answers the next request: canned structured output (an object, sent as the model's JSON
 * text), raw text (invalid JSON), an HTTP failure, or a delay first. 'hold' keeps the request open until
 * `release()` (a model that takes longer than any timeout).
 */
export type GeminiReply =
  | { output: unknown; delayMs?: number }
  | { text: string; delayMs?: number }
  | { status: number; delayMs?: number }
  | 'hold';

/** Tokens as the fake counts them: about four characters a token, as Gemini's tokenizer does for English. */
export const tokensOf = (chars: number) => Math.ceil(chars / 4);

/**
 * A local stand-in for the Gemini API's `models/{model}:generateContent` (the path the real @google/genai
 * client calls when `httpOptions.baseUrl` points here). Records every request; answers from a queue of
 * replies, then `{ type: 'unknown' }`.
 */
export async function startFakeGemini() {
  const requests: GeminiRequest[] = [];
  const replies: GeminiReply[] = [];
  const held: (() => void)[] = [];
  const app = express();
  app.use(express.json({ limit: '30mb' }));
  app.post(/^\/([^/]+)\/models\/([^/:]+):generateContent$/, async (req, res) => {
    const [, , model] = /^\/([^/]+)\/models\/([^/:]+):/.exec(req.path)!;
    const body = req.body ?? {};
    const parts: any[] = body.contents?.[0]?.parts ?? [];
    const text = parts.find((p) => typeof p.text === 'string')?.text;
    let parsedGrounding: unknown;
    try { parsedGrounding = text ? JSON.parse(text) : undefined; } catch { parsedGrounding = text; }
    const chars = JSON.stringify(body).length;
    requests.push({
      path: req.path, model: model!, apiKey: req.get('x-goog-api-key'), body, grounding: parsedGrounding,
      inline: parts.filter((p) => p.inlineData).map((p) => p.inlineData), chars,
    });
    const reply = replies.shift() ?? { output: { type: 'unknown' } };
    if (reply === 'hold') {
      await new Promise<void>((resolve) => { held.push(resolve); res.on('close', resolve); });
      if (!res.writableEnded && !res.destroyed) res.status(504).json({ error: { code: 504, message: 'released', status: 'DEADLINE_EXCEEDED' } });
      return;
    }
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if ('status' in reply) {
      res.status(reply.status).json({ error: { code: reply.status, message: 'Internal error encountered.', status: 'INTERNAL' } });
      return;
    }
    const out = 'output' in reply ? JSON.stringify(reply.output) : reply.text;
    res.json({
      candidates: [{ content: { role: 'model', parts: [{ text: out }] }, finishReason: 'STOP', index: 0 }],
      usageMetadata: { promptTokenCount: tokensOf(chars), candidatesTokenCount: tokensOf(out.length), totalTokenCount: tokensOf(chars) + tokensOf(out.length) },
      modelVersion: model,
    });
  });
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    /** Queues how the next requests are answered, in order. */
    reply: (...next: GeminiReply[]) => { replies.push(...next); },
    /** Forgets the queued replies nobody asked for. */
    clear: () => { replies.length = 0; },
    /** Answers every held request (with a 504 nobody is waiting for any more). */
    release: () => { for (const r of held.splice(0)) r(); },
    close: () => new Promise<void>((resolve) => { for (const r of held.splice(0)) r(); server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
