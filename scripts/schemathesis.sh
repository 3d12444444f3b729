#!/usr/bin/env bash
# Fuzzes the HTTP API from its own OpenAPI document (GET /openapi.json) with schemathesis: starts the app in
# memory with every route switched on (scripts/fuzz-server.ts), runs schemathesis with its default checks,
# and exits non-zero on any failure. Needs `schemathesis` on PATH (pip install schemathesis) or SCHEMATHESIS.
# Extra arguments go to `schemathesis run` (e.g. --max-examples 200, --seed 1).
set -euo pipefail
cd "$(dirname "$0")/.."

st=${SCHEMATHESIS:-schemathesis}
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
work=$(mktemp -d)
export PORT=$port NODE_ENV=development LOG_LEVEL=${LOG_LEVEL:-error}
export ADMIN_TOKEN=fuzz-admin-token-0000 API_TOKEN=fuzz-api-token-00000 METRICS_TOKEN=fuzz-metrics-token-000
export SESSION_SECRET=fuzz-session-secret-0000000000000000 TELEGRAM_WEBHOOK_SECRET=fuzz-telegram-secret-0000
# A signed-in web chat browser's cookie (the format of src/http/session.ts), so /chat/messages is fuzzed past
# its sign-in check.
CHAT_COOKIE=$(node -e "const c=require('crypto');const p='+12025550123.'+(Date.now()+864e5);console.log(p+'.'+c.createHmac('sha256',process.env.SESSION_SECRET).update('web-chat-session:'+p).digest('base64url'))")
export CHAT_COOKIE
# The per-phone budget (20 messages a minute) would turn most of the fuzzer's messages into "slow down" replies.
export RATE_PER_MINUTE=10000
unset MONGODB_URI REDIS_URL

node --import tsx scripts/fuzz-server.ts > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  node -e "fetch('http://127.0.0.1:$port/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" && break
  kill -0 $server 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.2
done

status=0
# Run from the temporary directory: schemathesis and hypothesis keep their caches in the working directory.
# One worker: with two threads, CPython 3.11 before 3.11.8 can fail hypothesis's ast.parse with "AST constructor
# recursion depth mismatch" (a runtime error in the tool, not in the API). The catalog upload's product schema
# is strict enough that most generated bodies are filtered out, which is expected, not a health problem.
config="$PWD/scripts/schemathesis.toml"
(cd "$work" && "$st" --config-file "$config" run "http://127.0.0.1:$port/openapi.json" \
  --max-examples "${MAX_EXAMPLES:-30}" --seed "${SEED:-1}" --workers 1 --suppress-health-check=filter_too_much \
  --no-color "$@") || status=$?
if [ $status -ne 0 ]; then
  echo "--- server log ---"
  tail -n 50 "$work/server.log"
fi
exit $status
