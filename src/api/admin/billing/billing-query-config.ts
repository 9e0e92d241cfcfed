export const runFields = [
  "id", "as_of", "dry_run", "trigger", "status", "started_at", "finished_at", "contracts_processed",
  "activities_created", "invoices_issued", "errors", "filters",
]

export const invoiceFields = [
  "id", "kind", "status", "number", "project_id", "contract_id", "contract_number", "customer_id", "cancels_invoice_id",
  "cancelled_by_invoice_id", "billing_run_id", "currency_code", "locale", "issue_date", "due_date", "service_from",
  "service_to", "net_total", "tax_total", "gross_total", "credit_applied", "amount_due", "seller", "buyer", "notes",
  "payment_terms", "document_file_id", "issued_at", "created_at",
  "lines.id", "lines.position", "lines.activity_id", "lines.negates_line_id", "lines.article_id", "lines.article_number",
  "lines.description", "lines.service_from", "lines.service_to", "lines.quantity", "lines.unit_price", "lines.net_amount",
  "lines.tax_rate", "lines.tax_category",
  "tax_totals.category", "tax_totals.rate", "tax_totals.net", "tax_totals.tax",
]

export const retrieveRunConfig = { defaults: runFields, isList: false }
export const listRunsConfig = { defaults: runFields, isList: true, defaultLimit: 20 }
export const retrieveInvoiceConfig = { defaults: invoiceFields, isList: false }
export const listInvoicesConfig = { defaults: invoiceFields.filter((f) => !f.startsWith("lines.")), isList: true, defaultLimit: 20 }

export const mailLogFields = ["id", "kind", "invoice_id", "customer_id", "recipient", "subject", "status", "error", "attempts", "last_attempt_at", "notification_id", "created_at"]
export const listMailLogConfig = { defaults: mailLogFields, isList: true, defaultLimit: 50 }
