// PM2: `pm2 start ecosystem.config.cjs`. The web process runs in cluster mode (WEB_INSTANCES, default one
// per core with MongoDB, else 1: the in-memory store cannot be shared); the worker runs the BullMQ jobs
// (start it only with REDIS_URL set). Both stop within 10 s of SIGTERM/SIGINT.
//
// Both run the compiled bundles in dist/ (scripts/build.mjs). Loading this file builds them first when they
// are missing or older than the sources, so `git pull && pm2 reload ecosystem.config.cjs` runs the new
// code, never a stale build; a failed build stops PM2 here rather than start the old one.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const built = spawnSync(process.execPath, [join(__dirname, 'scripts/build.mjs'), '--if-stale'], { cwd: __dirname, stdio: 'inherit' });
if (built.status !== 0) throw new Error('the build failed (see above), so PM2 would run stale code: not starting');

const withMongo = Boolean(process.env.MONGODB_URI);
module.exports = {
  apps: [
    {
      name: 'web',
      script: 'dist/main.js',
      cwd: __dirname,
      interpreter: 'node',
      exec_mode: 'cluster',
      instances: process.env.WEB_INSTANCES || (withMongo ? 'max' : 1),
      kill_timeout: 11000,
      listen_timeout: 15000,
      env: { NODE_ENV: 'production' },
    },
    {
      name: 'worker',
      script: 'dist/worker.js',
      cwd: __dirname,
      interpreter: 'node',
      exec_mode: 'fork',
      instances: 1,
      kill_timeout: 11000,
      autorestart: true,
      env: { NODE_ENV: 'production' },
    },
  ],
};
