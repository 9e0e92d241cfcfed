import { Select } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { Link } from "react-router-dom"
import { customerLabel } from "../lib/format"
import { sdk } from "../lib/sdk"
import type { Contract } from "../lib/types"

type Customer = NonNullable<Contract["customer"]>
type CustomerListResponse = { customers: Customer[]; count: number }

const CUSTOMER_FIELDS = "id,email,first_name,last_name,company_name"

/** Labels (e-mail, else name) of the customers a list shows, read in one request; ids stand in until they arrive. */
export function useCustomerLabels(ids: readonly string[]) {
  const wanted = [...new Set(ids)].sort()
  const { data } = useQuery({
    queryKey: ["billing-customer-labels", wanted],
    queryFn: () =>
      sdk.client.fetch<CustomerListResponse>("/admin/customers", {
        query: { id: wanted, fields: CUSTOMER_FIELDS, limit: wanted.length },
      }),
    enabled: wanted.length > 0,
    staleTime: 60_000,
  })
  const labels = new Map((data?.customers ?? []).map((customer) => [customer.id, customerLabel(customer)]))
  return (id: string) => labels.get(id) ?? id
}

/** A link to the customer's page. */
export const CustomerLink = ({ id, label }: { id: string; label: string }) => (
  <Link
    to={`/customers/${id}`}
    className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
    onClick={(event) => event.stopPropagation()}
  >
    {label}
  </Link>
)

type CustomerSelectProps = {
  value: string
  onChange: (value: string) => void
  /** The entry for "no filter" (value "all"); null for a select that must name a customer. */
  allLabel?: string | null
  placeholder?: string
  id?: string
  className?: string
}

/** A select of the shop's customers (the first 200 by e-mail), optionally with an "All customers" entry. */
export const CustomerSelect = ({
  value,
  onChange,
  allLabel = "All customers",
  placeholder = "Customer",
  id,
  className = "w-[220px]",
}: CustomerSelectProps) => {
  const { data } = useQuery({
    queryKey: ["billing-customer-options"],
    queryFn: () =>
      sdk.client.fetch<CustomerListResponse>("/admin/customers", {
        query: { fields: CUSTOMER_FIELDS, limit: 200, order: "email" },
      }),
    staleTime: 60_000,
  })
  return (
    <div className={className}>
      <Select size="small" value={value} onValueChange={onChange}>
        <Select.Trigger id={id}>
          <Select.Value placeholder={placeholder} />
        </Select.Trigger>
        <Select.Content>
          {allLabel !== null && <Select.Item value="all">{allLabel}</Select.Item>}
          {(data?.customers ?? []).map((customer) => (
            <Select.Item key={customer.id} value={customer.id}>
              {customerLabel(customer)}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
    </div>
  )
}
