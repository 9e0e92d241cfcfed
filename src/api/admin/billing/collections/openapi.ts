import type { RouteDoc } from "../../../openapi"
import * as v from "./validators"

const SEPA = "SEPA direct debit"
const CARD = "Card payments"

export const collectionRouteDocs: RouteDoc[] = [
  { method: "get", path: "/admin/billing/customers/{id}/mandates", tag: SEPA, summary: "The customer's SEPA mandates", query: v.AdminListMandatesParams, returns: "mandates, count, offset, limit" },
  { method: "post", path: "/admin/billing/customers/{id}/mandates", tag: SEPA, summary: "Record a SEPA mandate the customer signed (reference, signature date, debtor, IBAN/BIC, structured address checked)", body: v.AdminCreateMandate, returns: "mandate", created: true },
  { method: "get", path: "/admin/billing/mandates/{id}", tag: SEPA, summary: "Retrieve a SEPA mandate", returns: "mandate" },
  { method: "post", path: "/admin/billing/mandates/{id}", tag: SEPA, summary: "Amend a mandate (reference, account, name, address; the next collection reports the amendment) or revoke it (status: revoked)", body: v.AdminUpdateMandate, returns: "mandate" },
  { method: "get", path: "/admin/billing/sepa/creditor", tag: SEPA, summary: "The SEPA creditor in force (admin settings or plugin option sepa) and its problems", returns: "creditor, source, problems" },
  { method: "post", path: "/admin/billing/sepa/creditor", tag: SEPA, summary: "Set the SEPA creditor (creditor id checksum, IBAN, BIC, address checked); overrides the plugin option", body: v.AdminSetSepaCreditor, returns: "creditor, source, problems" },
  { method: "get", path: "/admin/billing/sepa/batches", tag: SEPA, summary: "List SEPA batches (pain.008 files)", query: v.AdminListSepaBatchesParams, returns: "batches, count, offset, limit" },
  { method: "post", path: "/admin/billing/sepa/batches", tag: SEPA, summary: "Generate one pain.008.001.08 file for every collectable invoice (or the given ones); skipped invoices are listed with the reason", body: v.AdminCreateSepaBatch, returns: "batch, skipped", created: true },
  { method: "get", path: "/admin/billing/sepa/batches/{id}", tag: SEPA, summary: "Retrieve a SEPA batch with its collections", returns: "batch" },
  { method: "post", path: "/admin/billing/sepa/batches/{id}", tag: SEPA, summary: "Mark a batch submitted to the bank, or cancel a generated batch (its invoices become collectable again)", body: v.AdminUpdateSepaBatch, returns: "batch, cancelled_collections" },
  { method: "get", path: "/admin/billing/sepa/batches/{id}/file", tag: SEPA, summary: "Download the batch's pain.008.001.08 XML (application/xml)", returns: "an XML document" },
  { method: "get", path: "/admin/billing/sepa/collections", tag: SEPA, summary: "SEPA collections (one per invoice and batch) with status pending, settled, returned or cancelled", query: v.AdminListSepaCollectionsParams, returns: "collections, count, offset, limit" },
  { method: "get", path: "/admin/billing/contracts/{id}/payment-method", tag: CARD, summary: "The stored card the contract is charged with", returns: "payment_method" },
  { method: "post", path: "/admin/billing/contracts/{id}/payment-method", tag: CARD, summary: "Store or replace the contract's card: Payment module provider and the provider's saved payment method token", body: v.AdminSetCardPaymentMethod, returns: "payment_method" },
  { method: "post", path: "/admin/billing/invoices/{id}/charge", tag: CARD, summary: "Charge the invoice's open amount to the contract's stored card now; answers the attempt (succeeded or failed with the provider's error)", returns: "attempt" },
  { method: "get", path: "/admin/billing/collections/card-charges", tag: CARD, summary: "Card charge attempts with outcome, provider error and next scheduled retry", query: v.AdminListCardChargesParams, returns: "charges, count, offset, limit" },
]
