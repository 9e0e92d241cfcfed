// Helpers of scripts/billing-exactly-once-test.mjs: Medusa server processes, the admin API, a tiny Redis
// client, seeding (through the API, and by cloning API-made rows in SQL for the larger crash rounds) and the
// exactly-once invariants, checked in SQL against the database itself.
import { spawn } from "node:child_process"
import crypto from "node:crypto"
import fs from "node:fs"
import net from "node:net"
import path from "node:path"
import { ROOT } from "../embedded-pg.mjs"

const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa") // what `npx medusa` runs, minus npx
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

// ---- processes ---------------------------------------------------------------------------------------------

/** Runs `medusa ARGS` to completion (own process group), output to `logFile`; throws with the log's tail on failure. */
export function medusaCommand(args, { env, logFile }) {
  return new Promise((resolve, reject) => {
    const fd = fs.openSync(logFile, "a")
    const child = spawn(MEDUSA, args, { cwd: ROOT, env, detached: true, stdio: ["ignore", fd, fd] })
    fs.closeSync(fd)
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`medusa ${args.join(" ")} failed (exit ${code}):\n${tail(logFile)}`))
    )
  })
}

export function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n")
  } catch {
    return ""
  }
}

/**
 * A Medusa server: `medusa start` run from the repository (TypeScript sources, no file watcher — `develop`
 * would restart it whenever someone edits src/), in its own process group so that a SIGKILL reaches all of it.
 */
export function startServer({ name, port, env, logFile }) {
  const fd = fs.openSync(logFile, "a")
  const child = spawn(MEDUSA, ["start"], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), NODE_ENV: "development" },
    detached: true,
    stdio: ["ignore", fd, fd],
  })
  fs.closeSync(fd)
  const server = { name, port, pid: child.pid, base: `http://localhost:${port}`, logFile, exited: false }
  child.on("exit", () => (server.exited = true))
  return server
}

export function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0)
    return true
  } catch {
    return false
  }
}

export async function waitHealthy(server, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (server.exited) throw new Error(`${server.name} exited before /health answered:\n${tail(server.logFile)}`)
    try {
      if ((await fetch(`${server.base}/health`)).ok) return
    } catch {
      // not listening yet
    }
    await sleep(250)
  }
  throw new Error(`${server.name}: no /health within ${timeoutMs / 1000} s:\n${tail(server.logFile)}`)
}

/** SIGKILL to the whole process group, and wait until every process of it is gone. */
export async function killServer(server, signal = "SIGKILL") {
  if (!server?.pid) return
  try {
    process.kill(-server.pid, signal)
  } catch {
    // already gone
  }
  for (let i = 0; i < 100 && groupAlive(server.pid); i++) await sleep(100)
  if (groupAlive(server.pid)) process.kill(-server.pid, "SIGKILL")
  for (let i = 0; i < 50 && groupAlive(server.pid); i++) await sleep(100)
}

/** Graceful stop (SIGTERM to the group, SIGKILL after 10 s). */
export const stopServer = (server) => killServer(server, "SIGTERM")

// ---- admin API -----------------------------------------------------------------------------------------------

export async function request(base, method, urlPath, { token, body } = {}) {
  const res = await fetch(`${base}${urlPath}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  let json = null
  try {
    json = JSON.parse(text)
  } catch {
    // not JSON
  }
  return { status: res.status, body: json ?? text }
}

/** POST that must answer 2xx; returns the JSON body. */
export async function post(base, urlPath, body, token) {
  const res = await request(base, "POST", urlPath, { token, body })
  if (res.status >= 300) throw new Error(`POST ${urlPath} → ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`)
  return res.body
}

export async function login(base, email, password) {
  const { token } = await post(base, "/auth/user/emailpass", { email, password })
  if (!token) throw new Error("login returned no token")
  return token
}

/** Runs `fn` over `items` with at most `width` calls in flight. */
export async function pool(items, width, fn) {
  const results = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i], i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker))
  return results
}

// ---- dates ---------------------------------------------------------------------------------------------------

const dayMs = 86_400_000
export const isoDay = (date) => date.toISOString().slice(0, 10)

/** Start dates spread over the last ~6 months, on days 1–28 (so "the same day next month" always exists). */
export function randomStartDate(today, random = Math.random) {
  const d = new Date(Date.parse(today) - Math.floor(random() * 182) * dayMs)
  if (d.getUTCDate() > 28) d.setUTCDate(d.getUTCDate() - 3)
  return isoDay(d)
}

/** Monthly periods in advance started on or before `today`: the activities a contract must have been billed. */
export function expectedMonthlyActivities(startDate, today) {
  const [y, m, d] = startDate.split("-").map(Number)
  let count = 0
  for (let k = 0; ; k++) {
    const start = isoDay(new Date(Date.UTC(y, m - 1 + k, d)))
    if (start > today) return count
    count++
  }
}

// ---- seeding -------------------------------------------------------------------------------------------------

export const MONTHLY_PRICE = "19.90"

/** Tax group (19 %), article group, project and a monthly article at 19.90 EUR, through the admin API. */
export async function seedCatalog(base, token) {
  const { tax_group } = await post(
    base,
    "/admin/billing/tax-groups",
    { code: "vat19", name: "VAT 19 %", rates: [{ rate: "19", valid_from: "2020-01-01" }] },
    token
  )
  const { article_group } = await post(
    base,
    "/admin/billing/article-groups",
    { code: "monthly-goods", name: "Monthly goods", tax_group_id: tax_group.id },
    token
  )
  const { project } = await post(base, "/admin/billing/projects", { code: "eo", name: "Exactly-once test" }, token)
  const { article } = await post(
    base,
    "/admin/billing/articles",
    {
      project_id: project.id,
      article_group_id: article_group.id,
      number: "M-1990",
      name: "Monthly box",
      kind: "subscription",
      unit: "MONTH",
      price_variants: [{ currency_code: "EUR", amount: MONTHLY_PRICE, valid_from: "2020-01-01" }],
    },
    token
  )
  return { project, article }
}

/**
 * N customers and N active monthly contracts (one item each) through the admin API. The first contract is
 * created alone: concurrent first contracts of a project collide on the number sequence row (see the report).
 */
export async function seedContractsViaApi(base, token, { project, article, count, today, width = 6 }) {
  const one = async (i) => {
    const { customer } = await post(
      base,
      "/admin/customers",
      { email: `eo-${i}@example.com`, first_name: "Customer", last_name: String(i) },
      token
    )
    const { contract } = await post(
      base,
      "/admin/billing/contracts",
      { project_id: project.id, customer_id: customer.id, start_date: randomStartDate(today), interval_unit: "MONTH", items: [{ article_id: article.id }] },
      token
    )
    await post(base, `/admin/billing/contracts/${contract.id}/activate`, {}, token)
    return contract.id
  }
  const first = await one(0)
  return [first, ...(await pool(Array.from({ length: count - 1 }, (_, i) => i + 1), width, one))]
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
/** An id in Medusa's shape: prefix_ + 26 Crockford base32 characters. */
function newId(prefix) {
  const bytes = crypto.randomBytes(26)
  return `${prefix}_${Array.from(bytes, (b) => CROCKFORD[b & 31]).join("")}`
}

/**
 * `count` more active contracts (each with its own customer) as copies of an API-made contract, its item and
 * its customer, with new ids, numbers and start dates — a bulk insert, for crash rounds big enough that a run
 * lasts long enough to be killed in the middle. Rows are copied column by column, so they are exactly what
 * the API writes apart from the overridden fields.
 */
export async function cloneContracts(client, { tag, count, today }) {
  const { rows: [template] } = await client.query(
    `SELECT to_jsonb(c) AS contract, to_jsonb(i) AS item, to_jsonb(cu) AS customer
       FROM billing_contract c
       JOIN billing_contract_item i ON i.contract_id = c.id AND i.deleted_at IS NULL
       JOIN customer cu ON cu.id = c.customer_id
      WHERE c.status = 'active' AND c.deleted_at IS NULL
      ORDER BY c.created_at LIMIT 1`
  )
  if (!template) throw new Error("cloneContracts: no API-made active contract to copy")
  const now = new Date().toISOString()
  const customers = []
  const contracts = []
  const items = []
  for (let i = 0; i < count; i++) {
    const customerId = newId("cus")
    const contractId = newId("bctr")
    const start = randomStartDate(today)
    customers.push({ id: customerId, email: `eo-${tag}-${i}@example.com`, last_name: `${tag}-${i}`, created_at: now, updated_at: now })
    contracts.push({
      id: contractId,
      number: `${tag}-${String(i).padStart(6, "0")}`,
      customer_id: customerId,
      start_date: start,
      activated_at: now,
      created_at: now,
      updated_at: now,
    })
    items.push({ id: newId("bcit"), contract_id: contractId, valid_from: start, created_at: now, updated_at: now })
  }
  const copy = (table, templateRow, overrides) =>
    client.query(
      `INSERT INTO ${table} SELECT (jsonb_populate_record(NULL::${table}, $1::jsonb || o)).* FROM jsonb_array_elements($2::jsonb) o`,
      [JSON.stringify(templateRow), JSON.stringify(overrides)]
    )
  await client.query("BEGIN")
  try {
    await copy("customer", template.customer, customers)
    await copy("billing_contract", template.contract, contracts)
    await copy("billing_contract_item", template.item, items)
    await client.query("COMMIT")
  } catch (e) {
    await client.query("ROLLBACK")
    throw e
  }
  return contracts.map((c) => c.id)
}

// ---- Redis (RESP2 over a socket: enough for GET/TTL/DEL/PING) --------------------------------------------------

export function parseRedisUrl(url) {
  const u = new URL(url)
  return {
    host: u.hostname || "127.0.0.1",
    port: Number(u.port || 6379),
    db: Number(u.pathname.replace(/^\//, "") || 0),
    password: u.password ? decodeURIComponent(u.password) : null,
    username: u.username ? decodeURIComponent(u.username) : null,
  }
}

function parseReply(buf, offset = 0) {
  const end = buf.indexOf("\r\n", offset)
  if (end < 0) return null
  const type = String.fromCharCode(buf[offset])
  const line = buf.toString("utf8", offset + 1, end)
  const after = end + 2
  if (type === "+") return { value: line, next: after }
  if (type === "-") return { value: new Error(line), next: after }
  if (type === ":") return { value: Number(line), next: after }
  if (type === "$") {
    const len = Number(line)
    if (len < 0) return { value: null, next: after }
    if (buf.length < after + len + 2) return null
    return { value: buf.toString("utf8", after, after + len), next: after + len + 2 }
  }
  if (type === "*") {
    const n = Number(line)
    const items = []
    let pos = after
    for (let i = 0; i < n; i++) {
      const r = parseReply(buf, pos)
      if (!r) return null
      items.push(r.value)
      pos = r.next
    }
    return { value: n < 0 ? null : items, next: pos }
  }
  throw new Error(`unexpected Redis reply ${JSON.stringify(line)}`)
}

/** Sends the commands (arrays of strings) on one connection to the URL's database; resolves their replies. */
export function redis(url, ...commands) {
  const { host, port, db, password, username } = parseRedisUrl(url)
  const all = [
    ...(password ? [username ? ["AUTH", username, password] : ["AUTH", password]] : []),
    ["SELECT", String(db)],
    ...commands,
  ]
  const encode = (args) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`).join("")}`
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ host, port })
    let buf = Buffer.alloc(0)
    const replies = []
    socket.setTimeout(3000, () => socket.destroy(new Error(`Redis at ${host}:${port} did not answer`)))
    socket.on("error", reject)
    socket.on("connect", () => socket.write(all.map(encode).join("")))
    socket.on("data", (chunk) => {
      buf = Buffer.concat([buf, chunk])
      for (;;) {
        const r = parseReply(buf)
        if (!r) break
        replies.push(r.value)
        buf = buf.subarray(r.next)
      }
      if (replies.length === all.length) {
        socket.end()
        const failed = replies.find((r) => r instanceof Error)
        if (failed) reject(failed)
        else resolve(replies.slice(all.length - commands.length))
      }
    })
  })
}

// ---- the invariants ------------------------------------------------------------------------------------------

const cents = (v) => Math.round(Number(v) * 100)

/**
 * Everything "exactly once" means, read from the database: every due period of every active contract is an
 * activity exactly once and billed exactly once, on the one issued invoice of its contract with the right total;
 * no drafts or unfinished runs are left; invoice numbers are 1..K without gaps or duplicates (and the number
 * sequence and number log agree); every invoice has exactly one balanced ledger posting over its gross total.
 * Returns { figures, violations } (violations: human-readable strings, with a few examples each).
 */
export async function checkInvariants(client, today) {
  const violations = []
  const add = (what, rows) => {
    if (rows.length) violations.push(`${what} (${rows.length}): ${JSON.stringify(rows.slice(0, 3))}`)
  }
  const q = async (sql, params) => (await client.query(sql, params)).rows
  // Fresh statistics: the tables grew by thousands of rows since autovacuum last looked, and the join below
  // was planned as a nested loop over all invoice lines per activity (minutes instead of milliseconds).
  await q(`ANALYZE billing_activity, billing_invoice_line, billing_invoice, billing_ledger_posting, billing_ledger_entry`)

  const contracts = await q(
    `SELECT c.id, c.start_date FROM billing_contract c WHERE c.status = 'active' AND c.deleted_at IS NULL`
  )
  const activities = await q(
    `SELECT contract_id, count(*)::int AS n, count(invoice_id)::int AS billed, count(*) FILTER (WHERE due_date <= $1)::int AS due
       FROM billing_activity WHERE deleted_at IS NULL GROUP BY contract_id`,
    [today]
  )
  const invoices = await q(
    `SELECT id, contract_id, kind, status, number, gross_total::text AS gross FROM billing_invoice WHERE deleted_at IS NULL`
  )
  const activityByContract = new Map(activities.map((a) => [a.contract_id, a]))
  const invoicesByContract = new Map()
  for (const inv of invoices) invoicesByContract.set(inv.contract_id, [...(invoicesByContract.get(inv.contract_id) ?? []), inv])

  // Activities: each contract has exactly its due monthly periods, all billed, and one issued invoice for them.
  const wrongActivityCount = []
  const unbilled = []
  const wrongInvoices = []
  const wrongTotals = []
  let expectedActivities = 0
  for (const c of contracts) {
    const expected = expectedMonthlyActivities(c.start_date, today)
    expectedActivities += expected
    const a = activityByContract.get(c.id) ?? { n: 0, billed: 0, due: 0 }
    if (a.n !== expected || a.due !== expected) wrongActivityCount.push({ contract: c.id, start: c.start_date, expected, found: a.n })
    if (a.billed !== a.n) unbilled.push({ contract: c.id, activities: a.n, billed: a.billed })
    const own = invoicesByContract.get(c.id) ?? []
    if (own.length !== 1 || own[0].status !== "issued" || own[0].kind !== "invoice") {
      wrongInvoices.push({ contract: c.id, invoices: own.map((i) => `${i.kind}/${i.status}/${i.number}`) })
    } else {
      const net = expected * cents(MONTHLY_PRICE)
      const gross = net + Math.round((net * 19) / 100) // VAT rounded once on the invoice total
      if (cents(own[0].gross) !== gross) wrongTotals.push({ invoice: own[0].number, periods: expected, gross: own[0].gross, expected: (gross / 100).toFixed(2) })
    }
  }
  add("contracts whose activities are not exactly their due monthly periods", wrongActivityCount)
  add("contracts with unbilled activities left", unbilled)
  add("contracts without exactly one issued invoice", wrongInvoices)
  add("invoices with a wrong gross total", wrongTotals)
  add("draft invoices left over", invoices.filter((i) => i.status === "draft").map((i) => i.id))
  const dueContracts = activities.filter((a) => a.due > 0).length
  const issued = invoices.filter((i) => i.status === "issued" && i.kind === "invoice")
  if (issued.length !== dueContracts) violations.push(`issued invoices (${issued.length}) ≠ contracts with due activities (${dueContracts})`)

  add(
    "activities billed twice (billing_invoice_line)",
    await q(`SELECT activity_id, count(*)::int FROM billing_invoice_line
              WHERE negates_line_id IS NULL AND activity_id IS NOT NULL AND deleted_at IS NULL GROUP BY 1 HAVING count(*) > 1`)
  )
  add(
    "duplicate activity keys (item, kind, service_from, seq)",
    await q(`SELECT contract_item_id, kind, service_from, seq, count(*)::int FROM billing_activity
              WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4 HAVING count(*) > 1`)
  )
  // The key above includes `seq`; two runs that read different histories could write one period twice under
  // seq 0 and 1. No contract here was ever changed, so one period must be exactly one activity.
  add(
    "the same service period twice (item, kind, service_from) regardless of seq",
    await q(`SELECT contract_item_id, kind, service_from, count(*)::int FROM billing_activity
              WHERE deleted_at IS NULL GROUP BY 1, 2, 3 HAVING count(*) > 1`)
  )
  add(
    "activities whose invoice line is missing or on another invoice",
    await q(`SELECT a.id, a.invoice_id, l.invoice_id AS line_invoice FROM billing_activity a
               LEFT JOIN billing_invoice_line l ON l.activity_id = a.id AND l.negates_line_id IS NULL AND l.deleted_at IS NULL
              WHERE a.deleted_at IS NULL AND a.invoice_id IS NOT NULL AND l.invoice_id IS DISTINCT FROM a.invoice_id`)
  )

  // Numbers: RE-YYYY-000001 … RE-YYYY-K, each once; the sequence row and the number log say the same.
  const numbered = invoices.filter((i) => i.number)
  const seqs = numbered.map((i) => Number(/(\d+)$/.exec(i.number)?.[1])).sort((a, b) => a - b)
  const badNumbers = seqs.filter((s, i) => s !== i + 1)
  if (badNumbers.length) violations.push(`invoice numbers are not 1..${seqs.length}: first mismatches ${JSON.stringify(badNumbers.slice(0, 5))}`)
  if (new Set(numbered.map((i) => i.number)).size !== numbered.length) violations.push("duplicate invoice numbers")
  const [sequence] = await q(`SELECT coalesce(sum(last_value), 0)::int AS last FROM billing_invoice_number_sequence WHERE deleted_at IS NULL AND series LIKE 'RE-%'`)
  if (sequence.last !== numbered.length) violations.push(`number sequence says ${sequence.last} numbers were used, ${numbered.length} invoices carry one`)
  const log = await q(`SELECT event, count(*)::int AS n, count(DISTINCT number)::int AS distinct_numbers FROM billing_invoice_number_log WHERE deleted_at IS NULL GROUP BY event`)
  const used = log.find((l) => l.event === "used") ?? { n: 0, distinct_numbers: 0 }
  if (used.n !== numbered.length || used.distinct_numbers !== numbered.length) violations.push(`number log: ${used.n} "used" entries for ${numbered.length} numbered invoices`)
  add("numbers logged as unused (gaps)", log.filter((l) => l.event === "unused"))

  // Ledger: every posting balanced; every issued invoice exactly one invoice posting over its gross total.
  const postings = await q(
    `SELECT p.id, p.kind, p.reference_id, count(e.id)::int AS entries, coalesce(sum(e.amount), 0)::text AS total,
            coalesce(sum(e.amount) FILTER (WHERE e.amount > 0), 0)::text AS debit
       FROM billing_ledger_posting p LEFT JOIN billing_ledger_entry e ON e.posting_id = p.id AND e.deleted_at IS NULL
      WHERE p.deleted_at IS NULL GROUP BY p.id`
  )
  add("unbalanced or empty ledger postings", postings.filter((p) => cents(p.total) !== 0 || p.entries < 2))
  const postingsByInvoice = new Map()
  for (const p of postings.filter((p) => p.kind === "invoice")) postingsByInvoice.set(p.reference_id, [...(postingsByInvoice.get(p.reference_id) ?? []), p])
  add(
    "issued invoices without exactly one ledger posting",
    issued.filter((i) => (postingsByInvoice.get(i.id) ?? []).length !== 1).map((i) => ({ invoice: i.number, postings: (postingsByInvoice.get(i.id) ?? []).length }))
  )
  add(
    "invoice postings whose debit is not the invoice's gross total",
    issued.filter((i) => postingsByInvoice.get(i.id)?.length === 1 && cents(postingsByInvoice.get(i.id)[0].debit) !== cents(i.gross)).map((i) => ({ invoice: i.number, gross: i.gross, debit: postingsByInvoice.get(i.id)[0].debit }))
  )
  const issuedIds = new Set(issued.map((i) => i.id))
  add("invoice postings for documents that are not issued invoices", [...postingsByInvoice.keys()].filter((id) => !issuedIds.has(id)))

  const runs = await q(`SELECT status, count(*)::int AS n FROM billing_run WHERE dry_run = false GROUP BY status`)
  add("billing runs still marked running", runs.filter((r) => r.status === "running"))

  return {
    figures: {
      contracts: contracts.length,
      activities: activities.reduce((s, a) => s + a.n, 0),
      expected_activities: expectedActivities,
      invoices: issued.length,
      postings: postings.length,
      runs: Object.fromEntries(runs.map((r) => [r.status, r.n])),
    },
    violations,
  }
}
