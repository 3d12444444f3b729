// `npm start` / `npm run worker`: builds dist/ when it is missing or stale (scripts/build.mjs), then runs
// dist/main.js or dist/worker.js in this same process (one Node start-up instead of two).
import { build, staleReason } from './build.mjs';

const name = process.argv[2];
if (name !== 'main' && name !== 'worker') {
  console.error('usage: node scripts/run.mjs main|worker');
  process.exit(2);
}
const reason = staleReason();
if (reason) {
  try {
    const { ms, files } = await build();
    console.log(`built dist/ from ${files} files in ${ms} ms (${reason})`);
  } catch (err) {
    if (!err?.errors) console.error(err); // esbuild has already printed its errors with file and line
    process.exit(1);
  }
}
await import(new URL(`../dist/${name}.js`, import.meta.url).href);
