import { Table } from "@medusajs/ui"
import { Link, useNavigate } from "react-router-dom"
import { customerLabel, formatDate, formatInterval } from "../lib/format"
import type { Contract } from "../lib/types"
import { ContractStatusBadge } from "./contract-status-badge"
import { Note, TableHead } from "./list-state"

type Props = {
  contracts: Contract[]
  /** The customer column is redundant on the customer's own page. */
  showCustomer?: boolean
}

/** Contracts as rows; a row opens the contract page. */
export const ContractsTable = ({ contracts, showCustomer = true }: Props) => {
  const navigate = useNavigate()

  if (!contracts.length) {
    return <Note>No contracts found.</Note>
  }

  return (
    <Table>
      <TableHead columns={["Number", showCustomer && "Customer", "Project", "Status", "Start", "Interval", "Currency"]} />
      <Table.Body>
        {contracts.map((contract) => (
          <Table.Row
            key={contract.id}
            className="cursor-pointer"
            onClick={() => navigate(`/billing/contracts/${contract.id}`)}
          >
            <Table.Cell>
              <Link
                to={`/billing/contracts/${contract.id}`}
                className="txt-compact-small-plus text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
                onClick={(event) => event.stopPropagation()}
              >
                {contract.number}
              </Link>
            </Table.Cell>
            {showCustomer && <Table.Cell>{customerLabel(contract.customer)}</Table.Cell>}
            <Table.Cell>{contract.billing_project?.name ?? contract.project_id}</Table.Cell>
            <Table.Cell>
              <ContractStatusBadge status={contract.status} />
            </Table.Cell>
            <Table.Cell>{formatDate(contract.start_date)}</Table.Cell>
            <Table.Cell>{formatInterval(contract.interval_count, contract.interval_unit)}</Table.Cell>
            <Table.Cell>{contract.currency_code.toUpperCase()}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
