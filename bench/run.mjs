#!/usr/bin/env node
// `npm run bench:billing -- --contracts 100000` — the billing run benchmark (issue 3, section 5).
//
//   1. a FRESH database on the PostgreSQL given by DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD; with DB_HOST
//      unset: the machine's server on localhost:5432 (user postgres) if it answers, else the embedded
//      PostgreSQL of scripts/embedded-pg.mjs;
//   2. `medusa db:migrate` against it;
//   3. `medusa exec ./bench/billing-run.ts -- --contracts N …`, which seeds by bulk SQL (not timed), times a
//      real billing run, an immediate re-run and PDF rendering, and prints one JSON line;
//   4. drops the database again (unless --keep-db).
//
// Options (all passed on to the exec script as well):
//   --contracts N      number of contracts (default 100000)
//   --keep-db          keep the database (its name is printed on stderr)
//   --profile          V8 CPU profile of the timed run only -> bench/.data/billing-run-N.cpuprofile
//                      (+ a summary by package/function on stderr, see bench/analyze-profile.mjs)
//   --trace            SQL statement counts/time and time per service method of the run, on stderr
//   --with-delivery    keep the plugin's `billing.invoice.issued` subscriber attached during the run (see
//                      bench/billing-run.ts: with the in-memory event bus it runs inside this process)
//   --pdf N            number of invoices rendered for the PDF rate (default 200)
// stdout gets exactly one line: the JSON result. Everything else goes to stderr.
import { spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")
const argv = process.argv.slice(2)
const flag = (name) => argv.includes(`--${name}`)
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback
}
const contracts = Number(option("contracts", "100000"))
if (!Number.isInteger(contracts) || contracts < 1) {
  console.error(`--contracts must be a positive integer, got ${option("contracts")}`)
  process.exit(2)
}
const log = (...a) => console.error("[bench]", ...a)

const { connectionFromEnv, databaseUrl, ensureDatabase, dropDatabase, withClient, startEmbeddedPostgres } = await import(
  path.join(ROOT, "scripts", "embedded-pg.mjs")
)

async function reachable(conn) {
  try {
    await withClient(conn, "postgres", (c) => c.query("SELECT 1"))
    return true
  } catch {
    return false
  }
}

// ---- 1. the PostgreSQL server -------------------------------------------------------------------------------
let conn = connectionFromEnv()
let embedded = null
if (!process.env.DB_HOST && !(await reachable(conn))) {
  log("no PostgreSQL on localhost:5432 and DB_HOST unset: starting the embedded PostgreSQL")
  embedded = await startEmbeddedPostgres()
  conn = { host: embedded.host, port: embedded.port, user: embedded.user, password: embedded.password }
}
const serverVersion = await withClient(conn, "postgres", async (c) => (await c.query("SHOW server_version")).rows[0].server_version)
const dbName = `bench_billing_${contracts}_${Date.now()}`
await dropDatabase(conn, dbName)
await ensureDatabase(conn, dbName)
log(`database ${dbName} on ${conn.host}:${conn.port} (PostgreSQL ${serverVersion})`)

const env = {
  ...process.env,
  DATABASE_URL: databaseUrl(conn, dbName),
  MEDUSA_DISABLE_TELEMETRY: "true",
  NODE_ENV: process.env.NODE_ENV || "development",
  LOG_LEVEL: process.env.LOG_LEVEL || "warn",
  BENCH_PG_VERSION: serverVersion,
}
// One process, in-memory event bus/workflow engine/locking, as `npm start` runs without Redis. Set
// BENCH_REDIS=1 to keep REDIS_URL (then the issued events go to Redis and no subscriber runs in here).
if (process.env.BENCH_REDIS !== "1") delete env.REDIS_URL

// Ctrl-C / SIGTERM: stop the running child; the finally block below still drops the database.
let current = null
let interrupted = false
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    interrupted = true
    log(`${signal}: stopping`)
    current?.kill("SIGTERM")
  })
}

function run(cmd, args, { capture = false, extraEnv = {} } = {}) {
  if (interrupted) return Promise.resolve({ code: 130, out: "" })
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...env, ...extraEnv }, stdio: ["ignore", "pipe", "pipe"] })
    current = child
    let out = ""
    child.stdout.on("data", (d) => {
      if (capture) out += d
      process.stderr.write(d)
    })
    child.stderr.on("data", (d) => process.stderr.write(d))
    child.on("exit", (code, signal) => {
      current = null
      resolve({ code: code ?? (signal ? 1 : 0), out })
    })
  })
}

let exitCode = 0
try {
  // ---- 2. migrations -----------------------------------------------------------------------------------------
  let t0 = Date.now()
  const migrate = await run(MEDUSA, ["db:migrate"], { extraEnv: { LOG_LEVEL: "error" } })
  if (migrate.code !== 0) throw new Error(`medusa db:migrate failed (exit ${migrate.code})`)
  log(`migrated in ${((Date.now() - t0) / 1000).toFixed(1)} s`)

  // ---- 3. the benchmark inside Medusa -------------------------------------------------------------------------
  fs.mkdirSync(path.join(ROOT, "bench", ".data"), { recursive: true })
  t0 = Date.now()
  const exec = await run(MEDUSA, ["exec", "./bench/billing-run.ts", "--", ...argv], { capture: true })
  const line = exec.out.split("\n").find((l) => l.startsWith("BENCH_RESULT "))
  if (exec.code !== 0 || !line) throw new Error(`medusa exec failed (exit ${exec.code})`)
  log(`medusa exec finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  process.stdout.write(line.slice("BENCH_RESULT ".length) + "\n")
} catch (error) {
  log(error.message)
  exitCode = 1
} finally {
  if (flag("keep-db")) {
    log(`kept database ${dbName}: DATABASE_URL=${databaseUrl(conn, dbName)}`)
  } else {
    await dropDatabase(conn, dbName).catch((e) => log(`could not drop ${dbName}: ${e.message}`))
  }
  if (embedded) await embedded.stop()
}
process.exit(exitCode)
