import { Alert, Container, Input, Label, Table, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { Note, TableHead } from "./list-state"
import { SectionHeader } from "./section-header"
import { formatAmount, formatDate, isIsoDate, todayIso } from "../lib/format"
import { sdk } from "../lib/sdk"
import type { Contract, PreviewResponse } from "../lib/types"

/** Sum of 2-decimal amounts in cents, so the total is exact. */
const totalOf = (amounts: string[]) => amounts.reduce((sum, amount) => sum + Math.round(Number(amount) * 100), 0) / 100

/** What the next billing run would create for the contract up to a date. Reads only. */
export const BillingPreview = ({ contract }: { contract: Contract }) => {
  const [asOf, setAsOf] = useState(todayIso)

  const { data, isFetching, isError, error } = useQuery({
    queryKey: ["billing-contract-preview", contract.id, asOf],
    queryFn: () =>
      sdk.client.fetch<PreviewResponse>(`/admin/billing/contracts/${contract.id}/preview`, { query: { as_of: asOf } }),
    enabled: isIsoDate(asOf),
  })

  const itemLabel = (itemId: string) => {
    const article = contract.items?.find((item) => item.id === itemId)?.billing_article
    return article ? `${article.number} – ${article.name}` : itemId
  }
  const activities = data?.activities ?? []

  return (
    <Container className="divide-y p-0">
      <SectionHeader title="Billing preview" description="Activities the next billing run would create. Nothing is written.">
        <div className="flex items-center gap-x-2">
          <Label size="small" htmlFor="billing-preview-as-of">
            As of
          </Label>
          <Input
            id="billing-preview-as-of"
            type="date"
            size="small"
            value={asOf}
            onChange={(event) => setAsOf(event.target.value)}
          />
        </div>
      </SectionHeader>
      {isError && (
        <div className="px-6 py-4">
          <Alert variant="error">{error.message}</Alert>
        </div>
      )}
      {!!data?.missing_prices.length && (
        <div className="px-6 py-4">
          <Alert variant="warning">
            <Text size="small" weight="plus">
              Missing prices – these items cannot be billed yet:
            </Text>
            <ul className="list-disc pl-5">
              {data.missing_prices.map((missing) => (
                <li key={`${missing.article_id}-${missing.currency_code}-${missing.date}-${missing.quantity}`}>
                  {missing.message}
                </li>
              ))}
            </ul>
          </Alert>
        </div>
      )}
      {isFetching && !data ? (
        <Note>Computing preview…</Note>
      ) : !activities.length ? (
        <Note>{data ? `Nothing due up to ${data.as_of}.` : "Choose a date."}</Note>
      ) : (
        <Table>
          <TableHead
            columns={[
              "Article",
              "Period",
              "Service",
              { label: "Quantity", className: "text-right" },
              { label: "Unit price", className: "text-right" },
              { label: "Amount", className: "text-right" },
              "Due",
            ]}
          />
          <Table.Body>
            {activities.map((activity, index) => (
              <Table.Row key={`${activity.contract_item_id}-${activity.service_from}-${index}`}>
                <Table.Cell>{itemLabel(activity.contract_item_id)}</Table.Cell>
                <Table.Cell>
                  {formatDate(activity.period_start)} – {formatDate(activity.period_end)}
                </Table.Cell>
                <Table.Cell>
                  {formatDate(activity.service_from)} – {formatDate(activity.service_to)}
                </Table.Cell>
                <Table.Cell className="text-right">{activity.quantity}</Table.Cell>
                <Table.Cell className="text-right">{formatAmount(activity.unit_price, contract.currency_code)}</Table.Cell>
                <Table.Cell className="text-right">{formatAmount(activity.amount, contract.currency_code)}</Table.Cell>
                <Table.Cell>{formatDate(activity.due_date)}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {activities.length > 0 && (
        <div className="flex justify-end gap-x-4 px-6 py-4">
          <Text size="small" weight="plus">
            Total (net)
          </Text>
          <Text size="small" weight="plus">
            {formatAmount(totalOf(activities.map((activity) => activity.amount)), contract.currency_code)}
          </Text>
        </div>
      )}
    </Container>
  )
}
