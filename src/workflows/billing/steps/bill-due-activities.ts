import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MathBN, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BillableActivity, buildInvoiceDraft, InvoicePreview, TaxGroupInfo } from "../../../domain/invoicing/draft-invoice"
import { describePaymentTerms } from "../../../domain/invoicing/due-date"
import { cancellationPostingEntries, invoicePostingEntries } from "../../../domain/ledger/postings"
import { BILLING_CATALOG_MODULE } from "../../../modules/billing-catalog"
import BillingCatalogModuleService from "../../../modules/billing-catalog/service"
import { BILLING_CONTRACT_MODULE } from "../../../modules/billing-contract"
import BillingContractModuleService, { UnbilledActivity, UnbilledContract } from "../../../modules/billing-contract/service"
import { BILLING_INVOICE_MODULE } from "../../../modules/billing-invoice"
import BillingInvoiceModuleService, { DraftInvoiceInput, IssuedInvoice, NumberFormats } from "../../../modules/billing-invoice/service"
import { BILLING_LEDGER_MODULE } from "../../../modules/billing-ledger"
import BillingLedgerModuleService, { PostingInput } from "../../../modules/billing-ledger/service"
import { decimalField } from "../../../utils/decimal-field"
import { settleLater } from "../../../utils/settle-later"
import { accountSpec, postingEntries } from "../ledger-accounts"
import { BillingRunInput, ContractError } from "../types"
import { DueActivity } from "../../../domain/billing-calendar"

type PlannedActivity = DueActivity & { contract_id: string; currency_code: string }

const PAGE = 1000


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
  const ledger = container.resolve<BillingLedgerModuleService>(BILLING_LEDGER_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const seller = invoices.sellerProfile()
  const result: BillResult = { invoices_issued: 0, invoice_ids: [], errors: [], previews: [] }

  if (!input.dry_run) {
    const resumed = await resumeUnfinished(container, input.issue_date, input.run_id ?? null)
    result.invoices_issued += resumed.length
    result.invoice_ids.push(...resumed)
  }

  // Read once per run, not per page: a run touches few articles and projects.
  const articleById = new Map<string, BillingArticle>()
  const projectById = new Map<string, BillingProject>()
  const taxGroupOf = (articleId: string): TaxGroupInfo | null => {
    const group = articleById.get(articleId)?.article_group?.tax_group
    return group
      ? { kind: group.kind, legal_note: group.legal_note, rates: group.rates.map((r) => ({ rate: decimalField(r, "rate") as string, valid_from: r.valid_from })) }
      : null
  }

  const planned = input.planned ?? []

  /**
   * Reads a page and builds its drafts as if no customer had credit: everything that does not depend on
   * the pages before it, so it can run while the previous page is being written (Node computes while
   * PostgreSQL writes — see docs/BENCHMARKS.md).
   */
  const preparePage = async (after: string) => {
    const stored = await contracts.unbilledPage({ as_of: input.as_of, after, limit: PAGE, contract_ids: input.contract_ids ?? null })
    let page = stored.contracts
    let activities: UnbilledActivity[] = stored.activities
    if (input.dry_run) {
      // Contracts with only planned activities come in the same id order as the stored ones.
      const upper = page.length === PAGE ? page[page.length - 1].id : null
      const inRange = planned.filter((p) => p.contract_id > after && (upper === null || p.contract_id <= upper))
      const missing = [...new Set(inRange.map((p) => p.contract_id))].filter((id) => !page.some((c) => c.id === id))
      if (missing.length) {
        page = [...page, ...(await contracts.listBillingContracts({ id: missing }, { select: ["id", "number", "project_id", "customer_id", "currency_code"] }))].sort(
          (a, b) => (a.id < b.id ? -1 : 1)
        )
      }
      activities = [
        ...activities,
        ...inRange.map((p, i) => ({
          id: `planned_${p.contract_id}_${i}`,
          contract_id: p.contract_id,
          article_id: p.article_id,
          description: null,
          kind: p.kind,
          service_from: p.service_from,
          service_to: p.service_to,
          quantity: String(p.quantity),
          unit_price: p.unit_price,
          amount: p.amount,
        })),
      ]
    }
    if (!page.length) {
      return null
    }
    const newArticles = [...new Set(activities.map((a) => a.article_id))].filter((id) => !articleById.has(id))
    if (newArticles.length) {
      const articles = await catalog.listBillingArticles(
        { id: newArticles },
        { relations: ["article_group", "article_group.tax_group", "article_group.tax_group.rates"] }
      )
      articles.forEach((a) => articleById.set(a.id, a))
    }
    const newProjects = [...new Set(page.map((c) => c.project_id))].filter((id) => !projectById.has(id))
    if (newProjects.length) {
      ;(await catalog.listBillingProjects({ id: newProjects })).forEach((p) => projectById.set(p.id, p))
    }
    const { data: customers } = await query.graph({
      entity: "customer",
      fields: ["id", "email", "first_name", "last_name", "company_name", "metadata", "addresses.*"],
      filters: { id: [...new Set(page.map((c) => c.customer_id))] },
    })
    const customerById = new Map((customers as Customer[]).map((c) => [c.id, c]))
    const activitiesOf = new Map<string, UnbilledActivity[]>()
    for (const activity of activities) {
      activitiesOf.set(activity.contract_id, [...(activitiesOf.get(activity.contract_id) ?? []), activity])
    }
    const buildDraft = (contract: UnbilledContract, creditSources: CreditSource[]) =>
      contractDraft(contract, activitiesOf.get(contract.id) ?? [], customerById.get(contract.customer_id), creditSources)
    return { page, buildDraft, drafts: page.map((contract) => buildDraft(contract, [])) }
  }

  const contractDraft = (contract: UnbilledContract, own: UnbilledActivity[], customer: Customer | undefined, creditSources: CreditSource[]) => {
    const buyer = buyerOf(customer)
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
          quantity: a.quantity,
          unit_price: a.unit_price,
          amount: MathBN.convert(a.amount).toFixed(2),
          kind: a.kind,
        })
      ),
      taxGroupOf,
      seller_country: seller.country_code,
      buyer,
      credit_available: creditAvailable,
    })
    if ("error" in draft) {
      return { error: { contract_id: contract.id, contract_number: contract.number, message: draft.error } }
    }
    const project = projectById.get(contract.project_id)
    const locale = ((customer?.metadata?.locale as string | undefined) ?? invoices.defaultLocale()) === "en" ? "en" : "de"
    const paymentTermDays = project?.payment_term_days ?? 14
    const pageDraft: PageDraft = {
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
      // Shared by all of this customer's contracts in the page: each draft takes what it applies (see takeCredit).
      credit_sources: takeCredit(creditSources, draft.totals.credit_applied),
      activity_ids: draft.lines.map((l) => l.activity_id),
    }
    return { draft: pageDraft }
  }

  let prepared = settleLater(preparePage(""))
  for (;;) {
    const current = await prepared
    if (!current) {
      break
    }
    const { page } = current
    // Awaited in the next round, which this one may never reach.
    prepared = settleLater(preparePage(page[page.length - 1].id))

    // Credit is read now, after the previous page was posted: a credit one page applied is gone for the next.
    // Only the drafts of customers who have some are built again.
    const credits = new Map<string, CreditSource[]>()
    for (const currency of new Set(page.map((c) => c.currency_code))) {
      const sources = await ledger.customerCreditSources(page.filter((c) => c.currency_code === currency).map((c) => c.customer_id), currency)
      for (const source of sources) {
        const key = `${source.customer_id}|${currency}`
        credits.set(key, [...(credits.get(key) ?? []), source])
      }
    }
    const drafts: PageDraft[] = []
    page.forEach((contract, i) => {
      const creditSources = credits.get(`${contract.customer_id}|${contract.currency_code}`)
      const built = creditSources ? current.buildDraft(contract, creditSources) : current.drafts[i]
      if ("error" in built) {
        result.errors.push(built.error!)
      } else {
        drafts.push(built.draft!)
      }
    })

    if (input.dry_run) {
      result.previews.push(...drafts.map(previewOf))
      continue
    }
    if (!drafts.length) {
      continue
    }
    let issued: IssuedInvoice[]
    try {
      // Written and numbered in one transaction: a crash leaves nothing of this page or the issued invoices.
      issued = await invoices.createIssuedInvoices({
        drafts,
        issue_date: input.issue_date,
        formats: numberFormatsOf([...projectById.values()]),
      })
    } catch (error) {
      // An activity of this page is already on another invoice: a second run is billing the same contracts
      // (e.g. after its lock lapsed). The unique key kept it from billing twice; leave the page to that run.
      if (error instanceof MedusaError && error.type === MedusaError.Types.DUPLICATE_ERROR) {
        continue
      }
      throw error
    }
    await contracts.markActivitiesBilled(issued.map((invoice, i) => ({ invoice_id: invoice.id, activity_ids: drafts[i].activity_ids })))
    await ledger.post(
      issued.flatMap((invoice, i) =>
        documentPostings(
          {
            ...invoice,
            kind: "invoice",
            customer_id: drafts[i].invoice.customer_id,
            currency_code: String(drafts[i].invoice.currency_code),
            cancels_invoice_id: null,
            gross_total: String(drafts[i].invoice.gross_total),
            credit_applied: String(drafts[i].invoice.credit_applied),
            tax_breakdown: drafts[i].tax_totals as PostingBreakdown[],
          },
          drafts[i].credit_sources
        )
      )
    )
    result.invoices_issued += issued.length
    result.invoice_ids.push(...issued.map((i) => i.id))
  }
  return result
}

type PageDraft = DraftInvoiceInput & { credit_sources: CreditSource[]; activity_ids: string[] }
type BillingArticle = Awaited<ReturnType<BillingCatalogModuleService["listBillingArticles"]>>[number]
type BillingProject = Awaited<ReturnType<BillingCatalogModuleService["listBillingProjects"]>>[number]
type PostingBreakdown = { category: string; rate: string; net: string; tax: string }

function previewOf(d: PageDraft): InvoicePreview {
  return {
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
  }
}

function numberFormatsOf(projects: { id: string; code: string; invoice_number_format: string; cancellation_number_format: string }[]) {
  return Object.fromEntries(
    projects.map((p) => [p.id, { project_code: p.code, invoice: p.invoice_number_format, cancellation: p.cancellation_number_format }])
  ) as Record<string, NumberFormats>
}

async function numberFormats(container: MedusaContainer, projectIds: string[]): Promise<Record<string, NumberFormats>> {
  const catalog = container.resolve<BillingCatalogModuleService>(BILLING_CATALOG_MODULE)
  return numberFormatsOf(await catalog.listBillingProjects({ id: projectIds }))
}

/** An issued document as the ledger sees it. */
interface PostableDocument {
  id: string
  kind: string
  number: string | null
  issue_date: string | null
  customer_id: string
  currency_code: string
  cancels_invoice_id: string | null
  gross_total: string
  credit_applied: string
  tax_breakdown: PostingBreakdown[]
}

/** The document's posting (keyed by kind and id, so posting it twice books nothing) and its credit offset. */
function documentPostings(doc: PostableDocument, creditSources: CreditSource[]): PostingInput[] {
  const breakdown = doc.tax_breakdown.map((t) => ({
    category: t.category,
    rate: t.rate,
    net: MathBN.convert(t.net).toFixed(2),
    tax: MathBN.convert(t.tax).toFixed(2),
  }))
  const gross = MathBN.convert(doc.gross_total).toFixed(2)
  const entries =
    doc.kind === "cancellation"
      ? cancellationPostingEntries({ customer_id: doc.customer_id, gross_total: gross, tax_breakdown: breakdown })
      : invoicePostingEntries({ customer_id: doc.customer_id, gross_total: gross, tax_breakdown: breakdown })
  const postings: PostingInput[] = [
    {
      idempotency_key: `${doc.kind}:${doc.id}`,
      kind: doc.kind as PostingInput["kind"],
      booking_date: doc.issue_date as string,
      currency_code: doc.currency_code,
      customer_id: doc.customer_id,
      reference_type: "billing_invoice",
      reference_id: doc.id,
      description: `${doc.kind === "cancellation" ? "Cancellation" : "Invoice"} ${doc.number}`,
      entries: postingEntries(entries, doc.currency_code, doc.kind === "cancellation" ? (doc.cancels_invoice_id as string) : doc.id),
    },
  ]
  const offset = creditOffsetPosting(doc, creditSources)
  if (offset) {
    postings.push(offset)
  }
  return postings
}

/**
 * Issues drafts and posts issued documents to the ledger, reading them back from the invoice module (for
 * cancellations and for what a crashed run left behind). Posting is keyed by the document id, so calling
 * this again for the same invoices books nothing twice.
 */
export async function issueAndPost(
  container: MedusaContainer,
  invoiceIds: string[],
  issueDate: string,
  creditSources: Map<string, CreditSource[]> = new Map()
): Promise<string[]> {
  const invoices = container.resolve<BillingInvoiceModuleService>(BILLING_INVOICE_MODULE)
  const ledger = container.resolve<BillingLedgerModuleService>(BILLING_LEDGER_MODULE)
  const documents = await invoices.listBillingInvoices({ id: invoiceIds }, { select: ["id", "project_id", "status"] })
  const drafts = documents.filter((d) => d.status === "draft")
  const issued = !drafts.length
    ? []
    : await invoices.issueInvoices({
      invoice_ids: drafts.map((d) => d.id),
      issue_date: issueDate,
        formats: await numberFormats(container, [...new Set(drafts.map((d) => d.project_id))]),
      })
  const posted = await invoices.listBillingInvoices({ id: invoiceIds, status: { $ne: "draft" } }, { relations: ["tax_totals"] })
  const sourcesById = await withLedgerCreditSources(ledger, posted, creditSources)
  await ledger.post(
    posted.flatMap((doc) =>
      documentPostings(
        {
          id: doc.id,
          kind: doc.kind,
          number: doc.number,
          issue_date: doc.issue_date,
          customer_id: doc.customer_id,
          currency_code: doc.currency_code,
          cancels_invoice_id: doc.cancels_invoice_id,
          gross_total: decimalField(doc, "gross_total") as string,
          credit_applied: decimalField(doc, "credit_applied") ?? "0",
          tax_breakdown: doc.tax_totals.map((t) => ({
            category: t.category,
            rate: decimalField(t, "rate") as string,
            net: decimalField(t, "net") as string,
            tax: decimalField(t, "tax") as string,
          })),
        },
        sourcesById.get(doc.id) ?? []
      )
    )
  )
  return issued.map((doc) => doc.id)
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
    entries.push({ account: accountSpec(customer, doc.currency_code), amount: take.toFixed(2), invoice_id: source.invoice_id })
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
 * What a run that died half-way left behind: activities on its issued invoices but not marked billed are
 * marked; issued documents without a ledger posting are posted; drafts (only a crashed cancellation or an
 * older version leaves them; their activities are claimed by the lines' unique key) are marked, issued and
 * posted.
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
  // A run issues a page's invoices in one transaction and marks their activities in the next: a crash in
  // between leaves activities that are on an invoice but not marked billed.
  const assignments = unfinishedRuns.length ? await invoices.activityAssignments(unfinishedRuns.map((r) => r.id)) : []
  if (assignments.length) {
    await contracts.markActivitiesBilled(assignments)
  }
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
