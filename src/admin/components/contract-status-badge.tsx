import { StatusBadge } from "@medusajs/ui"
import { capitalize, STATUS_COLOR } from "../lib/format"
import type { ContractStatus } from "../lib/types"

export const ContractStatusBadge = ({ status }: { status: ContractStatus }) => (
  <StatusBadge color={STATUS_COLOR[status] ?? "grey"}>{capitalize(status)}</StatusBadge>
)
