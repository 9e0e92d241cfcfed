export const projectFields = [
  "id",
  "code",
  "name",
  "description",
  "sales_channel_id",
  "default_currency_code",
  "contract_number_prefix",
  "invoice_number_format",
  "cancellation_number_format",
  "payment_term_days",
  "metadata",
  "created_at",
  "updated_at",
]

export const retrieveProjectConfig = { defaults: projectFields, isList: false }
export const listProjectsConfig = { defaults: projectFields, isList: true, defaultLimit: 20 }
