import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../../', import.meta.url));

it('PM2 runs the compiled web bundle in cluster mode and the worker beside it, both given time to stop gracefully', () => {
  const load = (env: Record<string, string | undefined>) => {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
    delete require.cache[require.resolve('../../ecosystem.config.cjs')];
    const config = require('../../ecosystem.config.cjs') as { apps: Record<string, unknown>[] };
    process.env = saved;
    return config.apps;
  };
  const [web, worker] = load({ MONGODB_URI: 'mongodb://db/', WEB_INSTANCES: undefined });
  expect(web).toMatchObject({ name: 'web', script: 'dist/main.js', cwd: root.replace(/\/$/, ''), exec_mode: 'cluster', instances: 'max' });
  expect(worker).toMatchObject({ name: 'worker', script: 'dist/worker.js', exec_mode: 'fork', instances: 1 });
  expect(web).not.toHaveProperty('node_args'); // compiled JavaScript: no TypeScript loader at run time
  // Loading the file built what it runs.
  for (const app of [web!, worker!]) expect(existsSync(`${root}${app.script as string}`), app.script as string).toBe(true);
  expect(web!.kill_timeout).toBeGreaterThan(10_000);
  expect(load({ MONGODB_URI: undefined, WEB_INSTANCES: undefined })[0]).toMatchObject({ instances: 1 });
  expect(load({ WEB_INSTANCES: '3' })[0]).toMatchObject({ instances: '3' });
});
