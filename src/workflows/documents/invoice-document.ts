import { MedusaContainer } from "@medusajs/framework/types"
import { MathBN, Modules } from "@medusajs/framework/utils"
import { existsSync, readFileSync } from "fs"
import { InvoiceDocument, renderInvoicePdf } from "../../documents/invoice-pdf"
import { BILLING_INVOICE_MODULE } from "../../modules/billing-invoice"
import BillingInvoiceModuleService, { SellerProfile } from "../../modules/billing-invoice/service"
import { decimalField } from "../../utils/decimal-field"

const cents = (row: object, field: string) => MathBN.convert(decimalField(row as Record<string, unknown>, field as never) ?? "0").toFixed(2)

type StoredInvoice = Awaited<ReturnType<BillingInvoiceModuleService["retrieveBillingInvoice"]>> & {
  lines: Record<string, unknown>[]
  tax_totals: Record<string, unknown>[]
}

/** The issued invoice's own snapshot (seller, buyer, lines, totals) as the PDF renderer reads it. */
export function toInvoiceDocument(invoice: StoredInvoice, cancelsNumber: string | null): InvoiceDocument {
  const seller = invoice.seller as unknown as SellerProfile
  const buyer = invoice.buyer as unknown as InvoiceDocument["buyer"]
  return {
    kind: invoice.kind,
    locale: invoice.locale === "en" ? "en" : "de",
    number: invoice.number as string,
    issue_date: invoice.issue_date as string,
    due_date: invoice.kind === "invoice" ? invoice.due_date : null,
    service_from: invoice.service_from,
    service_to: invoice.service_to,
    currency_code: invoice.currency_code,
    contract_number: invoice.contract_number,
    cancels_number: cancelsNumber,
    seller: {
      name: seller.name,
      address_lines: seller.address_lines,
      country_code: seller.country_code,
      vat_id: seller.vat_id,
      tax_number: seller.tax_number,
      email: seller.email,
      phone: seller.phone,
      bank: seller.bank,
    },
    buyer: {
      name: buyer.name,
      company: buyer.company ?? null,
      address_lines: buyer.address_lines ?? [],
      country_code: buyer.country_code ?? null,
      vat_id: buyer.vat_id ?? null,
      customer_number: buyer.customer_number ?? null,
    },
    lines: [...invoice.lines]
      .sort((a, b) => Number(a.position) - Number(b.position))
      .map((line) => ({
        position: Number(line.position),
        description: String(line.description),
        service_from: String(line.service_from),
        service_to: String(line.service_to),
        quantity: decimalField(line, "quantity") as string,
        unit_price: decimalField(line, "unit_price") as string,
        net_amount: cents(line, "net_amount"),
        tax_rate: decimalField(line, "tax_rate") as string,
      })),
    tax_breakdown: invoice.tax_totals.map((total) => ({
      category: String(total.category),
      rate: decimalField(total, "rate") as string,
      net: cents(total, "net"),
      tax: cents(total, "tax"),
    })),
    net_total: cents(invoice, "net_total"),
    tax_total: cents(invoice, "tax_total"),
    gross_total: cents(invoice, "gross_total"),
    credit_applied: cents(invoice, "credit_applied"),
    amount_due: cents(invoice, "amount_due"),
    notes: (invoice.notes as unknown as string[]) ?? [],
    payment_terms: invoice.payment_terms,
  }
}

/**
 * The invoice's PDF, rendered once and stored through Medusa's File module; later calls return the stored
 * bytes, so the document a customer received never changes. Returns null for drafts.
 */
export async function ensureInvoicePdf(container: MedusaContainer, invoiceId: string): Promise<{ file_id: string; pdf: Buffer; number: string } | null> {
  const invoices = container.resolve<BillingInvoiceModuleService>(BILLING_INVOICE_MODULE)
  const files = container.resolve(Modules.FILE)
  const invoice = (await invoices.retrieveBillingInvoice(invoiceId, { relations: ["lines", "tax_totals"] })) as StoredInvoice
  if (invoice.status === "draft") {
    return null
  }
  if (invoice.document_file_id) {
    return { file_id: invoice.document_file_id, pdf: await files.getAsBuffer(invoice.document_file_id), number: invoice.number as string }
  }
  const cancels = invoice.cancels_invoice_id ? await invoices.retrieveBillingInvoice(invoice.cancels_invoice_id) : null
  const seller = invoice.seller as unknown as SellerProfile
  const logo = seller.logo_path && existsSync(seller.logo_path) ? readFileSync(seller.logo_path) : null
  const pdf = await renderInvoicePdf(toInvoiceDocument(invoice, cancels?.number ?? null), { logo })
  const file = await files.createFiles({
    filename: `${invoice.number}.pdf`,
    mimeType: "application/pdf",
    content: pdf.toString("base64"),
    access: "private",
  })
  try {
    await invoices.updateBillingInvoices({ id: invoice.id, document_file_id: file.id })
  } catch (error) {
    // Another process attached its rendering first; keep theirs, drop ours.
    await files.deleteFiles(file.id)
    const stored = await invoices.retrieveBillingInvoice(invoice.id)
    if (!stored.document_file_id) {
      throw error
    }
    return { file_id: stored.document_file_id, pdf: await files.getAsBuffer(stored.document_file_id), number: invoice.number as string }
  }
  return { file_id: file.id, pdf, number: invoice.number as string }
}
