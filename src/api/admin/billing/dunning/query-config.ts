export const dunningNoticeFields = [
  "id", "invoice_id", "invoice_number", "invoice_issue_date", "invoice_due_date", "invoice_total", "customer_id",
  "currency_code", "locale", "level", "notice_date", "payment_deadline", "open_amount", "fee", "total", "title",
  "subject", "text", "trigger", "document_file_id", "delivered_at", "created_at",
]

export const retrieveDunningNoticeConfig = { defaults: dunningNoticeFields, isList: false }
export const listDunningNoticesConfig = { defaults: dunningNoticeFields, isList: true, defaultLimit: 20 }
