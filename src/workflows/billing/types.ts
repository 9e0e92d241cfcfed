export interface BillingRunInput {
  as_of: string
  dry_run?: boolean
  contract_ids?: string[] | null
  trigger?: "schedule" | "admin" | "interim"
}

export interface ContractError {
  contract_id: string
  contract_number: string
  message: string
}
