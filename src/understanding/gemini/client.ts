import { GoogleGenAI, type Part } from '@google/genai';
import type { MediaPart } from '../../domain/types';
import { answerJsonSchema, parseAnswer, type Answer } from './answer';
import type { Grounding } from './grounding';
import { SYSTEM_INSTRUCTION } from './prompt';

export interface GeminiSettings {
  apiKey: string;
  model: string;
  /** Only for local fakes. */
  baseUrl?: string;
  timeoutMs: number;
}

export type FailureReason = 'timeout' | 'error' | 'invalid';

export type AskResult =
  | { ok: true; answer: Answer; tokens: { prompt: number; output: number } }
  | { ok: false; reason: FailureReason };

/**
 * One generateContent call with structured output. Never throws and never takes longer than the timeout:
 * the call is aborted and raced against a timer, so a server that holds the connection open costs the
 * customer the timeout at most.
 */
export class GeminiClient {
  private ai: GoogleGenAI;

  constructor(private s: GeminiSettings) {
    this.ai = new GoogleGenAI({
      apiKey: s.apiKey,
      // No retries (none without retryOptions): a retry would not fit in the customer's wait.
      httpOptions: { timeout: s.timeoutMs, ...(s.baseUrl ? { baseUrl: s.baseUrl } : {}) },
    });
  }

  async ask(message: string, grounding: Grounding, media: readonly MediaPart[] = []): Promise<AskResult> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<AskResult>((resolve) => {
      timer = setTimeout(() => { controller.abort(); resolve({ ok: false, reason: 'timeout' }); }, this.s.timeoutMs);
    });
    const parts: Part[] = [
      { text: JSON.stringify({ message, ...grounding }) },
      ...media.map((m) => ({ inlineData: { mimeType: m.mimeType, data: m.data } })),
    ];
    const call = this.ai.models.generateContent({
      model: this.s.model,
      contents: [{ role: 'user', parts }],
      config: {
        systemInstruction: SYSTEM_INSTRUCTION,
        responseMimeType: 'application/json',
        responseJsonSchema: answerJsonSchema,
        temperature: 0,
        // A Flash model answers this without thinking; thinking would cost time the customer is waiting.
        thinkingConfig: { thinkingBudget: 0 },
        abortSignal: controller.signal,
      },
    }).then((response): AskResult => {
      const parsed = parseAnswer(response.text);
      if (!parsed.ok) return { ok: false, reason: 'invalid' };
      const usage = response.usageMetadata;
      return { ok: true, answer: parsed.answer, tokens: { prompt: usage?.promptTokenCount ?? 0, output: usage?.candidatesTokenCount ?? 0 } };
    }, (err: unknown): AskResult => ({ ok: false, reason: controller.signal.aborted || isAbort(err) ? 'timeout' : 'error' }));
    try {
      return await Promise.race([call, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError');
}
