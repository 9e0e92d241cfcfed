// `npm start`: the demo/dev server of the plugin with zero setup.
//   - DATABASE_URL set (environment or .env): use that database (and REDIS_URL if set), no embedded server.
//   - otherwise: embedded PostgreSQL (scripts/embedded-pg.mjs), database `medusa_billing_demo`.
// Then migrate, create the demo admin user and run the demo seed once per database, run `medusa develop`
// until Ctrl-C / SIGTERM, and stop the embedded PostgreSQL after the server has exited.
import { spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import pg from "pg"
import { ROOT, databaseUrl, ensureDatabase, startEmbeddedPostgres } from "./embedded-pg.mjs"

const DEMO_DB = "medusa_billing_demo"
const PORT = process.env.PORT || "9000"
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa") // what `npx medusa` runs, minus npx
const SEED = path.join(ROOT, "src", "scripts", "seed-demo.ts")

// .env counts like the environment (which wins), so a DATABASE_URL written there is honoured.
if (fs.existsSync(path.join(ROOT, ".env"))) process.loadEnvFile(path.join(ROOT, ".env"))
const admin = {
  email: process.env.DEMO_ADMIN_EMAIL || "admin@example.com",
  password: process.env.DEMO_ADMIN_PASSWORD || "supersecret",
}
const env = { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true" }

let embedded = null
let child = null
let stopping = false

// Children run in their own process group: `medusa develop` forks the real server and, on SIGINT, exits
// without stopping it (and may ask a question on the terminal). So on Ctrl-C/SIGTERM we send SIGTERM to
// the whole group, which shuts the server down gracefully, and wait until every process of it is gone.
function run(args, { quiet = false } = {}) {
  if (stopping) return Promise.resolve({ code: 130, output: "" })
  return new Promise((resolve) => {
    child = spawn(MEDUSA, args, {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ["ignore", quiet ? "pipe" : "inherit", quiet ? "pipe" : "inherit"],
    })
    let output = ""
    child.stdout?.on("data", (d) => (output += d))
    child.stderr?.on("data", (d) => (output += d))
    child.on("exit", async (code, signal) => {
      await waitForGroup(child.pid)
      child = null
      resolve({ code: code ?? (signal ? 1 : 0), output })
    })
  })
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0)
    return true
  } catch {
    return false
  }
}

async function waitForGroup(pgid) {
  if (groupAlive(pgid)) process.kill(-pgid, "SIGTERM") // leftovers of a child that exited on its own
  for (let i = 0; i < 200 && groupAlive(pgid); i++) await new Promise((r) => setTimeout(r, 100))
  if (groupAlive(pgid)) process.kill(-pgid, "SIGKILL")
}

async function step(title, args, opts) {
  if (stopping) return shutdown(130)
  const t0 = Date.now()
  console.log(`▸ ${title}`)
  const { code, output } = await run(args, opts)
  if (stopping) return shutdown(130)
  if (code !== 0) {
    if (opts?.quiet) process.stderr.write(output)
    console.error(`✖ ${title} failed (exit ${code})`)
    return shutdown(code)
  }
  console.log(`  done in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
}

async function shutdown(code) {
  const db = embedded
  embedded = null
  await db?.stop()
  process.exit(code)
}

for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    if (!stopping) console.log(`\n${sig}: stopping…`)
    stopping = true
    // the main flow notices `stopping` after the current step and shuts down
    if (child && groupAlive(child.pid)) process.kill(-child.pid, "SIGTERM")
  })
}

// One-time demo setup, remembered per database in a tiny table of that database (dies with the database).
async function once(key, fn) {
  const db = new pg.Client({ connectionString: env.DATABASE_URL })
  await db.connect()
  try {
    await db.query(
      "CREATE TABLE IF NOT EXISTS demo_setup_state (key text PRIMARY KEY, done_at timestamptz NOT NULL DEFAULT now())",
    )
    if ((await db.query("SELECT 1 FROM demo_setup_state WHERE key = $1", [key])).rowCount) return
    if ((await fn()) === false) return
    await db.query("INSERT INTO demo_setup_state (key) VALUES ($1)", [key])
  } finally {
    await db.end()
  }
}

// `medusa db:migrate` does not create the database; do it when we may (else db:migrate reports the problem).
async function createDatabaseIfMissing(url) {
  const u = new URL(url)
  const name = decodeURIComponent(u.pathname.slice(1))
  u.pathname = "/postgres"
  const c = new pg.Client({ connectionString: u.toString() })
  try {
    await c.connect()
    if (!(await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount) {
      await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`)
      console.log(`▸ created database ${name}`)
    }
  } catch {
  } finally {
    await c.end().catch(() => {})
  }
}

async function waitForHealth(t0) {
  while (!stopping && child) {
    try {
      if ((await fetch(`http://localhost:${PORT}/health`)).ok) {
        const line = "─".repeat(60)
        const adminOn = env.MEDUSA_ADMIN_DISABLE !== "true"
        console.log(`\n${line}\n  Medusa is up after ${((Date.now() - t0) / 1000).toFixed(1)} s`)
        if (adminOn) console.log(`  Admin:  http://localhost:${PORT}/app`)
        console.log(`  API:    http://localhost:${PORT}\n  Login:  ${admin.email} / ${admin.password}`)
        console.log(`  Stop with Ctrl-C.\n${line}\n`)
        return
      }
    } catch {}
    await new Promise((r) => setTimeout(r, 500))
  }
}

const t0 = Date.now()
try {
  if (env.DATABASE_URL) {
    console.log("▸ using DATABASE_URL (no embedded PostgreSQL)")
    await createDatabaseIfMissing(env.DATABASE_URL)
  } else {
    embedded = await startEmbeddedPostgres()
    if (stopping) await shutdown(130)
    await ensureDatabase(embedded, DEMO_DB)
    env.DATABASE_URL = databaseUrl(embedded, DEMO_DB)
    console.log(`▸ embedded PostgreSQL on localhost:${embedded.port}, database ${DEMO_DB} (data in .data/postgres)`)
  }
  await step("medusa db:migrate", ["db:migrate"], { quiet: true })
  await once(`admin:${admin.email}`, async () => {
    const { code, output } = await run(["user", "-e", admin.email, "-p", admin.password], { quiet: true })
    if (stopping) await shutdown(130)
    // Most likely it exists already (e.g. made by hand): not worth stopping the demo for.
    if (code !== 0) console.warn(`! could not create admin user ${admin.email}:\n${output.trim().split("\n").slice(-5).join("\n")}`)
    else console.log(`▸ created admin user ${admin.email}`)
  })
  if (fs.existsSync(SEED)) {
    await once("seed-demo", () => step("seed demo data (src/scripts/seed-demo.ts)", ["exec", "./src/scripts/seed-demo.ts"]))
  }
  if (stopping) await shutdown(130)
  console.log("▸ medusa develop")
  const server = run(["develop"])
  waitForHealth(t0)
  const { code } = await server
  await shutdown(stopping ? 0 : code)
} catch (e) {
  console.error(`✖ ${e.message}`)
  await shutdown(1)
}
