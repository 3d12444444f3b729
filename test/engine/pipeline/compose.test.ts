import { describe, expect, it } from 'vitest';
import { compose, done, type Middleware } from '../../../src/engine/pipeline/compose';

type Log = { seen: string[] };
const around = (name: string): Middleware<Log> => async (ctx, next) => { ctx.seen.push(`${name}>`); await next(); ctx.seen.push(`<${name}`); };

describe('compose', () => {
  it('runs each piece around the rest, in order, then the last next', async () => {
    const ctx: Log = { seen: [] };
    await compose(around('a'), around('b'))(ctx, async () => { ctx.seen.push('end'); });
    expect(ctx.seen).toEqual(['a>', 'b>', 'end', '<b', '<a']);
  });

  it('a piece that does not call next ends the message there; those before it still finish', async () => {
    const ctx: Log = { seen: [] };
    const stop: Middleware<Log> = async (c) => { c.seen.push('stop'); };
    await compose(around('a'), stop, around('never'))(ctx, done);
    expect(ctx.seen).toEqual(['a>', 'stop', '<a']);
  });

  it('an error thrown by a piece reaches those before it', async () => {
    const ctx: Log = { seen: [] };
    const caught: Middleware<Log> = async (c, next) => { await next().catch((e: Error) => { c.seen.push(e.message); }); };
    await compose(caught, async () => { throw new Error('broke'); })(ctx, done);
    expect(ctx.seen).toEqual(['broke']);
  });

  it('refuses a next called twice', async () => {
    const twice: Middleware<Log> = async (_c, next) => { await next(); await next(); };
    await expect(compose(twice)({ seen: [] }, done)).rejects.toThrow(/next\(\) called twice/);
  });

  it('with no pieces, runs the last next', async () => {
    const ctx: Log = { seen: [] };
    await compose<Log>()(ctx, async () => { ctx.seen.push('end'); });
    expect(ctx.seen).toEqual(['end']);
  });
});
