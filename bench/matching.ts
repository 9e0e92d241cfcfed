/**
 * The bank matching benchmark, run inside Medusa by bench/run-matching.mjs:
 *
 *   npx medusa exec ./bench/matching.ts -- --transactions 10000 --open-invoices 100000 [--seed 20260301] [--trace] [--profile]
 *
 * Expects a freshly migrated, otherwise empty database. Generates a matching world with known ground truth
 * (`generateMatchingScenario`), seeds it by bulk SQL (not timed): customers, issued invoices, their ledger
 * postings (partly paid ones with a payment), the pending SEPA collections of the direct-debit invoices, the
 * IBANs learned earlier and the merchant's bank account. Writes the payments as one camt.053 file and times
 * the real path: `importBankStatementExclusively` — parse, store, match, book, post to the ledger. Then
 * compares every booking with the truth and prints one line `BENCH_RESULT {json}` (`peak_rss_mb`: the process's
 * maximum, seeding included; `run_peak_rss_sampled_mb`: sampled every 50 ms during the timed run). `--trace` prints the time
 * spent in each module service method of the timed run on stderr (the rest is matching and workflow work);
 * `--profile` writes a V8 CPU profile of the timed run to bench/.data/matching-N.cpuprofile (summarise it with
 * `node bench/analyze-profile.mjs FILE`).
 */
import { ExecArgs, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import fs from "fs"
import inspector from "inspector"
import os from "os"
import path from "path"
import { isExpectedAllocation, generateMatchingScenario, type MatchingScenario } from "../src/domain/matching/scenario"
import { camt053, type CamtEntry } from "../integration-tests/helpers/bank"
import { importBankStatementExclusively } from "../src/workflows/payments/import-bank-statement-workflow"
import { canonicalDecimal } from "../src/utils/bulk-insert"
import { execOptions } from "./lib/exec-args"

type Knex = { raw: (sql: string, bindings?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }

const OWN_IBAN = "DE89370400440532013000"
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`)
const raw = (value: string) => ({ value: canonicalDecimal(value), precision: 20 })

function parseArgs(args: string[] | undefined) {
  const { option, flag } = execOptions(args)
  return {
    transactions: Number(option("transactions") ?? 10000),
    openInvoices: Number(option("open-invoices") ?? 100000),
    seed: Number(option("seed") ?? 20260301),
    trace: flag("trace"),
    profile: flag("profile"),
  }
}

/** Inserts rows given as objects (missing keys are NULL) with one statement per 10,000 rows, typed by the table. */
async function insert(pg: Knex, table: string, rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += 10_000) {
    const chunk = rows.slice(i, i + 10_000)
    const columns = [...new Set(chunk.flatMap((row) => Object.keys(row)))].map((c) => `"${c}"`).join(", ")
    await pg.raw(`INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::"${table}", ?::jsonb)`, [JSON.stringify(chunk)])
  }
}

async function seed(pg: Knex, scenario: MatchingScenario) {
  const t0 = Date.now()
  const customers = new Map(scenario.open_items.map((item) => [item.customer_id, item]))
  await insert(
    pg,
    "customer",
    [...customers.values()].map((item) => ({
      id: item.customer_id,
      email: `${item.customer_id}@example.com`,
      company_name: item.customer_name,
      has_account: false,
      metadata: item.customer_number ? { customer_number: item.customer_number } : null,
    }))
  )
  await insert(pg, "billing_bank_account", [{ id: "bbac_bench", iban: OWN_IBAN, name: "Bench account", currency_code: "eur" }])
  await insert(
    pg,
    "billing_invoice",
    scenario.open_items.map((item) => ({
      id: item.invoice_id,
      kind: "invoice",
      status: "issued",
      number: item.invoice_number,
      project_id: "bprj_bench",
      contract_id: `bctr_${item.customer_id}`,
      customer_id: item.customer_id,
      currency_code: "eur",
      locale: "de",
      issue_date: item.issue_date,
      due_date: item.due_date,
      service_from: item.issue_date,
      service_to: item.issue_date,
      net_total: item.total_amount,
      raw_net_total: raw(item.total_amount),
      tax_total: 0,
      raw_tax_total: raw("0"),
      gross_total: item.total_amount,
      raw_gross_total: raw(item.total_amount),
      credit_applied: 0,
      raw_credit_applied: raw("0"),
      amount_due: item.total_amount,
      raw_amount_due: raw(item.total_amount),
      seller: { name: "Bench GmbH" },
      buyer: { name: item.customer_name, company: null, customer_number: item.customer_number },
      notes: [],
      payment_term_days: 14,
      issued_at: new Date().toISOString(),
    }))
  )

  // Ledger: an invoice posting per invoice (customer debit, revenue credit), a payment for partly paid ones.
  const accounts = [
    { id: "blac_bench_revenue", code: "revenue:E:0:eur", kind: "revenue", currency_code: "eur", tax_rate: "0", tax_category: "E", name: "Revenue" },
    { id: "blac_bench_bank", code: "bank:eur", kind: "bank", currency_code: "eur", name: "bank (EUR)" },
    ...[...customers.keys()].map((id) => ({ id: `blac_${id}`, code: `customer:${id}:eur`, kind: "customer", currency_code: "eur", customer_id: id, name: `Customer ${id} (EUR)` })),
  ]
  await insert(pg, "billing_ledger_account", accounts)
  const postings: Record<string, unknown>[] = []
  const entries: Record<string, unknown>[] = []
  const cents = (amount: string) => Math.round(Number(amount) * 100)
  const fixed = (value: number) => (value / 100).toFixed(2)
  for (const item of scenario.open_items) {
    const posting = (id: string, kind: string, key: string, lines: [string, number, string | null][]) => {
      postings.push({ id, idempotency_key: key, kind, booking_date: item.issue_date, currency_code: "eur", customer_id: item.customer_id, reference_type: "billing_invoice", reference_id: item.invoice_id, description: `${kind} ${item.invoice_number}` })
      lines.forEach(([account, amount, invoice], n) =>
        entries.push({ id: `blen_${id}_${n}`, posting_id: id, account_id: account, amount: fixed(amount), raw_amount: raw(fixed(amount)), currency_code: "eur", invoice_id: invoice })
      )
    }
    const total = cents(item.total_amount)
    posting(`blpo_i_${item.invoice_id}`, "invoice", `invoice:${item.invoice_id}`, [
      [`blac_${item.customer_id}`, total, item.invoice_id],
      ["blac_bench_revenue", -total, null],
    ])
    const paid = total - cents(item.open_amount)
    if (paid > 0) {
      posting(`blpo_p_${item.invoice_id}`, "payment", `bench-payment:${item.invoice_id}`, [
        ["blac_bench_bank", paid, null],
        [`blac_${item.customer_id}`, -paid, item.invoice_id],
      ])
    }
  }
  await insert(pg, "billing_ledger_posting", postings)
  await insert(pg, "billing_ledger_entry", entries)

  // Pending SEPA collections of the invoices the scenario collects by direct debit.
  const collected = scenario.open_items.filter((item) => item.end_to_end_ids?.length)
  if (collected.length) {
    const control = collected.reduce((sum, item) => sum + cents(item.open_amount), 0)
    await insert(pg, "billing_sepa_batch", [
      {
        id: "bsba_bench",
        message_id: "BSBA-BENCH-1",
        creation_date_time: new Date().toISOString(),
        first_collection_date: "2026-01-01",
        last_collection_date: "2026-12-31",
        transaction_count: collected.length,
        control_sum: fixed(control),
        raw_control_sum: raw(fixed(control)),
        file_name: "bench.xml",
        creditor_id: "DE98ZZZ09999999999",
      },
    ])
    await insert(
      pg,
      "billing_sepa_collection",
      collected.map((item) => ({
        id: `bsco_${item.invoice_id}`,
        invoice_id: item.invoice_id,
        invoice_number: item.invoice_number,
        customer_id: item.customer_id,
        contract_id: `bctr_${item.customer_id}`,
        mandate_id: `bsmd_${item.customer_id}`,
        mandate_reference: item.mandate_id,
        end_to_end_id: item.end_to_end_ids![0],
        payment_information_id: "BSBA-BENCH-1-1",
        sequence_type: "RCUR",
        collection_date: item.collection_date,
        amount: item.open_amount,
        raw_amount: raw(item.open_amount),
        currency_code: "eur",
        status: "pending",
        batch_id: "bsba_bench",
      }))
    )
  }
  await insert(
    pg,
    "billing_bank_known_iban",
    [...scenario.known_ibans].flatMap(([iban, customerIds]) => customerIds.map((customerId) => ({ id: `bkib_${iban}_${customerId}`, iban, customer_id: customerId, source: "booking" })))
  )
  await pg.raw("ANALYZE")
  log(`seeded ${customers.size} customers, ${scenario.open_items.length} open invoices (${postings.length} postings), ${collected.length} pending collections in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
}

/** Wraps the plugin's own service methods (not the generated CRUD) to sum their time per method. */
function traceServices(container: MedusaContainer) {
  const stats = new Map<string, { count: number; ms: number }>()
  for (const key of ["billingPayment", "billingLedger", "billingInvoice", "billingCollection"]) {
    const service = container.resolve(key) as Record<string, unknown>
    const proto = Object.getPrototypeOf(service)
    for (const name of Object.getOwnPropertyNames(proto)) {
      const original = service[name]
      if (name === "constructor" || typeof original !== "function") continue
      service[name] = function (this: unknown, ...args: unknown[]) {
        const t0 = performance.now()
        const record = () => {
          const label = `${key}.${name}`
          const entry = stats.get(label) ?? { count: 0, ms: 0 }
          entry.count += 1
          entry.ms += performance.now() - t0
          stats.set(label, entry)
        }
        const result = (original as (...a: unknown[]) => unknown).apply(this, args)
        if (result instanceof Promise) {
          return result.finally(record)
        }
        record()
        return result
      }
    }
  }
  return () =>
    [...stats.entries()]
      .sort((a, b) => b[1].ms - a[1].ms)
      .forEach(([label, { count, ms }]) => log(`  ${label} ×${count}: ${(ms / 1000).toFixed(2)} s`))
}

/** Runs `fn` under the V8 sampling profiler and writes the profile to `file`. */
async function withCpuProfile<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const session = new inspector.Session()
  session.connect()
  const post = (method: string, params: object = {}) =>
    new Promise<any>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))))
  await post("Profiler.enable")
  await post("Profiler.setSamplingInterval", { interval: 1000 })
  await post("Profiler.start")
  try {
    return await fn()
  } finally {
    const { profile } = await post("Profiler.stop")
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, JSON.stringify(profile))
    session.disconnect()
    log(`CPU profile of the run written to ${file}`)
  }
}

/** The scenario's payments as one camt.053 statement (entry references "NTRY-n" lead back to the truth). */
function statementFile(scenario: MatchingScenario): string {
  const entries: CamtEntry[] = scenario.transactions.map(({ entry }) => {
    const [transaction] = entry.transactions
    return {
      amount: entry.amount,
      direction: entry.direction,
      booking_date: entry.booking_date,
      reference: entry.entry_reference,
      end_to_end_id: transaction.end_to_end_id,
      mandate_id: transaction.mandate_id,
      remittance: transaction.remittance_text || null,
      structured_reference: transaction.structured_reference,
      name: transaction.counterparty_name,
      iban: transaction.counterparty_iban,
    }
  })
  return camt053([{ account_iban: OWN_IBAN, id: "BENCH-STMT-1", entries }], "BENCH-MSG-1")
}

export default async function matchingBenchmark({ container, args }: ExecArgs) {
  const options = parseArgs(args)
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as unknown as Knex
  let t0 = Date.now()
  const file = path.join(os.tmpdir(), `bench-matching-${options.transactions}.xml`)
  // Only the truth is kept from the generated world, so the timed run does not carry its memory.
  const { truth, openInvoices } = await (async () => {
    const scenario = generateMatchingScenario(options.seed, { transactions: options.transactions, openInvoices: options.openInvoices })
    log(`generated ${scenario.transactions.length} payments and ${scenario.open_items.length} open invoices in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
    await seed(pg, scenario)
    const xml = statementFile(scenario)
    fs.writeFileSync(file, xml)
    log(`camt.053 file: ${(xml.length / 1e6).toFixed(1)} MB (${file})`)
    return {
      truth: scenario.transactions.map((t) => ({ id: t.id, kind: t.kind, reference: t.entry.entry_reference as string, expected: t.expected, clean_reference: t.clean_reference })),
      openInvoices: scenario.open_items.length,
    }
  })()
  global.gc?.()

  // ── timed: the real import → match → book → post path ──
  const content = fs.readFileSync(file).toString("base64")
  const report = options.trace ? traceServices(container) : null
  let runPeakRss = process.memoryUsage().rss
  const sampler = setInterval(() => {
    runPeakRss = Math.max(runPeakRss, process.memoryUsage().rss)
  }, 50)
  t0 = Date.now()
  const run = () => importBankStatementExclusively(container, { source: "bench", file_name: path.basename(file), content_base64: content })
  const { import: imported, matching } = options.profile
    ? await withCpuProfile(path.resolve("bench/.data", `matching-${options.transactions}.cpuprofile`), run)
    : await run()
  const seconds = (Date.now() - t0) / 1000
  clearInterval(sampler)
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024)
  log(`import + matching + booking: ${seconds.toFixed(2)} s — ${JSON.stringify(matching)}`)
  report?.()

  // ── ground truth ──
  const { rows } = await pg.raw(
    `SELECT t.entry_reference, t.status,
            COALESCE(json_agg(json_build_object('invoice_id', a.invoice_id, 'amount', a.amount::text)) FILTER (WHERE a.kind = 'invoice'), '[]') AS allocations
       FROM billing_bank_transaction t
       LEFT JOIN billing_bank_booking b ON b.transaction_id = t.id AND b.reversed_at IS NULL
       LEFT JOIN billing_bank_allocation a ON a.booking_id = b.id
      GROUP BY t.entry_reference, t.status`
  )
  const byReference = new Map(rows.map((row) => [row.entry_reference as string, row as { status: string; allocations: { invoice_id: string; amount: string }[] }]))
  let autoBooked = 0
  let wrong = 0
  let cleanTotal = 0
  let cleanAuto = 0
  const counts: Record<string, number> = {}
  for (const transaction of truth) {
    const stored = byReference.get(transaction.reference)
    if (!stored) {
      throw new Error(`transaction ${transaction.reference} was not imported`)
    }
    counts[stored.status] = (counts[stored.status] ?? 0) + 1
    const booked = stored.status === "booked"
    autoBooked += booked ? 1 : 0
    if (booked && !isExpectedAllocation(stored.allocations, transaction.expected)) {
      wrong += 1
      if (wrong <= 5) {
        log(`wrong booking ${transaction.id} (${transaction.kind}): ${JSON.stringify(stored.allocations)} instead of ${JSON.stringify(transaction.expected)}`)
      }
    }
    if (transaction.clean_reference) {
      cleanTotal += 1
      cleanAuto += booked ? 1 : 0
    }
  }
  const { rows: ledger } = await pg.raw(
    `SELECT count(*)::int AS unbalanced FROM (SELECT p.id FROM billing_ledger_posting p JOIN billing_ledger_entry e ON e.posting_id = p.id GROUP BY p.id HAVING SUM(e.amount) <> 0) x`
  )
  const result = {
    transactions: imported.transactions_added,
    open_invoices: openInvoices,
    seconds: Math.round(seconds * 100) / 100,
    auto_booked: autoBooked,
    queued: counts.review ?? 0,
    unmatched: counts.unmatched ?? 0,
    wrong_auto_bookings: wrong,
    clean_reference_auto_rate: cleanTotal ? Math.round((cleanAuto / cleanTotal) * 10000) / 10000 : null,
    clean_reference_total: cleanTotal,
    collections_settled: matching?.collections_settled ?? 0,
    unbalanced_postings: Number(ledger[0].unbalanced),
    peak_rss_mb: peakRssMb,
    run_peak_rss_sampled_mb: Math.round(runPeakRss / 1024 / 1024),
    node: process.version,
    cpus: os.cpus().length,
  }
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`)
}
