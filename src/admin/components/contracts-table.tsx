import { Table, Text } from "@medusajs/ui"
import { Link, useNavigate } from "react-router-dom"
import { customerLabel, formatDate, formatInterval } from "../lib/format"
import type { Contract } from "../lib/types"
import { ContractStatusBadge } from "./contract-status-badge"

type Props = {
  contracts: Contract[]
  /** The customer column is redundant on the customer's own page. */
  showCustomer?: boolean
}

/** Contracts as rows; a row opens the contract page. */
export const ContractsTable = ({ contracts, showCustomer = true }: Props) => {
  const navigate = useNavigate()

  if (!contracts.length) {
    return (
      <Text size="small" className="text-ui-fg-subtle px-6 py-4">
        No contracts found.
      </Text>
    )
  }

  return (
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Number</Table.HeaderCell>
          {showCustomer && <Table.HeaderCell>Customer</Table.HeaderCell>}
          <Table.HeaderCell>Project</Table.HeaderCell>
          <Table.HeaderCell>Status</Table.HeaderCell>
          <Table.HeaderCell>Start</Table.HeaderCell>
          <Table.HeaderCell>Interval</Table.HeaderCell>
          <Table.HeaderCell>Currency</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
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
