import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BillableActivity, buildInvoiceDraft, InvoicePreview, TaxGroupInfo } from "../../../domain/invoicing/draft-invoice"
import { describePaymentTerms } from "../../../domain/invoicing/due-date"
import { cancellationPostingEntries, invoicePostingEntries } from "../../../domain/ledger/postings"
import { BILLING_CATALOG_MODULE } from "../../../modules/billing-catalog"
import BillingCatalogModuleService from "../../../modules/billing-catalog/service"
import { BILLING_CONTRACT_MODULE } from "../../../modules/billing-contract"
import BillingContractModuleService from "../../../modules/billing-contract/service"
import { BILLING_INVOICE_MODULE } from "../../../modules/billing-invoice"
import BillingInvoiceModuleService, { DraftInvoiceInput, NumberFormats } from "../../../modules/billing-invoice/service"
import { BILLING_LEDGER_MODULE } from "../../../modules/billing-ledger"
import BillingLedgerModuleService, { PostingInput } from "../../../modules/billing-ledger/service"
import { decimalField } from "../../../utils/decimal-field"
import { postingEntries } from "../ledger-accounts"
import { BillingRunInput, ContractError } from "../types"
import { DueActivity } from "../../../domain/billing-calendar"

type PlannedActivity = DueActivity & { contract_id: string; currency_code: string }

const PAGE = 200


export interface BillResult {
  invoices_issued: number
  invoice_ids: string[]
  errors: ContractError[]
  previews: InvoicePreview[]
}

interface Customer {
  id: string
  email: string | null
  first_name: string | null
  last_name: string | null
  company_name: string | null
  metadata: Record<string, unknown> | null
  addresses?: { address_1: string | null; address_2: string | null; postal_code: string | null; city: string | null; country_code: string | null; company: string | null; is_default_billing: boolean }[]
}

/** The buyer as printed on the invoice and as the tax rules see it (a company with a VAT id is a business). */
function buyerOf(customer: Customer | undefined) {
  const address = customer?.addresses?.find((a) => a.is_default_billing) ?? customer?.addresses?.[0]
  const name = [customer?.first_name, customer?.last_name].filter(Boolean).join(" ") || customer?.email || "Customer"
  const vatId = (customer?.metadata?.vat_id as string | undefined) ?? null
  const company = customer?.company_name ?? address?.company ?? null
  return {
    name,
    company,
    address_lines: [address?.address_1, address?.address_2, [address?.postal_code, address?.city].filter(Boolean).join(" ")].filter(
      (line): line is string => !!line
    ),
    country_code: address?.country_code?.toUpperCase() ?? null,
    vat_id: vatId,
    customer_number: (customer?.metadata?.customer_number as string | undefined) ?? null,
    is_business: !!company || !!vatId,
  }
}

/**
 * Part (b)–(c) of the billing run: bills every contract's unbilled, due activities into one invoice per
 * contract, issues it (number allocated in the issuing transaction) and posts it to the ledger, offsetting
 * the customer's credit. Each page goes draft → activities marked → issued → posted; every one of these is
 * idempotent or keyed, and `resumeUnfinished` completes what a crashed run left at any point.
 */
export interface BillInput extends BillingRunInput {
  run_id?: string | null
  issue_date: string
  /** Dry runs only: activities the run would have created, billed as if they existed. */
  planned?: PlannedActivity[]
}

export async function billDueActivities(container: MedusaContainer, input: BillInput): Promise<BillResult> {
  const contracts = container.resolve<BillingContractModuleService>(BILLING_CONTRACT_MODULE)
  const catalog = container.resolve<BillingCatalogModuleService>(BILLING_CATALOG_MODULE)
  const invoices = container.resolve<BillingInvoiceModuleService>(BILLING_INVOICE_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const seller = invoices.sellerProfile()
  const result: BillResult = { invoices_issued: 0, invoice_ids: [], errors: [], previews: [] }

  if (!input.dry_run) {
    const resumed = await resumeUnfinished(container, input.issue_date, input.run_id ?? null)
    result.invoices_issued += resumed.length
    result.invoice_ids.push(...resumed)
  }

  const planned = input.planned ?? []
  let after: string | null = null
  for (;;) {
    let ids = await contracts.contractsWithUnbilledActivities(input.as_of, after, PAGE, input.contract_ids ?? null)
    if (input.dry_run) {
      // Contracts with only planned activities come in the same id order as the stored ones.
      const upper = ids.length === PAGE ? ids[ids.length - 1] : null
      const extra = planned.map((p) => p.contract_id).filter((id) => id > (after ?? "") && (upper === null || id <= upper))
      ids = [...new Set([...ids, ...extra])].sort()
    }
    if (!ids.length) {
      break
    }
    after = ids[ids.length - 1]
    const page = await contracts.listBillingContracts({ id: ids })
    const stored = await contracts.listBillingActivities({ contract_id: ids, invoice_id: null, due_date: { $lte: input.as_of } })
    const activities = [
      ...stored,
      ...planned
        .filter((p) => ids.includes(p.contract_id))
        .map((p, i) => ({
          ...p,
          id: `planned_${p.contract_id}_${i}`,
          description: null,
          quantity: String(p.quantity),
          raw_quantity: { value: String(p.quantity) },
          raw_unit_price: { value: p.unit_price },
          raw_amount: { value: p.amount },
        })),
    ]
    const articles = await catalog.listBillingArticles(
      { id: [...new Set(activities.map((a) => a.article_id))] },
      { relations: ["article_group", "article_group.tax_group", "article_group.tax_group.rates"] }
    )
    const projects = await catalog.listBillingProjects({ id: [...new Set(page.map((c) => c.project_id))] })
    const { data: customers } = await query.graph({
      entity: "customer",
      fields: ["id", "email", "first_name", "last_name", "company_name", "metadata", "addresses.*"],
      filters: { id: [...new Set(page.map((c) => c.customer_id))] },
    })
    const credits = new Map<string, { invoice_id: string | null; amount: string }[]>()
    for (const currency of new Set(page.map((c) => c.currency_code))) {
      const sources = await container
        .resolve<BillingLedgerModuleService>(BILLING_LEDGER_MODULE)
        .customerCreditSources(page.filter((c) => c.currency_code === currency).map((c) => c.customer_id), currency)
      for (const source of sources) {
        const key = `${source.customer_id}|${currency}`
        credits.set(key, [...(credits.get(key) ?? []), source])
      }
    }
    const articleById = new Map(articles.map((a) => [a.id, a]))
    const taxGroupOf = (articleId: string): TaxGroupInfo | null => {
      const group = articleById.get(articleId)?.article_group?.tax_group
      return group
        ? { kind: group.kind, legal_note: group.legal_note, rates: group.rates.map((r) => ({ rate: decimalField(r, "rate") as string, valid_from: r.valid_from })) }
        : null
    }
    const customerById = new Map((customers as Customer[]).map((c) => [c.id, c]))
    const projectById = new Map(projects.map((p) => [p.id, p]))

    const drafts: (DraftInvoiceInput & { credit_sources: { invoice_id: string | null; amount: string }[]; activity_ids: string[] })[] = []
    for (const contract of page) {
      const own = activities.filter((a) => a.contract_id === contract.id)
      const customer = customerById.get(contract.customer_id)
      const buyer = buyerOf(customer)
      // Shared by all of this customer's contracts in the page: each draft takes what it applies (see takeCredit).
      const creditSources = credits.get(`${contract.customer_id}|${contract.currency_code}`) ?? []
      const creditAvailable = creditSources.reduce((sum, s) => MathBN.add(sum, s.amount), MathBN.convert(0)).toFixed(2)
      const draft = buildInvoiceDraft({
        activities: own.map(
          (a): BillableActivity => ({
            id: a.id,
            article_id: a.article_id,
            article_number: articleById.get(a.article_id)?.number ?? null,
            article_name: articleById.get(a.article_id)?.name ?? a.description ?? a.article_id,
            service_from: a.service_from,
            service_to: a.service_to,
            quantity: decimalField(a, "quantity") as string,
            unit_price: decimalField(a, "unit_price") as string,
            amount: MathBN.convert(decimalField(a, "amount") as string).toFixed(2),
            kind: a.kind,
          })
        ),
        taxGroupOf,
        seller_country: seller.country_code,
        buyer,
        credit_available: creditAvailable,
      })
      if ("error" in draft) {
        result.errors.push({ contract_id: contract.id, contract_number: contract.number, message: draft.error })
        continue
      }
      const project = projectById.get(contract.project_id)
      const locale = ((customer?.metadata?.locale as string | undefined) ?? invoices.defaultLocale()) === "en" ? "en" : "de"
      const paymentTermDays = project?.payment_term_days ?? 14
      drafts.push({
        invoice: {
          kind: "invoice",
          project_id: contract.project_id,
          contract_id: contract.id,
          contract_number: contract.number,
          customer_id: contract.customer_id,
          billing_run_id: input.run_id ?? null,
          currency_code: contract.currency_code,
          locale,
          service_from: draft.service_from,
          service_to: draft.service_to,
          net_total: draft.totals.net_total,
          tax_total: draft.totals.tax_total,
          gross_total: draft.totals.gross_total,
          credit_applied: draft.totals.credit_applied,
          amount_due: draft.totals.amount_due,
          seller,
          buyer,
          notes: draft.notes,
          payment_terms: describePaymentTerms(paymentTermDays, locale),
          payment_term_days: paymentTermDays,
        },
        lines: draft.lines.map(({ activity_id, ...line }) => ({ ...line, activity_id })),
        tax_totals: draft.totals.tax_breakdown.map((t) => ({ category: t.category, rate: t.rate, net: t.net, tax: t.tax })),
        credit_sources: takeCredit(creditSources, draft.totals.credit_applied),
        activity_ids: draft.lines.map((l) => l.activity_id),
      })
    }

    if (input.dry_run) {
      result.previews.push(
        ...drafts.map((d) => ({
          contract_id: d.invoice.contract_id,
          contract_number: String(d.invoice.contract_number),
          customer_id: d.invoice.customer_id,
          currency_code: String(d.invoice.currency_code),
          net_total: String(d.invoice.net_total),
          tax_total: String(d.invoice.tax_total),
          gross_total: String(d.invoice.gross_total),
          credit_applied: String(d.invoice.credit_applied),
          amount_due: String(d.invoice.amount_due),
          lines: d.lines.map((l) => ({
            description: String(l.description),
            service_from: String(l.service_from),
            service_to: String(l.service_to),
            quantity: String(l.quantity),
            unit_price: String(l.unit_price),
            net_amount: String(l.net_amount),
            tax_rate: String(l.tax_rate),
          })),
        }))
      )
      continue
    }
    if (!drafts.length) {
      continue
    }
    let created: Awaited<ReturnType<typeof invoices.createDraftInvoices>>
    try {
      created = await invoices.createDraftInvoices(drafts)
    } catch (error) {
      // An activity of this page is already on another invoice: a second run is billing the same contracts
      // (e.g. after its lock lapsed). The unique key kept it from billing twice; leave the page to that run.
      if (error instanceof MedusaError && error.type === MedusaError.Types.DUPLICATE_ERROR) {
        continue
      }
      throw error
    }
    await contracts.markActivitiesBilled(created.map((invoice, i) => ({ invoice_id: invoice.id, activity_ids: drafts[i].activity_ids })))
    const issued = await issueAndPost(container, created.map((c) => c.id), input.issue_date, new Map(created.map((c, i) => [c.id, drafts[i].credit_sources])))
    result.invoices_issued += issued.length
    result.invoice_ids.push(...issued)
  }
  return result
}

async function numberFormats(container: MedusaContainer, projectIds: string[]): Promise<Record<string, NumberFormats>> {
  const catalog = container.resolve<BillingCatalogModuleService>(BILLING_CATALOG_MODULE)
  const projects = await catalog.listBillingProjects({ id: projectIds })
  return Object.fromEntries(
    projects.map((p) => [p.id, { project_code: p.code, invoice: p.invoice_number_format, cancellation: p.cancellation_number_format }])
  )
}

/**
 * Issues drafts and posts issued documents to the ledger. Posting is keyed by the invoice id, so calling this
 * again for the same invoices books nothing twice.
 */
export async function issueAndPost(
  container: MedusaContainer,
  invoiceIds: string[],
  issueDate: string,
  creditSources: Map<string, { invoice_id: string | null; amount: string }[]> = new Map()
): Promise<string[]> {
  const invoices = container.resolve<BillingInvoiceModuleService>(BILLING_INVOICE_MODULE)
  const ledger = container.resolve<BillingLedgerModuleService>(BILLING_LEDGER_MODULE)
  // Only the projects are needed before issuing (their number formats); the issued documents are read after.
  const documents = await invoices.listBillingInvoices({ id: invoiceIds }, { select: ["id", "project_id"] })
  const issued = await invoices.issueInvoices({
    invoice_ids: invoiceIds,
    issue_date: issueDate,
    formats: await numberFormats(container, [...new Set(documents.map((d) => d.project_id))]),
  })
  const postings: PostingInput[] = []
  const posted = await invoices.listBillingInvoices({ id: invoiceIds, status: { $ne: "draft" } }, { relations: ["tax_totals"] })
  const sourcesById = await withLedgerCreditSources(ledger, posted, creditSources)
  for (const doc of posted) {
    const breakdown = doc.tax_totals.map((t) => ({
      category: t.category,
      rate: decimalField(t, "rate") as string,
      net: MathBN.convert(decimalField(t, "net") as string).toFixed(2),
      tax: MathBN.convert(decimalField(t, "tax") as string).toFixed(2),
    }))
    const gross = MathBN.convert(decimalField(doc, "gross_total") as string).toFixed(2)
    const entries =
      doc.kind === "cancellation"
        ? cancellationPostingEntries({ customer_id: doc.customer_id, gross_total: gross, tax_breakdown: breakdown })
        : invoicePostingEntries({ customer_id: doc.customer_id, gross_total: gross, tax_breakdown: breakdown })
    postings.push({
      idempotency_key: `${doc.kind}:${doc.id}`,
      kind: doc.kind,
      booking_date: doc.issue_date as string,
      currency_code: doc.currency_code,
      customer_id: doc.customer_id,
      reference_type: "billing_invoice",
      reference_id: doc.id,
      description: `${doc.kind === "cancellation" ? "Cancellation" : "Invoice"} ${doc.number}`,
      entries: postingEntries(entries, doc.currency_code, doc.kind === "cancellation" ? (doc.cancels_invoice_id as string) : doc.id),
    })
    const offset = creditOffsetPosting(doc, sourcesById.get(doc.id) ?? [])
    if (offset) {
      postings.push(offset)
    }
  }
  await ledger.post(postings)
  return issued.map((i) => i.id)
}

type CreditSource = { invoice_id: string | null; amount: string }

/**
 * Takes `amount` of credit from `sources`, oldest first, and returns the portions taken; the sources shrink by
 * what was taken, so two invoices of one customer in the same page cannot apply the same credit twice.
 */
function takeCredit(sources: CreditSource[], amount: string): CreditSource[] {
  let remaining = MathBN.convert(amount)
  const taken: CreditSource[] = []
  for (const source of sources) {
    if (!remaining.gt(0)) {
      break
    }
    const available = MathBN.convert(source.amount)
    if (!available.gt(0)) {
      continue
    }
    const take = MathBN.min(remaining, available)
    taken.push({ invoice_id: source.invoice_id, amount: take.toFixed(2) })
    source.amount = available.minus(take).toFixed(2)
    remaining = remaining.minus(take)
  }
  return taken
}

/**
 * Credit sources for invoices that applied credit but came without them — drafts a crashed run left behind
 * and are now resumed: read from the ledger (their credit offset is not posted yet), shared per customer.
 */
async function withLedgerCreditSources(
  ledger: BillingLedgerModuleService,
  docs: { id: string; kind: string; customer_id: string; currency_code: string; credit_applied: unknown }[],
  given: Map<string, CreditSource[]>
): Promise<Map<string, CreditSource[]>> {
  const result = new Map(given)
  const missing = docs.filter(
    (doc) => doc.kind === "invoice" && !given.has(doc.id) && MathBN.convert(decimalField(doc, "credit_applied" as never) ?? "0").gt(0)
  )
  if (!missing.length) {
    return result
  }
  const unposted = new Set(await ledger.unpostedReferences(missing.map((doc) => `credit_offset:${doc.id}`)))
  const pools = new Map<string, CreditSource[]>()
  for (const doc of missing.filter((d) => unposted.has(`credit_offset:${d.id}`))) {
    const key = `${doc.customer_id}|${doc.currency_code}`
    if (!pools.has(key)) {
      const sources = await ledger.customerCreditSources([doc.customer_id], doc.currency_code)
      pools.set(key, sources.map(({ invoice_id, amount }) => ({ invoice_id, amount })))
    }
    const pool = pools.get(key)!.filter((s) => s.invoice_id !== doc.id)
    result.set(doc.id, takeCredit(pool, MathBN.convert(decimalField(doc, "credit_applied" as never) as string).toFixed(2)))
  }
  return result
}

/**
 * Moves the credit the invoice applied from where it sits on the customer account (a cancelled invoice, an
 * unassigned payment) onto the new invoice: both sides are the customer account, so the balance does not
 * change, but the open items do — exactly what "credit applied" on the invoice says.
 */
function creditOffsetPosting(
  doc: { id: string; number: string | null; issue_date: string | null; currency_code: string; customer_id: string; credit_applied: unknown; raw_credit_applied?: unknown },
  sources: { invoice_id: string | null; amount: string }[]
): PostingInput | null {
  let remaining = MathBN.convert(decimalField(doc, "credit_applied") ?? "0")
  if (!remaining.gt(0)) {
    return null
  }
  const entries: PostingInput["entries"] = []
  const customer = { kind: "customer" as const, customer_id: doc.customer_id }
  for (const source of sources) {
    if (!remaining.gt(0)) {
      break
    }
    const take = MathBN.min(remaining, source.amount)
    entries.push({ account: postingEntries([{ account: customer, amount: "0" }], doc.currency_code, null)[0].account, amount: take.toFixed(2), invoice_id: source.invoice_id })
    remaining = remaining.minus(take)
  }
  if (!entries.length) {
    // No credit left on the account to move (it was used elsewhere meanwhile); nothing to offset.
    return null
  }
  const applied = entries.reduce((sum, e) => MathBN.add(sum, e.amount), MathBN.convert(0))
  entries.push({ account: entries[0].account, amount: applied.negated().toFixed(2), invoice_id: doc.id })
  return {
    idempotency_key: `credit_offset:${doc.id}`,
    kind: "credit_offset",
    booking_date: doc.issue_date as string,
    currency_code: doc.currency_code,
    customer_id: doc.customer_id,
    reference_type: "billing_invoice",
    reference_id: doc.id,
    description: `Credit applied to invoice ${doc.number}`,
    entries,
  }
}

/**
 * What a run that died half-way left behind: drafts (their activities are claimed by the lines' unique
 * key) are marked, issued and posted; issued documents without a ledger posting are posted.
 */
export async function resumeUnfinished(container: MedusaContainer, issueDate: string, currentRunId: string | null): Promise<string[]> {
  const invoices = container.resolve<BillingInvoiceModuleService>(BILLING_INVOICE_MODULE)
  const contracts = container.resolve<BillingContractModuleService>(BILLING_CONTRACT_MODULE)
  const ledger = container.resolve<BillingLedgerModuleService>(BILLING_LEDGER_MODULE)
  const drafts = await invoices.listBillingInvoices({ status: "draft" }, { relations: ["lines"] })
  if (drafts.length) {
    await contracts.markActivitiesBilled(
      drafts.map((d) => ({ invoice_id: d.id, activity_ids: d.lines.map((l) => l.activity_id).filter((id): id is string => !!id) }))
    )
  }
  // Runs are serialised by a lock, so a run other than this one still marked "running" died; a "failed" run
  // may have issued invoices before it failed. Both may have left issued documents without a posting.
  const unfinishedRuns = (await invoices.listBillingRuns({ status: ["running", "failed"] }, { select: ["id", "status"] })).filter(
    (r) => r.id !== currentRunId
  )
  const deadRuns = unfinishedRuns.filter((r) => r.status === "running")
  const unposted = unfinishedRuns.length
    ? await ledger.unpostedReferences(
        (await invoices.listBillingInvoices({ billing_run_id: unfinishedRuns.map((r) => r.id), status: { $ne: "draft" } }, { select: ["id", "kind"] })).map(
          (d) => `${d.kind}:${d.id}`
        )
      )
    : []
  const ids = [...drafts.map((d) => d.id), ...unposted.map((key) => key.split(":")[1])]
  const finished = ids.length ? await issueAndPost(container, ids, issueDate) : []
  if (deadRuns.length) {
    await invoices.updateBillingRuns(
      deadRuns.map((r) => ({ id: r.id, status: "failed" as const, finished_at: new Date(), errors: [{ message: "interrupted; finished by a later run" }] as unknown as Record<string, unknown> }))
    )
  }
  return finished
}

export const billDueActivitiesStepId = "billing-bill-due-activities"

/** No compensation: issued invoices are legal documents; a failed run is finished by the next one, never undone. */
export const billDueActivitiesStep = createStep(
  billDueActivitiesStepId,
  async (input: BillInput, { container }) => {
    return new StepResponse(await billDueActivities(container, input))
  }
)
