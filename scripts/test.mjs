// `npm test [-- STAGE... JEST_ARGS...]`: typecheck, unit, modules, http — in this order, stopping at the
// first failure. STAGE names pick stages (default: all); any other argument goes to jest, e.g.
// `npm test -- modules -t "renews"`.
// The modules/http stages need PostgreSQL: with DB_HOST set, the DB_* variables are used as given (that is
// what @medusajs/test-utils reads; it ignores DATABASE_URL); otherwise the embedded PostgreSQL runs for them.
import { spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { ROOT, startEmbeddedPostgres, withClient } from "./embedded-pg.mjs"

const bin = (name) => path.join(ROOT, "node_modules", ".bin", name)
const jest = (type, extra) => ({
  cmd: bin("jest"),
  args: ["--config", "jest.config.js", "--runInBand", ...extra],
  env: { TEST_TYPE: type },
  jest: true,
})
const withDb = ["--forceExit"]
const vmModules = { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --experimental-vm-modules`.trim() }
const STAGES = {
  typecheck: { cmd: "npm", args: ["run", "-s", "typecheck"], env: {} },
  unit: jest("unit", []),
  modules: { ...jest("modules", withDb), env: { TEST_TYPE: "modules", ...vmModules }, db: true },
  http: { ...jest("http", withDb), env: { TEST_TYPE: "http", ...vmModules }, db: true },
}

// Same files as jest.config.js's loadEnv("test"): .env.test, then .env; the real environment wins.
for (const f of [".env.test", ".env"]) if (fs.existsSync(path.join(ROOT, f))) process.loadEnvFile(path.join(ROOT, f))

const cli = process.argv.slice(2)
const picked = cli.filter((a) => a in STAGES)
const jestArgs = cli.filter((a) => !(a in STAGES))
const stages = (picked.length ? Object.keys(STAGES).filter((s) => picked.includes(s)) : Object.keys(STAGES)).map(
  (name) => ({ name, ...STAGES[name] }),
)
for (const a of jestArgs.filter((a) => !a.startsWith("-"))) console.log(`▸ "${a}" is no stage name: passed to jest`)
const env = { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true" }
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "billing-test-"))

let child = null
let interrupted = false
// Ctrl-C reaches the child directly (same process group); a signal sent to this process alone is passed on.
// Either way we wait for the child, then stop the database.
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    interrupted = true
    child?.kill(sig)
  })
}

function run(stage) {
  return new Promise((resolve) => {
    const args = stage.jest
      ? [...stage.args, "--json", `--outputFile=${path.join(tmp, `${stage.name}.json`)}`, ...jestArgs]
      : stage.args
    child = spawn(stage.cmd, args, { cwd: ROOT, env: { ...env, ...stage.env }, stdio: "inherit" })
    child.on("exit", (code, signal) => {
      child = null
      resolve(code ?? (signal ? 1 : 0))
    })
  })
}

function counts(stage) {
  try {
    const r = JSON.parse(fs.readFileSync(path.join(tmp, `${stage.name}.json`), "utf8"))
    return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests }
  } catch {
    return null
  }
}

let db = null
const summary = []
const total = { passed: 0, failed: 0, skipped: 0 }
let failed = null
let jestRan = false
try {
  if (stages.some((s) => s.db) && !env.DB_HOST) {
    db = await startEmbeddedPostgres()
    // "localhost", never 127.0.0.1: for any other host name the Medusa test runner turns on SSL and hangs.
    Object.assign(env, { DB_HOST: "localhost", DB_PORT: String(db.port), DB_USERNAME: db.user, DB_PASSWORD: db.password })
    // Aborted runs leave their databases behind; drop them while nobody else uses this server.
    if (db.owned) {
      await withClient(db, "postgres", async (c) => {
        const { rows } = await c.query("SELECT datname FROM pg_database WHERE datname LIKE 'medusa-%-integration-%'")
        for (const { datname } of rows) await c.query(`DROP DATABASE ${c.escapeIdentifier(datname)} WITH (FORCE)`)
      })
    }
    console.log(`▸ embedded PostgreSQL on localhost:${db.port}`)
  }
  for (const stage of stages) {
    if (interrupted) break
    console.log(`\n━━ ${stage.name} ━━`)
    const t0 = Date.now()
    const code = await run(stage)
    const secs = ((Date.now() - t0) / 1000).toFixed(1)
    const c = stage.jest ? counts(stage) : null
    if (c) {
      jestRan = true
      for (const k of Object.keys(total)) total[k] += c[k]
    }
    const detail = !c
      ? ""
      : c.passed + c.failed + c.skipped
        ? `${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ""}`
        : "no tests found"
    summary.push(`${code === 0 ? "✔" : "✖"} ${stage.name.padEnd(9)} ${secs.padStart(6)} s  ${detail}`)
    if (code !== 0 || interrupted) {
      failed = interrupted ? `interrupted during ${stage.name}` : `stage "${stage.name}" failed (exit ${code})`
      break
    }
  }
} catch (e) {
  failed = e.message
} finally {
  await db?.stop()
  fs.rmSync(tmp, { recursive: true, force: true })
}

console.log(`\n${summary.join("\n")}`)
if (jestRan) {
  console.log(`tests: ${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`)
}
if (failed) {
  console.error(`\n✖ npm test: ${failed}`)
  process.exit(1)
}
console.log("\n✔ npm test: all stages passed")
