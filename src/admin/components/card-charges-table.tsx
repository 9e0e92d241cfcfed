import { Badge, StatusBadge, Table } from "@medusajs/ui"
import { CARD_CHARGE_STATUS_COLOR, capitalize, formatAmount, formatDateTime } from "../lib/format"
import type { CardChargeAttempt } from "../lib/types"
import { Note, TableHead } from "./list-state"

/** Card charge attempts of an invoice: outcome, the provider's error and the next scheduled retry. */
export const CardChargesTable = ({ charges }: { charges: CardChargeAttempt[] }) => {
  if (!charges.length) {
    return <Note>No card charges yet.</Note>
  }
  // Once one attempt succeeded, the retries planned after earlier failures do not happen.
  const paid = charges.some((charge) => charge.status === "succeeded")
  return (
    <Table>
      <TableHead
        columns={[
          "Attempt",
          "Charged at",
          "Trigger",
          { label: "Amount", className: "text-right" },
          "Status",
          "Provider",
          "Error",
          "Next attempt",
        ]}
      />
      <Table.Body>
        {charges.map((charge) => (
          <Table.Row key={charge.id} className="[&_td]:align-top [&_td]:py-2">
            <Table.Cell>#{charge.attempt}</Table.Cell>
            <Table.Cell>{formatDateTime(charge.attempted_at)}</Table.Cell>
            <Table.Cell>
              <Badge size="2xsmall">{capitalize(charge.trigger)}</Badge>
            </Table.Cell>
            <Table.Cell className="text-right">{formatAmount(charge.amount, charge.currency_code)}</Table.Cell>
            <Table.Cell>
              <StatusBadge color={CARD_CHARGE_STATUS_COLOR[charge.status] ?? "grey"}>{capitalize(charge.status)}</StatusBadge>
            </Table.Cell>
            <Table.Cell>{charge.provider_id}</Table.Cell>
            <Table.Cell className="max-w-[280px] whitespace-normal break-words">
              {charge.error ? <span className="text-ui-fg-error">{charge.error}</span> : <span className="text-ui-fg-muted">–</span>}
            </Table.Cell>
            <Table.Cell>
              {charge.gave_up ? (
                <span className="text-ui-fg-error">Given up – left to dunning</span>
              ) : (
                formatDateTime(paid ? null : charge.next_attempt_at)
              )}
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}
