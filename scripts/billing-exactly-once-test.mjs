// Proves that the billing run is exactly-once across processes and crashes, on real PostgreSQL and Redis
// (issue 3, section 1 "Exactly once"):
//
//   1. a fresh database, `medusa db:migrate`, an admin user, a token;
//   2. through the admin API: tax group, article group, project, a monthly article (19.90 EUR) and N customers
//      with N active monthly contracts started on varied days in the last 6 months (--contracts, default 300);
//   3. two processes: two Medusa servers (ports 9101, 9102) on the same database and Redis; POST
//      /admin/billing/runs on both at the same moment, check the invariants in SQL, run both again → nothing new;
//   4. crashes: with one server, more contracts (copied in SQL from API-made ones, --crash-contracts per round),
//      a run is SIGKILLed (whole process group) at three points — while activities are written, after the first
//      page of invoices is issued (written and numbered in one transaction, before its activities are marked and
//      it is posted), after the first ledger postings — the server is started
//      again, a run is POSTed, and the invariants are checked again; the dead run must be marked failed.
//      A restarted run that is refused because the dead process's Redis lock is still held is reported as a
//      violation with the lock's remaining lifetime (it waits up to --lock-grace seconds for it to lapse; after
//      that it deletes the key itself, as an operator would, only to go on checking the data);
//   5. lock lost (--no-lock-lost to skip): a run whose Redis lock is deleted mid-run and a second run at the
//      same time — the database keys alone must keep the result exactly-once;
//   6. posting fault (--no-fault to skip): a run that fails (not dies) because the ledger refuses postings
//      (a trigger injected into the test database) must be finished by the next run;
//   7. one JSON line with the figures; exit 1 on any violation.
//
// Database: DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD if DB_HOST is set, else the embedded PostgreSQL.
// Redis: REDIS_URL (default redis://127.0.0.1:6379). Without a database number in the URL the test uses
// database 13 of that server (BILLING_TEST_REDIS_DB), so that it neither sees nor feeds the queues, locks and
// events of other Medusa servers on the same Redis. Servers, database (and an embedded PostgreSQL it started)
// are removed on exit, whatever happens; logs are kept only when the test fails.
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { parseArgs } from "node:util"
import pg from "pg"
import {
  connectionFromEnv,
  databaseUrl,
  dropDatabase,
  ensureDatabase,
  startEmbeddedPostgres,
} from "./embedded-pg.mjs"
import {
  checkInvariants,
  cloneContracts,
  isoDay,
  killServer,
  login,
  medusaCommand,
  redis,
  request,
  seedCatalog,
  seedContractsViaApi,
  sleep,
  startServer,
  stopServer,
  tail,
  waitHealthy,
} from "./lib/exactly-once-kit.mjs"

const { values: opts } = parseArgs({
  options: {
    contracts: { type: "string", default: "300" },
    "crash-contracts": { type: "string", default: "3000" },
    "crash-points": { type: "string", default: "activities,issued,posted" },
    "lock-grace": { type: "string", default: "90" },
    "lock-lost": { type: "boolean", default: true },
    "no-lock-lost": { type: "boolean", default: false },
    fault: { type: "boolean", default: true },
    "no-fault": { type: "boolean", default: false },
  },
})
if (opts["no-lock-lost"]) opts["lock-lost"] = false
if (opts["no-fault"]) opts.fault = false
const N = Number(opts.contracts)
const CRASH_N = Number(opts["crash-contracts"])
const CRASH_POINTS = opts["crash-points"].split(",").filter(Boolean)
const LOCK_GRACE_S = Number(opts["lock-grace"])
const PORTS = [9101, 9102]
const ADMIN = { email: "exactly-once@example.com", password: "exactly-once-secret" }
const LOCK_KEY = "medusa_lock:medusa-subscription-billing:billing-run" // locking-redis prefix + BILLING_RUN_LOCK
const REDIS_URL = (() => {
  const url = new URL(process.env.REDIS_URL || "redis://127.0.0.1:6379")
  if (!url.pathname.replace(/^\//, "")) url.pathname = `/${process.env.BILLING_TEST_REDIS_DB || 13}`
  return url.toString()
})()
const TODAY = isoDay(new Date()) // what the server's `today()` says (UTC)

const T0 = Date.now()
const secondsSince = (t) => Math.round((Date.now() - t) / 100) / 10
const step = (msg) => console.log(`▸ [${secondsSince(T0)}s] ${msg}`)
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), "billing-exactly-once."))
const DB = `billing_exactly_once_${process.pid}`

const violations = [] // { phase, message }
const violate = (phase, message) => {
  violations.push({ phase, message })
  console.error(`  ✖ [${phase}] ${message}`)
}

// ---- cleanup: servers, database, embedded PostgreSQL, temp dir ---------------------------------------------
const servers = new Set()
let conn = null
let dbCreated = false
let embedded = null
let client = null
let cleaning = null
function cleanup(failed) {
  cleaning ??= (async () => {
    for (const server of servers) await killServer(server)
    await client?.end().catch(() => {})
    if (dbCreated) await dropDatabase(conn, DB).catch((e) => console.error(`could not drop ${DB}: ${e.message}`))
    await embedded?.stop().catch(() => {})
    if (failed) console.error(`  logs kept in ${WORK}`)
    else fs.rmSync(WORK, { recursive: true, force: true })
  })()
  return cleaning
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    console.error(`\n${signal}: cleaning up`)
    cleanup(true).finally(() => process.exit(130))
  })
}

function fail(message) {
  throw Object.assign(new Error(message), { fatal: true })
}

// ---- helpers over the servers -------------------------------------------------------------------------------
let token = null
let logCount = 0
function boot(name, port) {
  const server = startServer({ name, port, env: serverEnv(), logFile: path.join(WORK, `${name}-${++logCount}.log`) })
  servers.add(server)
  return server
}
async function kill(server) {
  await killServer(server)
  servers.delete(server)
}
async function stop(server) {
  await stopServer(server)
  servers.delete(server)
}
let env = null
const serverEnv = () => env

const startRun = (server) => request(server.base, "POST", "/admin/billing/runs", { token, body: { as_of: TODAY } })
const inProgress = (res) => res.status === 400 && /already in progress/i.test(JSON.stringify(res.body))

async function counts() {
  const { rows: [c] } = await client.query(`SELECT
      (SELECT count(*) FROM billing_activity WHERE deleted_at IS NULL)::int AS activities,
      (SELECT count(*) FROM billing_invoice WHERE deleted_at IS NULL)::int AS invoices,
      (SELECT count(*) FROM billing_invoice WHERE deleted_at IS NULL AND status = 'issued')::int AS issued,
      (SELECT count(*) FROM billing_ledger_posting WHERE deleted_at IS NULL AND kind = 'invoice')::int AS posted`)
  return c
}

async function verify(phase) {
  const { figures, violations: found } = await checkInvariants(client, TODAY)
  for (const v of found) violate(phase, v)
  step(`${phase}: ${found.length ? `${found.length} violation(s)` : "invariants hold"} ${JSON.stringify(figures)}`)
  return figures
}

// ---- the test -----------------------------------------------------------------------------------------------
async function main() {
  const result = { contracts: 0, invoices: 0, seconds: {} }

  step(`Redis ${REDIS_URL}`)
  try {
    await redis(REDIS_URL, ["PING"])
  } catch (e) {
    fail(`Redis is not reachable at ${REDIS_URL} (${e.message}); start it (redis-server) or set REDIS_URL`)
  }
  const [leftover] = await redis(REDIS_URL, ["TTL", LOCK_KEY])
  if (leftover !== -2) {
    console.log(`  a billing-run lock is left in this Redis database (TTL ${leftover} s, from an aborted earlier run): deleting it`)
    await redis(REDIS_URL, ["DEL", LOCK_KEY])
  }

  // 1. database, migrations, admin user
  let t = Date.now()
  if (process.env.DB_HOST) {
    conn = connectionFromEnv()
  } else {
    step("start embedded PostgreSQL")
    embedded = await startEmbeddedPostgres()
    conn = { host: embedded.host, port: embedded.port, user: embedded.user, password: embedded.password }
  }
  // "localhost", not 127.0.0.1: Medusa turns SSL on for any other host name
  const urlConn = { ...conn, host: conn.host === "127.0.0.1" ? "localhost" : conn.host }
  step(`create database ${DB} on ${conn.host}:${conn.port}`)
  await ensureDatabase(conn, DB)
  dbCreated = true
  env = {
    ...process.env,
    DATABASE_URL: databaseUrl(urlConn, DB),
    REDIS_URL,
    MEDUSA_DISABLE_TELEMETRY: "true",
    MEDUSA_ADMIN_DISABLE: "true",
    // The scheduled billing run would start runs of its own at any */10 minute: keep the phases deterministic.
    BILLING_RUN_CRON: process.env.BILLING_RUN_CRON || "0 0 1 1 *",
  }
  step("medusa db:migrate")
  await medusaCommand(["db:migrate"], { env, logFile: path.join(WORK, "migrate.log") })
  step("medusa user")
  await medusaCommand(["user", "-e", ADMIN.email, "-p", ADMIN.password], { env, logFile: path.join(WORK, "user.log") })
  client = new pg.Client({ ...conn, password: conn.password || undefined, database: DB })
  await client.connect()
  result.seconds.setup = secondsSince(t)

  // 2. two servers; seed through the first
  t = Date.now()
  step(`start two servers on ports ${PORTS.join(", ")}`)
  const [a, b] = PORTS.map((port, i) => boot(`server-${i + 1}`, port))
  await Promise.all([waitHealthy(a), waitHealthy(b)])
  result.seconds.boot = secondsSince(t)
  token = await login(a.base, ADMIN.email, ADMIN.password)
  t = Date.now()
  step(`seed catalog and ${N} customers with active monthly contracts through the admin API`)
  await seedCatalog(a.base, token)
  await seedContractsViaApi(a.base, token, { ...(await catalogIds()), count: N, today: TODAY })
  result.seconds.seed = secondsSince(t)

  // 3. two processes, one moment
  t = Date.now()
  step(`POST /admin/billing/runs {as_of: ${TODAY}} on both servers at once`)
  const first = await Promise.all([startRun(a), startRun(b)])
  result.seconds.two_process_run = secondsSince(t)
  judgeConcurrentRuns("two-process", first, N)
  let figures = await verify("two-process")
  t = Date.now()
  step("run again on both at once: nothing new")
  const again = await Promise.all([startRun(a), startRun(b)])
  result.seconds.two_process_rerun = secondsSince(t)
  judgeConcurrentRuns("two-process rerun", again, 0)
  const afterRerun = await verify("two-process rerun")
  if (afterRerun.invoices !== figures.invoices || afterRerun.activities !== figures.activities) {
    violate("two-process rerun", `a re-run changed the data: ${JSON.stringify(figures)} → ${JSON.stringify(afterRerun)}`)
  }
  result.two_process = { responses: first.map(summary), rerun: again.map(summary) }
  const twoProcessOk = !violations.length

  // 4. crashes, with one server
  await stop(b)
  t = Date.now()
  let server = a
  result.crash_rounds = []
  for (const [round, point] of CRASH_POINTS.entries()) {
    const outcome = await crashRound(server, round + 1, point)
    server = outcome.server
    result.crash_rounds.push(outcome.report)
  }
  if (CRASH_POINTS.length && result.crash_rounds.every((r) => r.missed)) {
    violate("crash", `no run could be killed in the middle: every run finished first; raise --crash-contracts (${CRASH_N})`)
  }
  if (opts["lock-lost"]) result.lock_lost = await lockLostPhase(server)
  if (opts.fault) result.posting_fault = await postingFaultPhase(server)

  step("final run: nothing new")
  const final = await startRun(server)
  if (final.status !== 201 || final.body.run.invoices_issued !== 0 || final.body.run.activities_created !== 0) {
    violate("final", `a last run was not a no-op: ${JSON.stringify(summary(final))}`)
  }
  figures = await verify("final")
  result.seconds.crash = secondsSince(t)

  result.contracts = figures.contracts
  result.invoices = figures.invoices
  result.activities = figures.activities
  result.seconds.total = secondsSince(T0)
  result.two_process_ok = twoProcessOk
  result.crash_ok = !violations.some((v) => v.phase.startsWith("crash"))
  result.crash_data_ok = !violations.some((v) => v.phase.startsWith("crash") && !v.lock)
  if (opts["lock-lost"]) result.lock_lost_ok = !violations.some((v) => v.phase === "lock-lost")
  if (opts.fault) result.posting_fault_ok = !violations.some((v) => v.phase === "posting-fault")
  return result
}

async function catalogIds() {
  const { rows: [row] } = await client.query(
    `SELECT p.id AS project_id, a.id AS article_id FROM billing_project p JOIN billing_article a ON a.project_id = p.id WHERE p.code = 'eo'`
  )
  return { project: { id: row.project_id }, article: { id: row.article_id } }
}

const summary = (res) =>
  res.status === 201
    ? { status: 201, run_id: res.body.run.run_id, activities_created: res.body.run.activities_created, invoices_issued: res.body.run.invoices_issued, errors: res.body.run.errors.length }
    : { status: res.status, message: res.body?.message ?? String(res.body).slice(0, 200) }

/** Each answer is a finished run (201) or "already in progress" (400); together they issue `expected` invoices. */
function judgeConcurrentRuns(phase, responses, expected) {
  responses.forEach((res, i) => console.log(`  server-${i + 1}: ${JSON.stringify(summary(res))}`))
  for (const res of responses) {
    if (res.status !== 201 && !inProgress(res)) violate(phase, `unexpected answer ${JSON.stringify(summary(res))}`)
    if (res.status === 201 && res.body.run.errors.length) violate(phase, `run reported errors: ${JSON.stringify(res.body.run.errors.slice(0, 3))}`)
  }
  const ok = responses.filter((r) => r.status === 201)
  if (!ok.length) violate(phase, "neither server ran the billing run")
  const issued = ok.reduce((s, r) => s + r.body.run.invoices_issued, 0)
  if (issued !== expected) violate(phase, `the runs report ${issued} issued invoices together, expected ${expected}`)
}

/**
 * One crash round: CRASH_N more contracts, a run on `server`, SIGKILL of its process group as soon as the
 * database shows `point` reached (and the run not finished), a new server, a run that must finish the work.
 */
async function crashRound(server, round, point) {
  const phase = `crash ${round} (${point})`
  step(`${phase}: ${CRASH_N} more contracts (SQL copies of an API-made one)`)
  await cloneContracts(client, { tag: `K${round}`, count: CRASH_N, today: TODAY })
  const before = await counts()
  const reached = {
    activities: (c) => c.activities > before.activities,
    issued: (c) => c.issued > before.issued,
    posted: (c) => c.posted > before.posted,
  }[point]
  if (!reached) fail(`unknown crash point "${point}" (activities, issued, posted)`)
  const report = { round, point, contracts_added: CRASH_N }

  step(`${phase}: start a run, SIGKILL the server when ${point} appear`)
  let answered = null
  const t = Date.now()
  startRun(server).then(
    (res) => (answered = res),
    (e) => (answered = { status: 0, body: { message: e.cause?.code ?? e.message } })
  )
  let killedAt = null
  while (!answered && Date.now() - t < 600_000) {
    const c = await counts()
    if (reached(c) && c.issued < before.issued + CRASH_N) {
      await kill(server)
      killedAt = secondsSince(t)
      break
    }
    await sleep(5)
  }
  if (!killedAt) {
    report.missed = true
    report.run = answered && summary(answered)
    console.log(`  the run finished before ${point} could be caught (${JSON.stringify(report.run)}); no crash this round`)
    await verify(phase)
    return { server, report }
  }
  await sleep(200) // let PostgreSQL notice the dead connections and roll their transactions back
  const dead = await counts()
  const { rows: deadRuns } = await client.query(`SELECT id FROM billing_run WHERE status = 'running'`)
  const [ttl] = await redis(REDIS_URL, ["TTL", LOCK_KEY])
  report.killed_after_s = killedAt
  report.state_at_kill = {
    activities: dead.activities - before.activities,
    invoices: dead.invoices - before.invoices,
    issued: dead.issued - before.issued,
    posted: dead.posted - before.posted,
  }
  report.lock_ttl_after_kill_s = ttl
  console.log(`  killed after ${killedAt} s: ${JSON.stringify(report.state_at_kill)}; lock TTL ${ttl} s; runs left "running": ${deadRuns.length}`)

  const tRestart = Date.now()
  const next = boot(server.name, server.port)
  await waitHealthy(next)
  report.restart_s = secondsSince(tRestart)

  // The restarted run: blocked by the dead process's lock? Wait for it up to LOCK_GRACE_S after the kill.
  const tKill = t + killedAt * 1000
  let res
  for (;;) {
    res = await startRun(next)
    if (!inProgress(res)) break
    const [left] = await redis(REDIS_URL, ["TTL", LOCK_KEY])
    report.blocked_by_lock = true
    const wouldWait = (Date.now() - tKill) / 1000 + Math.max(left, 0)
    if (left > 0 && wouldWait > LOCK_GRACE_S) {
      violations.push({
        phase,
        lock: true,
        message:
          `after SIGKILL the restarted run is refused ("${res.body.message}"): the dead process's Redis lock ${LOCK_KEY} ` +
          `is held for ${left} s more (${Math.round(wouldWait)} s after the crash, grace ${LOCK_GRACE_S} s) — ` +
          `billing-run-workflow.ts takes it with expire: 30 * 60`,
      })
      console.error(`  ✖ [${phase}] ${violations.at(-1).message}`)
      report.lock_blocked_s = Math.round(wouldWait)
      console.log(`  deleting ${LOCK_KEY} (as an operator would) to go on checking the data`)
      await redis(REDIS_URL, ["DEL", LOCK_KEY])
      continue
    }
    await sleep(2000)
  }
  report.recovery_run = summary(res)
  report.recovered_after_kill_s = secondsSince(tKill)
  console.log(`  recovery run: ${JSON.stringify(report.recovery_run)}`)
  if (res.status !== 201) violate(phase, `the recovery run failed: ${JSON.stringify(summary(res))}`)
  else if (res.body.run.errors.length) violate(phase, `the recovery run reported errors: ${JSON.stringify(res.body.run.errors.slice(0, 3))}`)

  if (deadRuns.length) {
    const { rows } = await client.query(`SELECT id, status FROM billing_run WHERE id = ANY($1)`, [deadRuns.map((r) => r.id)])
    const notFailed = rows.filter((r) => r.status !== "failed")
    if (notFailed.length) violate(phase, `the killed run is not marked failed: ${JSON.stringify(notFailed)}`)
  } else {
    violate(phase, "no billing run was marked running when the server was killed")
  }
  await verify(phase)
  return { server: next, report }
}

/**
 * The lock is only an optimisation ("the database keys make a second run a no-op anyway"): a run starts, its
 * Redis lock disappears (evicted, expired while Redis was unreachable, deleted by an operator), and a second
 * run starts while the first is still writing. Whatever the two answer, a follow-up run must leave the data
 * exactly as one run would have.
 */
async function lockLostPhase(server) {
  const phase = "lock-lost"
  step(`${phase}: ${CRASH_N} more contracts; a run, its lock deleted mid-run, a second run at the same time`)
  await cloneContracts(client, { tag: "L", count: CRASH_N, today: TODAY })
  const before = await counts()
  const first = startRun(server).catch((e) => ({ status: 0, body: { message: e.message } }))
  const t = Date.now()
  let c = before
  while (c.activities === before.activities && Date.now() - t < 120_000) {
    await sleep(5)
    c = await counts()
  }
  await redis(REDIS_URL, ["DEL", LOCK_KEY])
  const second = await startRun(server).catch((e) => ({ status: 0, body: { message: e.message } }))
  const answers = [await first, second].map(summary)
  console.log(`  first run: ${JSON.stringify(answers[0])}\n  second run: ${JSON.stringify(answers[1])}`)
  const followUp = await startRun(server)
  console.log(`  follow-up run: ${JSON.stringify(summary(followUp))}`)
  if (followUp.status !== 201) violate(phase, `the follow-up run failed: ${JSON.stringify(summary(followUp))}`)
  await verify(phase)
  return { concurrent_runs: answers, follow_up: summary(followUp) }
}

/**
 * A run that fails in the middle without dying (here: the ledger refuses postings, injected with a trigger
 * in the test database) must be finished by the next run just like a killed one.
 */
async function postingFaultPhase(server) {
  const phase = "posting-fault"
  const count = Math.min(CRASH_N, 200)
  step(`${phase}: ${count} more contracts; a run while the ledger refuses postings, then a run without the fault`)
  await cloneContracts(client, { tag: "F", count, today: TODAY })
  await client.query(`CREATE FUNCTION eo_injected_fault() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'injected fault: the ledger is unavailable'; END $$`)
  await client.query(`CREATE TRIGGER eo_injected_fault BEFORE INSERT ON billing_ledger_posting
    FOR EACH STATEMENT EXECUTE FUNCTION eo_injected_fault()`)
  let failing
  try {
    failing = await startRun(server)
  } finally {
    await client.query(`DROP TRIGGER eo_injected_fault ON billing_ledger_posting; DROP FUNCTION eo_injected_fault()`)
  }
  const { rows: [left] } = await client.query(`SELECT
      (SELECT count(*) FROM billing_invoice i WHERE i.status = 'issued' AND NOT EXISTS
        (SELECT 1 FROM billing_ledger_posting p WHERE p.reference_id = i.id AND p.kind = 'invoice'))::int AS issued_unposted,
      (SELECT count(*) FROM billing_invoice WHERE status = 'draft')::int AS drafts,
      (SELECT string_agg(status, ',') FROM (SELECT status FROM billing_run ORDER BY started_at DESC LIMIT 1) r) AS run_status`)
  console.log(`  failing run: ${JSON.stringify(summary(failing))}; left behind: ${JSON.stringify(left)}`)
  const next = await startRun(server)
  console.log(`  next run: ${JSON.stringify(summary(next))}`)
  if (next.status !== 201) violate(phase, `the run after the fault failed: ${JSON.stringify(summary(next))}`)
  await verify(phase)
  return { failing_run: summary(failing), left_behind: left, next_run: summary(next) }
}

main().then(
  async (result) => {
    await cleanup(violations.length > 0)
    console.log(JSON.stringify(result))
    if (violations.length) {
      console.error(`✖ billing exactly-once test: ${violations.length} violation(s) after ${secondsSince(T0)} s:`)
      for (const v of violations) console.error(`  - [${v.phase}] ${v.message}`)
      process.exit(1)
    }
    console.log(`✔ billing exactly-once test passed in ${secondsSince(T0)} s`)
    process.exit(0)
  },
  async (error) => {
    console.error(`✖ billing exactly-once test: ${error.fatal ? error.message : error.stack}`)
    for (const server of servers) console.error(`--- ${server.name} (${server.logFile}):\n${tail(server.logFile, 20)}`)
    await cleanup(true)
    process.exit(1)
  }
)
