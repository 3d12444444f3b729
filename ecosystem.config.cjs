// PM2: `pm2 start ecosystem.config.cjs`. The web process runs in cluster mode (WEB_INSTANCES, default one
// per core with MongoDB, else 1: the in-memory store cannot be shared); the worker runs the BullMQ jobs
// (start it only with REDIS_URL set). Both stop within 10 s of SIGTERM/SIGINT.
const withMongo = Boolean(process.env.MONGODB_URI);
module.exports = {
  apps: [
    {
      name: 'web',
      script: 'src/main.ts',
      interpreter: 'node',
      node_args: '--import tsx',
      exec_mode: 'cluster',
      instances: process.env.WEB_INSTANCES || (withMongo ? 'max' : 1),
      kill_timeout: 11000,
      listen_timeout: 15000,
      env: { NODE_ENV: 'production' },
    },
    {
      name: 'worker',
      script: 'src/worker.ts',
      interpreter: 'node',
      node_args: '--import tsx',
      exec_mode: 'fork',
      instances: 1,
      kill_timeout: 11000,
      autorestart: true,
      env: { NODE_ENV: 'production' },
    },
  ],
};
