import { MedusaContainer } from "@medusajs/framework/types"
import { MathBN, Modules } from "@medusajs/framework/utils"
import { existsSync, readFileSync } from "fs"
import { DunningNoticeDocument, renderDunningPdf } from "../../documents/dunning-pdf"
import type { InvoiceDocument } from "../../documents/invoice-pdf"
import { BILLING_DUNNING_MODULE } from "../../modules/billing-dunning"
import BillingDunningModuleService from "../../modules/billing-dunning/service"
import { BILLING_INVOICE_MODULE } from "../../modules/billing-invoice"
import BillingInvoiceModuleService, { SellerProfile } from "../../modules/billing-invoice/service"
import { decimalField } from "../../utils/decimal-field"

type StoredNotice = Awaited<ReturnType<BillingDunningModuleService["retrieveBillingDunningNotice"]>>
type StoredInvoice = Awaited<ReturnType<BillingInvoiceModuleService["retrieveBillingInvoice"]>>

const cents = (row: object, field: string) => MathBN.convert(decimalField(row as Record<string, unknown>, field as never) ?? "0").toFixed(2)

/** The notice as the PDF renderer reads it: its own amounts and texts, seller and buyer from the invoice's snapshot. */
export function toDunningDocument(notice: StoredNotice, invoice: Pick<StoredInvoice, "seller" | "buyer">): DunningNoticeDocument {
  const seller = invoice.seller as unknown as SellerProfile
  const buyer = invoice.buyer as unknown as Partial<InvoiceDocument["buyer"]>
  return {
    locale: notice.locale === "en" ? "en" : "de",
    title: notice.title,
    text: notice.text,
    notice_date: notice.notice_date,
    payment_deadline: notice.payment_deadline,
    currency_code: notice.currency_code,
    seller: {
      name: seller.name,
      address_lines: seller.address_lines ?? [],
      country_code: seller.country_code,
      vat_id: seller.vat_id ?? null,
      tax_number: seller.tax_number ?? null,
      email: seller.email ?? null,
      phone: seller.phone ?? null,
      bank: seller.bank ?? null,
    },
    buyer: {
      name: buyer.name ?? "",
      company: buyer.company ?? null,
      address_lines: buyer.address_lines ?? [],
      country_code: buyer.country_code ?? null,
      vat_id: buyer.vat_id ?? null,
      customer_number: buyer.customer_number ?? null,
    },
    items: [
      {
        number: notice.invoice_number,
        issue_date: notice.invoice_issue_date,
        due_date: notice.invoice_due_date,
        amount: cents(notice, "invoice_total"),
        open_amount: cents(notice, "open_amount"),
      },
    ],
    open_total: cents(notice, "open_amount"),
    fee: cents(notice, "fee"),
    total: cents(notice, "total"),
  }
}

/** "RE-2026-000001-Mahnstufe-2.pdf" / "RE-2026-000001-reminder-2.pdf" */
export function dunningFilename(notice: Pick<StoredNotice, "invoice_number" | "level" | "locale">): string {
  return `${notice.invoice_number}-${notice.locale === "en" ? "reminder" : "Mahnstufe"}-${notice.level}.pdf`
}

/**
 * The notice's PDF, rendered once and stored through Medusa's File module; later calls return the stored
 * bytes, so the letter a customer received never changes.
 */
export async function ensureDunningPdf(container: MedusaContainer, noticeId: string): Promise<{ file_id: string; pdf: Buffer; filename: string }> {
  const dunning = container.resolve<BillingDunningModuleService>(BILLING_DUNNING_MODULE)
  const files = container.resolve(Modules.FILE)
  const notice = await dunning.retrieveBillingDunningNotice(noticeId)
  const filename = dunningFilename(notice)
  if (notice.document_file_id) {
    return { file_id: notice.document_file_id, pdf: await files.getAsBuffer(notice.document_file_id), filename }
  }
  const invoice = await container.resolve<BillingInvoiceModuleService>(BILLING_INVOICE_MODULE).retrieveBillingInvoice(notice.invoice_id, { select: ["id", "seller", "buyer"] })
  const seller = invoice.seller as unknown as SellerProfile
  const logo = seller.logo_path && existsSync(seller.logo_path) ? readFileSync(seller.logo_path) : null
  const pdf = await renderDunningPdf(toDunningDocument(notice, invoice), { logo })
  const file = await files.createFiles({ filename, mimeType: "application/pdf", content: pdf.toString("base64"), access: "private" })
  if (!(await dunning.attachDocument(notice.id, file.id))) {
    // Another process attached its rendering first; keep theirs, drop ours.
    await files.deleteFiles(file.id)
    const stored = await dunning.retrieveBillingDunningNotice(notice.id)
    return { file_id: stored.document_file_id as string, pdf: await files.getAsBuffer(stored.document_file_id as string), filename }
  }
  return { file_id: file.id, pdf, filename }
}
