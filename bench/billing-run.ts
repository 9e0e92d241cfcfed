/**
 * The billing run benchmark, run inside Medusa by bench/run.mjs:
 *
 *   npx medusa exec ./bench/billing-run.ts -- --contracts N [--profile] [--trace] [--with-delivery] [--pdf 200]
 *
 * Expects a freshly migrated, otherwise empty database. Seeds (not timed) with bulk SQL through the
 * container's knex connection, times one real billing run via `runBillingExclusively`, an immediate re-run
 * (which must create nothing) and the PDF rendering rate, and prints one line `BENCH_RESULT {json}`.
 *
 * Background delivery: `medusa exec` loads the plugin's subscribers, and without REDIS_URL the event bus is
 * the in-memory one, which calls subscribers in this very process as soon as the workflow releases its
 * grouped events. The `billing.invoice.issued` subscriber renders and mails every issued invoice. By default
 * the bench detaches it (and counts the events instead), so the figures are the billing run itself —
 * activities, invoices, numbers, ledger, and the release of one event per invoice. `--with-delivery` keeps it
 * attached: then the process also starts one delivery workflow per invoice while the run returns.
 */
import { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import fs from "fs"
import inspector from "inspector"
import os from "os"
import path from "path"
import { renderInvoicePdf } from "../src/documents/invoice-pdf"
import { BILLING_INVOICE_MODULE } from "../src/modules/billing-invoice"
import BillingInvoiceModuleService from "../src/modules/billing-invoice/service"
import { runBillingExclusively } from "../src/workflows/billing/billing-run-workflow"
import { toInvoiceDocument } from "../src/workflows/documents/invoice-document"
import { execOptions } from "./lib/exec-args"

type Knex = {
  raw: (sql: string, bindings?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>
  on: (event: string, fn: (...args: any[]) => void) => void
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`)
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits

function parseArgs(args: string[] | undefined) {
  const { option, flag } = execOptions(args)
  return {
    contracts: Number(option("contracts") ?? process.env.BENCH_CONTRACTS ?? 100000),
    pdf: Number(option("pdf") ?? 200),
    profile: flag("profile"),
    trace: flag("trace"),
    withDelivery: flag("with-delivery"),
  }
}

// ---- dates --------------------------------------------------------------------------------------------------
/** The billing month: the month before the current one. Contracts start on its days 1–28; as_of is its last day. */
function billingMonth(now = new Date()) {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0))
  const ym = first.toISOString().slice(0, 7)
  return { ym, asOf: last.toISOString().slice(0, 10) }
}

// ---- seeding ------------------------------------------------------------------------------------------------
const raw = (value: string) => JSON.stringify({ value: String(Number(value)), precision: 20 })

const ARTICLES = [
  { id: "bart_bench_1", number: "BENCH-1", name: "Cloud Hosting S", amount: "19.90" },
  { id: "bart_bench_2", number: "BENCH-2", name: "Backup Plus", amount: "29.90" },
  { id: "bart_bench_3", number: "BENCH-3", name: "Support Basic", amount: "9.50" },
]

async function seed(pg: Knex, n: number, ym: string) {
  const t0 = Date.now()
  await pg.raw(
    `INSERT INTO billing_tax_group (id, code, name, kind, country_code, legal_note) VALUES ('btxg_bench', 'bench-de-19', 'Germany 19 %', 'standard', 'de', NULL)`
  )
  await pg.raw(`INSERT INTO billing_tax_rate (id, rate, raw_rate, valid_from, tax_group_id) VALUES ('btxr_bench', 19, ?::jsonb, '2020-01-01', 'btxg_bench')`, [
    raw("19"),
  ])
  await pg.raw(`INSERT INTO billing_article_group (id, code, name, tax_group_id) VALUES ('bagr_bench', 'bench', 'Bench services', 'btxg_bench')`)
  await pg.raw(
    `INSERT INTO billing_project (id, code, name, default_currency_code, contract_number_prefix, invoice_number_format, cancellation_number_format, payment_term_days)
     VALUES ('bprj_bench', 'BENCH', 'Bench project', 'eur', 'V-', 'RE-{YYYY}-{SEQ:6}', 'ST-{YYYY}-{SEQ:6}', 14)`
  )
  for (const [i, a] of ARTICLES.entries()) {
    await pg.raw(
      `INSERT INTO billing_article (id, number, name, kind, unit, project_id, article_group_id) VALUES (?, ?, ?, 'subscription', 'MONTH', 'bprj_bench', 'bagr_bench')`,
      [a.id, a.number, a.name]
    )
    await pg.raw(
      `INSERT INTO billing_price_variant (id, currency_code, amount, raw_amount, valid_from, min_quantity, article_id) VALUES (?, 'eur', ?, ?::jsonb, '2020-01-01', 1, ?)`,
      [`bprv_bench_${i + 1}`, a.amount, raw(a.amount), a.id]
    )
  }

  const BATCH = 50_000
  const pad = `lpad(i::text, 6, '0')`
  for (let from = 1; from <= n; from += BATCH) {
    const to = Math.min(n, from + BATCH - 1)
    const range = [from, to]
    await pg.raw(
      `INSERT INTO customer (id, email, first_name, last_name, has_account, metadata)
       SELECT 'cus_bench_' || ${pad}, 'bench' || ${pad} || '@example.com', 'Erika', 'Muster' || ${pad}, false,
              CASE WHEN i % 10 = 0 THEN '{"locale":"en"}'::jsonb ELSE NULL END
         FROM generate_series(?::int, ?::int) AS i`,
      range
    )
    await pg.raw(
      `INSERT INTO customer_address (id, customer_id, is_default_shipping, is_default_billing, first_name, last_name, address_1, city, country_code, postal_code)
       SELECT 'cuaddr_bench_' || ${pad}, 'cus_bench_' || ${pad}, true, true, 'Erika', 'Muster' || ${pad},
              'Musterweg ' || (i % 200 + 1), 'Berlin', 'de', lpad((10000 + i % 89999)::text, 5, '0')
         FROM generate_series(?::int, ?::int) AS i`,
      range
    )
    // Monthly, in advance, started on day 1..28 of the billing month: exactly one period is due by its last day.
    await pg.raw(
      `INSERT INTO billing_contract (id, number, project_id, customer_id, status, currency_code, start_date, interval_count, interval_unit,
                                     billing_mode, minimum_term_count, minimum_term_unit, renewal_term_count, renewal_term_unit,
                                     notice_period_count, notice_period_unit, payment_method, activated_at)
       SELECT 'bctr_bench_' || ${pad}, 'V-' || ${pad}, 'bprj_bench', 'cus_bench_' || ${pad}, 'active', 'eur',
              ? || '-' || lpad((1 + i % 28)::text, 2, '0'), 1, 'MONTH', 'advance', 12, 'MONTH', 1, 'MONTH', 1, 'MONTH', 'invoice', now()
         FROM generate_series(?::int, ?::int) AS i`,
      [ym, ...range]
    )
    // 1–3 items per contract (i % 3 + 1), each a different article, quantity 1–2.
    await pg.raw(
      `INSERT INTO billing_contract_item (id, article_id, quantity, valid_from, contract_id)
       SELECT 'bcit_bench_' || ${pad} || '_' || k, 'bart_bench_' || ((i + k) % 3 + 1), 1 + (i + k) % 2,
              ? || '-' || lpad((1 + i % 28)::text, 2, '0'), 'bctr_bench_' || ${pad}
         FROM generate_series(?::int, ?::int) AS i CROSS JOIN generate_series(1, 3) AS k
        WHERE k <= i % 3 + 1`,
      [ym, ...range]
    )
  }
  await pg.raw(
    `INSERT INTO billing_contract_number_sequence (id, project_id, last_value) VALUES ('bcns_bprj_bench', 'bprj_bench', ?)`,
    [n]
  )
  await pg.raw(`ANALYZE`)
  const { rows } = await pg.raw(`SELECT count(*)::int AS items FROM billing_contract_item`)
  log(`seeded ${n} customers/contracts, ${rows[0].items} items in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  return Number(rows[0].items)
}

// ---- measurement helpers -------------------------------------------------------------------------------------
/** CPU seconds (user+system) of all local `postgres` processes, from /proc; null when not readable. */
function postgresCpuSeconds(): number | null {
  try {
    const tick = 100 // USER_HZ on Linux
    let total = 0
    for (const pid of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
        const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"))
        if (comm !== "postgres") continue
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
        total += (Number(fields[11]) + Number(fields[12])) / tick
      } catch {
        // process gone
      }
    }
    return total
  } catch {
    return null
  }
}

const COUNTED_TABLES = [
  "billing_activity",
  "billing_invoice",
  "billing_invoice_line",
  "billing_invoice_tax_total",
  "billing_invoice_number_log",
  "billing_ledger_posting",
  "billing_ledger_entry",
  "billing_ledger_account",
]

async function rowCounts(pg: Knex) {
  const { rows } = await pg.raw(COUNTED_TABLES.map((t) => `SELECT '${t}' AS t, count(*)::int AS n FROM ${t}`).join(" UNION ALL "))
  return Object.fromEntries(rows.map((r) => [r.t as string, Number(r.n)])) as Record<string, number>
}

/** SQL statements seen by knex during a window: count and summed wall time, by statement shape. */
function sqlTracer(pg: Knex) {
  const started = new Map<string, number>()
  const byShape = new Map<string, { count: number; ms: number }>()
  let active = false
  const shape = (sql: string) => {
    const s = sql.replace(/\s+/g, " ").trim()
    const m =
      /^(insert into|update|delete from) "?(\w+)"?/i.exec(s) ??
      /^select .*? from "?(\w+)"?/i.exec(s) ??
      /^(\w+)/.exec(s)
    if (!m) return s.slice(0, 40)
    const verb = s.split(" ")[0].toUpperCase()
    return `${verb} ${m[m.length - 1]}`
  }
  pg.on("query", (q: { __knexQueryUid: string; sql: string }) => {
    if (active) started.set(q.__knexQueryUid, performance.now())
  })
  const done = (_: unknown, q: { __knexQueryUid: string; sql: string }) => {
    const t = started.get(q?.__knexQueryUid)
    if (t === undefined) return
    started.delete(q.__knexQueryUid)
    const key = shape(q.sql)
    const entry = byShape.get(key) ?? { count: 0, ms: 0 }
    entry.count += 1
    entry.ms += performance.now() - t
    byShape.set(key, entry)
  }
  pg.on("query-response", done)
  pg.on("query-error", done)
  return {
    start() {
      byShape.clear()
      active = true
    },
    stop() {
      active = false
      const rows = [...byShape.entries()].sort((a, b) => b[1].ms - a[1].ms)
      const total = rows.reduce((s, [, v]) => ({ count: s.count + v.count, ms: s.ms + v.ms }), { count: 0, ms: 0 })
      return { total, rows }
    },
  }
}

/** Wraps the billing modules' service methods (and query.graph) to sum wall time per method while active. */
function methodTimer(container: MedusaContainer) {
  const stats = new Map<string, { count: number; ms: number }>()
  let active = false
  const wrap = (owner: Record<string, unknown>, label: string, name: string) => {
    const original = owner[name]
    if (typeof original !== "function") return
    owner[name] = function (this: unknown, ...args: unknown[]) {
      if (!active) return (original as Function).apply(this, args)
      const t0 = performance.now()
      const record = () => {
        const key = `${label}.${name}`
        const entry = stats.get(key) ?? { count: 0, ms: 0 }
        entry.count += 1
        entry.ms += performance.now() - t0
        stats.set(key, entry)
      }
      const result = (original as Function).apply(this, args)
      if (result && typeof (result as Promise<unknown>).then === "function") {
        return (result as Promise<unknown>).finally(record)
      }
      record()
      return result
    }
  }
  const interesting = /^(list|create|update|retrieve|insert|mark|issue|post|contracts|customer|unposted|ensure|invoiceBalances)/
  for (const key of ["billingCatalog", "billingContract", "billingInvoice", "billingLedger"]) {
    let service: Record<string, unknown>
    try {
      service = container.resolve(key)
    } catch {
      continue
    }
    const names = new Set<string>()
    for (let proto = Object.getPrototypeOf(service); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const name of Object.getOwnPropertyNames(proto)) if (interesting.test(name)) names.add(name)
    }
    for (const name of names) wrap(service, key.replace("billing", "").toLowerCase(), name)
  }
  wrap(container.resolve(ContainerRegistrationKeys.QUERY) as unknown as Record<string, unknown>, "query", "graph")
  return {
    start() {
      stats.clear()
      active = true
    },
    stop() {
      active = false
      return [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms)
    },
  }
}

async function withCpuProfile<T>(enabled: boolean, file: string, fn: () => Promise<T>): Promise<T> {
  if (!enabled) return fn()
  const session = new inspector.Session()
  session.connect()
  const post = (method: string, params?: object) =>
    new Promise<any>((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))))
  await post("Profiler.enable")
  await post("Profiler.setSamplingInterval", { interval: 1000 })
  await post("Profiler.start")
  try {
    return await fn()
  } finally {
    const { profile } = await post("Profiler.stop")
    fs.writeFileSync(file, JSON.stringify(profile))
    session.disconnect()
    log(`CPU profile of the run written to ${file}`)
  }
}

// ---- the benchmark ------------------------------------------------------------------------------------------
export default async function billingRunBenchmark({ container, args }: ExecArgs) {
  const opts = parseArgs(args)
  if (!Number.isInteger(opts.contracts) || opts.contracts < 1) {
    throw new Error(`--contracts must be a positive integer (args: ${JSON.stringify(args)})`)
  }
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as unknown as Knex
  const { ym, asOf } = billingMonth()
  const { rows: existing } = await pg.raw(`SELECT (SELECT count(*) FROM billing_contract)::int AS c, (SELECT count(*) FROM billing_invoice)::int AS i`)
  if (Number(existing[0].c) || Number(existing[0].i)) {
    throw new Error("the bench needs a freshly migrated, empty database (run it through `npm run bench:billing`)")
  }
  log(`contracts=${opts.contracts} billing month=${ym} as_of=${asOf}`)
  const items = await seed(pg, opts.contracts, ym)

  // Background delivery (see the header): detach the plugin's subscriber unless asked to keep it, count events.
  const eventBus = container.resolve(Modules.EVENT_BUS) as unknown as {
    eventEmitter_?: { removeAllListeners: (e: string) => void; listenerCount: (e: string) => number }
    subscribe: (event: string, fn: (data: unknown) => Promise<void>, ctx?: { subscriberId: string }) => void
    constructor: { name: string }
  }
  const subscribersBefore = eventBus.eventEmitter_?.listenerCount("billing.invoice.issued") ?? null
  if (!opts.withDelivery) {
    eventBus.eventEmitter_?.removeAllListeners("billing.invoice.issued")
  }
  let issuedEvents = 0
  eventBus.subscribe("billing.invoice.issued", async () => void (issuedEvents += 1), { subscriberId: "bench-issued-counter" })
  log(
    `event bus ${eventBus.constructor.name}: ${subscribersBefore ?? "?"} subscriber(s) on billing.invoice.issued in this process; ` +
      (opts.withDelivery ? "kept (delivery runs here)" : "detached for the timed run")
  )

  const tracer = opts.trace ? sqlTracer(pg) : null
  const timer = opts.trace ? methodTimer(container) : null

  // ---- the timed billing run ----
  const rssBeforeRun = process.memoryUsage().rss
  let sampledPeak = rssBeforeRun
  let heapPeak = process.memoryUsage().heapUsed
  const sampler = setInterval(() => {
    const m = process.memoryUsage()
    sampledPeak = Math.max(sampledPeak, m.rss)
    heapPeak = Math.max(heapPeak, m.heapUsed)
  }, 50)
  const before = await rowCounts(pg)
  const load0 = os.loadavg()[0]
  const pgCpu0 = postgresCpuSeconds()
  const cpu0 = process.cpuUsage()
  tracer?.start()
  timer?.start()
  const t0 = performance.now()
  const result = await withCpuProfile(opts.profile, path.resolve("bench/.data", `billing-run-${opts.contracts}.cpuprofile`), () =>
    runBillingExclusively(container, { as_of: asOf, today: asOf, trigger: "admin" })
  )
  const seconds = (performance.now() - t0) / 1000
  const sql = tracer?.stop()
  const methods = timer?.stop()
  const cpu = process.cpuUsage(cpu0)
  const pgCpu1 = postgresCpuSeconds()
  const load1 = os.loadavg()[0]
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss)
  const runPeakRss = sampledPeak
  const after = await rowCounts(pg)
  const delta = Object.fromEntries(COUNTED_TABLES.map((t) => [t, after[t] - before[t]]))
  log(
    `run: ${seconds.toFixed(2)} s wall; node CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; ` +
      `postgres CPU ${pgCpu0 !== null && pgCpu1 !== null ? (pgCpu1 - pgCpu0).toFixed(1) + " s" : "n/a"}; ` +
      `${result.contracts_processed} contracts, ${result.activities_created} activities, ${result.invoices_issued} invoices, ${result.errors.length} errors`
  )
  log(`rows written: ${JSON.stringify(delta)}`)
  if (result.errors.length) log(`first errors: ${JSON.stringify(result.errors.slice(0, 3))}`)
  if (sql) {
    log(`SQL during the run: ${sql.total.count} statements, ${(sql.total.ms / 1000).toFixed(1)} s waiting for them`)
    for (const [shape, v] of sql.rows.slice(0, 25)) log(`  ${String(v.count).padStart(8)} × ${(v.ms / 1000).toFixed(2).padStart(7)} s  ${shape}`)
  }
  if (methods) {
    log("service methods (inclusive wall time; nested calls are counted in their callers too):")
    for (const [name, v] of methods.slice(0, 30)) log(`  ${String(v.count).padStart(8)} × ${(v.ms / 1000).toFixed(2).padStart(7)} s  ${name}`)
  }
  // Let the released events (and, with --with-delivery, the delivery workflows) get going before the re-run.
  await new Promise((r) => setTimeout(r, 200))
  log(`billing.invoice.issued events received so far: ${issuedEvents}`)

  // ---- the immediate re-run ----
  const beforeRerun = await rowCounts(pg)
  const r0 = performance.now()
  const rerun = await runBillingExclusively(container, { as_of: asOf, today: asOf, trigger: "admin" })
  const rerunSeconds = (performance.now() - r0) / 1000
  const afterRerun = await rowCounts(pg)
  const rerunRows = COUNTED_TABLES.reduce((s, t) => s + afterRerun[t] - beforeRerun[t], 0)
  const rerunCreated = rerun.activities_created + rerun.invoices_issued + rerunRows
  log(`re-run: ${rerunSeconds.toFixed(2)} s, ${rerun.activities_created} activities, ${rerun.invoices_issued} invoices, ${rerunRows} rows`)
  clearInterval(sampler)

  // ---- PDF rendering on one core ----
  const invoiceService = container.resolve<BillingInvoiceModuleService>(BILLING_INVOICE_MODULE)
  const docs = await invoiceService.listBillingInvoices(
    { status: "issued", kind: "invoice" },
    { relations: ["lines", "tax_totals"], take: opts.pdf, order: { id: "ASC" } }
  )
  let pdfPerSecond: number | null = null
  let pdfBytes = 0
  if (docs.length) {
    const documents = docs.map((d) => toInvoiceDocument(d as Parameters<typeof toInvoiceDocument>[0], null))
    for (const d of documents.slice(0, 5)) await renderInvoicePdf(d) // warm-up (fonts, JIT)
    const p0 = performance.now()
    for (const d of documents) pdfBytes += (await renderInvoicePdf(d)).length
    const pdfSeconds = (performance.now() - p0) / 1000
    pdfPerSecond = documents.length / pdfSeconds
    log(`PDF: ${documents.length} invoices in ${pdfSeconds.toFixed(2)} s (${Math.round(pdfBytes / documents.length)} bytes each)`)
  }

  const peakRssMb = process.resourceUsage().maxRSS / 1024
  const output = {
    contracts: opts.contracts,
    items,
    invoices: result.invoices_issued,
    activities: result.activities_created,
    errors: result.errors.length,
    seconds: round(seconds),
    invoices_per_second: round(result.invoices_issued / seconds, 1),
    peak_rss_mb: Math.round(peakRssMb),
    rss_before_run_mb: Math.round(rssBeforeRun / 1024 / 1024),
    run_peak_rss_sampled_mb: Math.round(runPeakRss / 1024 / 1024),
    run_peak_heap_used_mb: Math.round(heapPeak / 1024 / 1024),
    node_cpu_seconds: round((cpu.user + cpu.system) / 1e6, 1),
    postgres_cpu_seconds: pgCpu0 !== null && pgCpu1 !== null ? round(pgCpu1 - pgCpu0, 1) : null,
    rerun_seconds: round(rerunSeconds),
    rerun_created: rerunCreated,
    pdf_per_second: pdfPerSecond === null ? null : round(pdfPerSecond, 1),
    delivery_in_process: opts.withDelivery,
    issued_events: issuedEvents,
    as_of: asOf,
    node: process.version,
    postgres: process.env.BENCH_PG_VERSION ?? null,
    cpus: os.cpus().length,
    // Other work on the machine competes for the 2 cores: the 1-minute load average before and after the run.
    loadavg: [round(load0, 1), round(load1, 1)],
  }
  if (rerunCreated !== 0) log(`ASSERTION FAILED: the re-run created ${rerunCreated} things`)
  if (result.invoices_issued !== opts.contracts) log(`WARNING: expected ${opts.contracts} invoices, got ${result.invoices_issued}`)
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(output)}\n`)
  if (rerunCreated !== 0) throw new Error("re-run was not a no-op")
}
