import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { preNotificationMail } from "../../domain/sepa/pre-notification"
import { BillingEvents } from "../../events"
import { BILLING_COLLECTION_MODULE } from "../../modules/billing-collection"
import BillingCollectionModuleService from "../../modules/billing-collection/service"
import { BILLING_DOCUMENT_MODULE } from "../../modules/billing-document"
import BillingDocumentModuleService from "../../modules/billing-document/service"
import { BILLING_INVOICE_MODULE } from "../../modules/billing-invoice"
import BillingInvoiceModuleService from "../../modules/billing-invoice/service"
import { decimalField } from "../../utils/decimal-field"
import { mailErrorText } from "../documents/deliver-invoice-workflow"

/** The mail log kind of the n-th collection of an invoice (a returned invoice collected again is notified again). */
export const preNotificationKind = (n: number) => `sepa_prenotification_${n}`

/**
 * Sends the SEPA pre-notification of every collection of a batch, once per collection, through the
 * Notification module, logged in the mail log. The batch's collection dates already lie at least the
 * pre-notification period ahead (see `collectionDate`), so mailing when the batch is created keeps it.
 */
export async function sendPreNotifications(container: MedusaContainer, batchId: string): Promise<number> {
  return container.resolve(Modules.LOCKING).execute(`medusa-subscription-billing:mail:sepa-batch:${batchId}`, () => sendLocked(container, batchId), {
    timeout: 60,
    expire: 300,
  })
}

async function sendLocked(container: MedusaContainer, batchId: string): Promise<number> {
  const collections = container.resolve<BillingCollectionModuleService>(BILLING_COLLECTION_MODULE)
  const documents = container.resolve<BillingDocumentModuleService>(BILLING_DOCUMENT_MODULE)
  const invoices = container.resolve<BillingInvoiceModuleService>(BILLING_INVOICE_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)

  const batch = await collections.retrieveBillingSepaBatch(batchId, { relations: ["collections"] })
  const pending = batch.collections.filter((c) => c.status === "pending")
  if (!pending.length) {
    return 0
  }
  const counts = await collections.collectionCounts(pending.map((c) => c.invoice_id))
  const mandates = new Map((await collections.listBillingSepaMandates({ id: pending.map((c) => c.mandate_id) })).map((m) => [m.id, m]))
  const docs = new Map(
    (await invoices.listBillingInvoices({ id: pending.map((c) => c.invoice_id) }, { select: ["id", "locale", "seller"] })).map((i) => [i.id, i])
  )
  const { data: customers } = await query.graph({ entity: "customer", fields: ["id", "email"], filters: { id: [...new Set(pending.map((c) => c.customer_id))] } })
  const emailOf = new Map((customers as { id: string; email: string | null }[]).map((c) => [c.id, c.email ?? ""]))

  let sent = 0
  for (const collection of pending) {
    const kind = preNotificationKind(counts.get(collection.invoice_id) ?? 1)
    const [existing] = await documents.listBillingMailLogs({ kind, invoice_id: collection.invoice_id })
    if (existing?.status === "sent") {
      continue
    }
    const invoice = docs.get(collection.invoice_id)
    const mail = preNotificationMail({
      locale: invoice?.locale === "en" ? "en" : "de",
      seller_name: ((invoice?.seller ?? {}) as { name?: string }).name ?? "",
      invoice_number: collection.invoice_number,
      amount: decimalField(collection, "amount") as string,
      currency_code: collection.currency_code,
      collection_date: collection.collection_date,
      mandate_reference: collection.mandate_reference,
      creditor_id: batch.creditor_id,
      debtor_iban: mandates.get(collection.mandate_id)?.debtor_iban ?? "",
    })
    const recipient = emailOf.get(collection.customer_id) ?? ""
    const log =
      existing ??
      (await documents.createBillingMailLogs({ kind, invoice_id: collection.invoice_id, customer_id: collection.customer_id, recipient, subject: mail.subject }))
    const attempt = { id: log.id, attempts: (log.attempts ?? 0) + 1, last_attempt_at: new Date(), recipient }
    if (!recipient) {
      await documents.updateBillingMailLogs({ ...attempt, status: "failed", error: "customer has no e-mail address" })
      continue
    }
    try {
      const notification = await container.resolve(Modules.NOTIFICATION).createNotifications({
        to: recipient,
        channel: "email",
        template: "billing-sepa-prenotification",
        content: { subject: mail.subject, text: mail.text },
        data: { collection_id: collection.id, invoice_id: collection.invoice_id, batch_id: batchId },
        resource_id: collection.id,
        resource_type: "billing_sepa_collection",
        trigger_type: BillingEvents.SEPA_BATCH_CREATED,
      })
      await documents.updateBillingMailLogs({ ...attempt, status: "sent", error: null, notification_id: notification?.id ?? null })
      sent += 1
    } catch (error) {
      await documents.updateBillingMailLogs({ ...attempt, status: "failed", error: mailErrorText(error) })
    }
  }
  return sent
}
