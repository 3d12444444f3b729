/** Types of scripts/build.mjs, for the TypeScript that calls it (tests, scripts/startup-time.ts). */
export function build(): Promise<{ ms: number; files: number }>;
export function staleReason(): string | undefined;
