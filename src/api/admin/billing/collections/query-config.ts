export const mandateFields = [
  "id", "customer_id", "mandate_reference", "signature_date", "debtor_name", "debtor_iban", "debtor_bic", "street_name",
  "building_number", "postal_code", "town_name", "country_code", "status", "revoked_on", "revocation_reason",
  "first_collection_at", "last_collection_date", "pending_amendment", "metadata", "created_at", "updated_at",
]

export const batchFields = [
  "id", "message_id", "creation_date_time", "first_collection_date", "last_collection_date", "local_instrument",
  "transaction_count", "control_sum", "currency_code", "status", "file_id", "file_name", "creditor_id", "submitted_at",
  "cancelled_at", "created_at",
]

export const collectionFields = [
  "id", "batch_id", "invoice_id", "invoice_number", "customer_id", "contract_id", "mandate_id", "mandate_reference",
  "end_to_end_id", "payment_information_id", "sequence_type", "collection_date", "amount", "currency_code", "status",
  "bank_transaction_id", "return_reason", "settled_at", "returned_at", "cancelled_at", "created_at",
]

export const cardPaymentMethodFields = ["id", "contract_id", "customer_id", "provider_id", "payment_method_token", "account_holder_id", "label", "created_at", "updated_at"]

export const chargeAttemptFields = [
  "id", "invoice_id", "contract_id", "customer_id", "attempt", "trigger", "status", "amount", "currency_code", "provider_id",
  "payment_collection_id", "payment_id", "ledger_posting_key", "error", "attempted_at", "finished_at", "next_attempt_at",
  "gave_up", "created_at",
]

export const retrieveMandateConfig = { defaults: mandateFields, isList: false }
export const listMandatesConfig = { defaults: mandateFields, isList: true, defaultLimit: 50 }
export const retrieveBatchConfig = { defaults: [...batchFields, ...collectionFields.map((f) => `collections.${f}`)], isList: false }
export const listBatchesConfig = { defaults: batchFields, isList: true, defaultLimit: 20 }
export const listCollectionsConfig = { defaults: collectionFields, isList: true, defaultLimit: 50 }
export const retrieveCardPaymentMethodConfig = { defaults: cardPaymentMethodFields, isList: false }
export const listCardChargesConfig = { defaults: chargeAttemptFields, isList: true, defaultLimit: 50 }
