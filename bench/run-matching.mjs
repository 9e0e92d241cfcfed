#!/usr/bin/env node
// `npm run bench:matching -- --transactions 10000 --open-invoices 100000` — the bank matching benchmark
// (issue 4, section 6): a fresh database on the PostgreSQL of DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD (else
// localhost:5432 as postgres, else the embedded PostgreSQL), `medusa db:migrate`, then
// `medusa exec ./bench/matching.ts`, which seeds (not timed), times import + matching + booking and prints the
// result; the database is dropped at the end (unless --keep-db). `--seed N` picks another generated world;
// `--trace` and `--profile` are passed on (see bench/matching.ts).
// stdout gets exactly one JSON line.
import { spawn } from "node:child_process"
import path from "node:path"
import { fileURLToPath } from "node:url"

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")
const argv = process.argv.slice(2)
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`)
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback
}
const transactions = Number(option("transactions", "10000"))
const openInvoices = Number(option("open-invoices", "100000"))
if (!Number.isInteger(transactions) || transactions < 1 || !Number.isInteger(openInvoices) || openInvoices < 10) {
  console.error(`--transactions must be ≥ 1 and --open-invoices ≥ 10, got ${transactions} / ${openInvoices}`)
  process.exit(2)
}
const log = (...a) => console.error("[bench]", ...a)
const { connectionFromEnv, databaseUrl, ensureDatabase, dropDatabase, withClient, startEmbeddedPostgres } = await import(path.join(ROOT, "scripts", "embedded-pg.mjs"))

let conn = connectionFromEnv()
let embedded = null
const reachable = await withClient(conn, "postgres", (c) => c.query("SELECT 1")).then(() => true, () => false)
if (!process.env.DB_HOST && !reachable) {
  log("no PostgreSQL on localhost:5432 and DB_HOST unset: starting the embedded PostgreSQL")
  embedded = await startEmbeddedPostgres()
  conn = { host: embedded.host, port: embedded.port, user: embedded.user, password: embedded.password }
}
const dbName = `bench_matching_${transactions}_${Date.now()}`
await ensureDatabase(conn, dbName)
log(`database ${dbName} on ${conn.host}:${conn.port}`)
// One process with the in-memory event bus, workflow engine and locking, as `npm start` runs without Redis.
const env = { ...process.env, DATABASE_URL: databaseUrl(conn, dbName), MEDUSA_DISABLE_TELEMETRY: "true", LOG_LEVEL: process.env.LOG_LEVEL || "warn" }
delete env.REDIS_URL

function run(args, capture = false) {
  return new Promise((resolve) => {
    const child = spawn(MEDUSA, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] })
    let out = ""
    child.stdout.on("data", (d) => {
      if (capture) out += d
      process.stderr.write(d)
    })
    child.stderr.on("data", (d) => process.stderr.write(d))
    child.on("exit", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out }))
  })
}

let exitCode = 0
try {
  const migrate = await run(["db:migrate"])
  if (migrate.code !== 0) throw new Error(`medusa db:migrate failed (exit ${migrate.code})`)
  const seed = option("seed", null)
  const exec = await run(["exec", "./bench/matching.ts", "--", "--transactions", String(transactions), "--open-invoices", String(openInvoices), ...(seed ? ["--seed", seed] : []), ...["--trace", "--profile"].filter((flag) => argv.includes(flag))], true)
  const line = exec.out.split("\n").find((l) => l.startsWith("BENCH_RESULT "))
  if (exec.code !== 0 || !line) throw new Error(`medusa exec failed (exit ${exec.code})`)
  process.stdout.write(line.slice("BENCH_RESULT ".length) + "\n")
} catch (error) {
  log(error.message)
  exitCode = 1
} finally {
  if (argv.includes("--keep-db")) log(`kept database ${dbName}: DATABASE_URL=${databaseUrl(conn, dbName)}`)
  else await dropDatabase(conn, dbName).catch((e) => log(`could not drop ${dbName}: ${e.message}`))
  if (embedded) await embedded.stop()
}
process.exit(exitCode)
