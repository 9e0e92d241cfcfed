#!/usr/bin/env bash
# Proves that the PUBLISHED package works: build it, `npm pack` it, install the tarball into a scratch Medusa
# app outside the repo (same @medusajs versions as the repo), migrate a fresh database, boot the app and call
# the plugin's admin API as a logged-in admin user.
# Database: DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD if DB_HOST is set, else the embedded PostgreSQL.
# Everything it creates (server, database, temp dir) is removed on exit, whatever happens.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG="node $REPO/scripts/embedded-pg.mjs"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/billing-packaging.XXXXXX")"
APP="$WORK/app"
DB="billing_packaging_$$"
ADMIN_EMAIL="packaging@example.com"
ADMIN_PASSWORD="packaging-secret"
export MEDUSA_DISABLE_TELEMETRY=true
T0=$SECONDS
SERVER_PID=""
STARTED_PG=""
DB_CREATED=""

step() { echo "▸ [$((SECONDS - T0))s] $*"; }
fail() { echo "✖ packaging test: $*" >&2; exit 1; }

cleanup() {
  local rc=$?
  set +e
  step "cleanup"
  if [[ -n "$SERVER_PID" ]]; then
    # the server runs in its own process group (setsid): stop all of it, `medusa develop` forks the server
    kill -TERM -- "-$SERVER_PID" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 -- "-$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$SERVER_PID" 2>/dev/null
  fi
  [[ -n "$DB_CREATED" ]] && $PG drop-db "$DB"
  [[ -n "$STARTED_PG" ]] && $PG stop
  rm -rf "$WORK"
  if [[ $rc -eq 0 ]]; then echo "✔ packaging test passed in $((SECONDS - T0)) s"; else echo "✖ packaging test failed (exit $rc) after $((SECONDS - T0)) s" >&2; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# ---- 1. build and pack the plugin -------------------------------------------------------------------------
cd "$REPO"
step "medusa plugin:build"
npx medusa plugin:build >"$WORK/build.log" 2>&1 || { tail -40 "$WORK/build.log"; fail "plugin:build failed"; }
step "npm pack"
TARBALL="$WORK/$(npm pack --silent --pack-destination "$WORK" | tail -1)"
[[ -f "$TARBALL" ]] || fail "npm pack produced no tarball"
tar -tzf "$TARBALL" >"$WORK/tarball.txt" # (not piped into grep -q: with pipefail, tar's SIGPIPE would fail it)
grep -q "package/.medusa/server/src/modules/billing-catalog/index.js" "$WORK/tarball.txt" ||
  fail "tarball lacks .medusa/server/src/modules/billing-catalog/index.js"

# ---- 2. a scratch Medusa app outside the repo ---------------------------------------------------------------
step "create scratch app in $APP"
mkdir -p "$APP"
# Same versions as installed in the repo, so npm can take everything from its cache (--prefer-offline).
node - "$REPO" "$TARBALL" >"$APP/package.json" <<'EOF'
const [repo, tarball] = process.argv.slice(2)
const fs = require("fs")
const version = (p) => { try { return require(`${repo}/node_modules/${p}/package.json`).version } catch { return null } }
const pick = (names) => Object.fromEntries(names.filter(version).map((n) => [n, version(n)]))
const repoPkg = require(`${repo}/package.json`)
console.log(JSON.stringify({
  name: "billing-packaging-app",
  private: true,
  dependencies: {
    ...pick(["@medusajs/medusa", "@medusajs/framework", "@medusajs/cli", "@medusajs/admin-sdk", "@swc/core", "react", "react-dom"]),
    [repoPkg.name]: `file:${tarball}`,
  },
  devDependencies: pick(["typescript", "ts-node", "@types/node"]),
  // npm 11 runs dependency install scripts only when allowed: the same ones as the repo
  allowScripts: repoPkg.allowScripts,
}, null, 2))
EOF
cat >"$APP/medusa-config.ts" <<'EOF'
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: "http://localhost:8000",
      adminCors: "http://localhost:9000",
      authCors: "http://localhost:9000",
      jwtSecret: "packaging-test",
      cookieSecret: "packaging-test",
    },
  },
  admin: { disable: true }, // no admin build: saves time, the API is what we check
  plugins: [{ resolve: "medusa-subscription-billing", options: {} }],
})
EOF
cat >"$APP/tsconfig.json" <<'EOF'
{
  "compilerOptions": {
    "target": "ES2021", "module": "Node16", "moduleResolution": "Node16", "esModuleInterop": true,
    "emitDecoratorMetadata": true, "experimentalDecorators": true, "skipLibCheck": true,
    "declaration": false, "outDir": "./.medusa/server", "rootDir": "./", "jsx": "react-jsx",
    "resolveJsonModule": true, "strict": true
  },
  "ts-node": { "swc": true },
  "include": ["**/*", ".medusa/types/*"],
  "exclude": ["node_modules", ".medusa/server", ".medusa/admin", ".cache"]
}
EOF
step "npm install (scratch app)"
(cd "$APP" && npm install --prefer-offline --no-audit --no-fund --loglevel=error >"$WORK/install.log" 2>&1) ||
  { tail -40 "$WORK/install.log"; fail "npm install in the scratch app failed"; }

# ---- 3. a fresh database ------------------------------------------------------------------------------------
if [[ -z "${DB_HOST:-}" ]]; then
  step "start embedded PostgreSQL"
  # prints "PORT OWNED"; OWNED=false when another live run (e.g. `npm start`) uses it: then leave it running
  read -r PORT_PG OWNED < <($PG start) || fail "embedded PostgreSQL did not start"
  [[ "$OWNED" == true ]] && STARTED_PG=1
  export DB_HOST=localhost DB_PORT="$PORT_PG" DB_USERNAME=postgres DB_PASSWORD=postgres
fi
: "${DB_PORT:=5432}" "${DB_USERNAME:=postgres}" "${DB_PASSWORD:=}"
export DB_PORT DB_USERNAME DB_PASSWORD
step "create database $DB on $DB_HOST:$DB_PORT"
$PG create-db "$DB"
DB_CREATED=1
export DATABASE_URL="postgres://${DB_USERNAME}${DB_PASSWORD:+:$DB_PASSWORD}@${DB_HOST}:${DB_PORT}/${DB}"

cd "$APP"
step "medusa db:migrate"
npx medusa db:migrate >"$WORK/migrate.log" 2>&1 || { tail -40 "$WORK/migrate.log"; fail "db:migrate failed"; }
$PG has-table "$DB" billing_project || fail "plugin table billing_project missing after db:migrate"

step "medusa user"
npx medusa user -e "$ADMIN_EMAIL" -p "$ADMIN_PASSWORD" >"$WORK/user.log" 2>&1 || { tail -20 "$WORK/user.log"; fail "medusa user failed"; }

# ---- 4. boot and call the plugin's API ----------------------------------------------------------------------
PORT="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
step "medusa develop on port $PORT"
PORT="$PORT" setsid npx medusa develop >"$WORK/server.log" 2>&1 </dev/null &
SERVER_PID=$!
for _ in $(seq 1 240); do
  curl -sf "http://localhost:$PORT/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -40 "$WORK/server.log"; fail "server exited before /health answered"; }
  sleep 0.5
done
curl -sf "http://localhost:$PORT/health" >/dev/null || { tail -40 "$WORK/server.log"; fail "no /health within 120 s"; }
step "server healthy; log in and call GET /admin/billing/projects"
TOKEN="$(curl -sf -X POST "http://localhost:$PORT/auth/user/emailpass" -H 'content-type: application/json' \
  -d "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).token||""))')" ||
  fail "login failed"
[[ -n "$TOKEN" ]] || fail "login returned no token"
STATUS="$(curl -s -o "$WORK/projects.json" -w '%{http_code}' "http://localhost:$PORT/admin/billing/projects" -H "authorization: Bearer $TOKEN")"
[[ "$STATUS" == 200 ]] || { cat "$WORK/projects.json"; tail -30 "$WORK/server.log"; fail "GET /admin/billing/projects answered $STATUS"; }
node -e 'const b=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")); if(!Array.isArray(b.projects)) process.exit(1)' "$WORK/projects.json" ||
  { cat "$WORK/projects.json"; fail "response has no projects array"; }
step "GET /admin/billing/projects → 200 $(head -c 200 "$WORK/projects.json")"
