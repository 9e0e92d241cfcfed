import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Container, Heading, Table, Text } from "@medusajs/ui"
import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { capitalize, formatAmount, formatDate } from "../../../lib/format"
import { sdk } from "../../../lib/sdk"
import type { ArticleListResponse, PriceVariant } from "../../../lib/types"

const PAGE_SIZE = 20

/** By currency, then tier, then date: the order in which a price list is read. */
const sortVariants = (variants: PriceVariant[] = []) =>
  [...variants].sort(
    (a, b) =>
      a.currency_code.localeCompare(b.currency_code) ||
      a.min_quantity - b.min_quantity ||
      a.valid_from.localeCompare(b.valid_from)
  )

const PriceVariants = ({ variants }: { variants?: PriceVariant[] }) => {
  const sorted = sortVariants(variants)
  if (!sorted.length) {
    return <span className="text-ui-fg-muted">No prices</span>
  }
  return (
    <table className="txt-compact-small">
      <tbody>
        {sorted.map((variant) => (
          <tr key={variant.id}>
            <td className="pr-3 text-right">{formatAmount(variant.amount, variant.currency_code)}</td>
            <td className="text-ui-fg-subtle pr-3">from {formatDate(variant.valid_from)}</td>
            <td className="text-ui-fg-subtle">{variant.min_quantity > 1 ? `from qty ${variant.min_quantity}` : ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

const ArticlesPage = () => {
  const [pageIndex, setPageIndex] = useState(0)

  const { data, isLoading, isError, error } = useQuery({
    queryKey: ["billing-articles", { pageIndex }],
    queryFn: () =>
      sdk.client.fetch<ArticleListResponse>("/admin/billing/articles", {
        query: { limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE, order: "number" },
      }),
    placeholderData: keepPreviousData,
  })

  const count = data?.count ?? 0
  const pageCount = Math.max(1, Math.ceil(count / PAGE_SIZE))

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h1">Articles</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          The billing catalog with each article's net price variants.
        </Text>
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          Loading articles…
        </Text>
      ) : isError ? (
        <Text size="small" className="text-ui-fg-error px-6 py-4">
          {error.message}
        </Text>
      ) : !data?.articles.length ? (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          No articles yet.
        </Text>
      ) : (
        <>
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Number</Table.HeaderCell>
                <Table.HeaderCell>Name</Table.HeaderCell>
                <Table.HeaderCell>Kind</Table.HeaderCell>
                <Table.HeaderCell>Project</Table.HeaderCell>
                <Table.HeaderCell>Group</Table.HeaderCell>
                <Table.HeaderCell>Prices</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {data.articles.map((article) => (
                <Table.Row key={article.id} className="[&_td]:align-top [&_td]:py-2">
                  <Table.Cell className="txt-compact-small-plus">{article.number}</Table.Cell>
                  <Table.Cell>{article.name}</Table.Cell>
                  <Table.Cell>
                    <Badge size="2xsmall">
                      {capitalize(article.kind)}
                      {article.unit ? ` · per ${article.unit.toLowerCase()}` : ""}
                    </Badge>
                  </Table.Cell>
                  <Table.Cell>{article.project?.code ?? "–"}</Table.Cell>
                  <Table.Cell>{article.article_group?.name ?? "–"}</Table.Cell>
                  <Table.Cell>
                    <PriceVariants variants={article.price_variants} />
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          <Table.Pagination
            count={count}
            pageSize={PAGE_SIZE}
            pageIndex={pageIndex}
            pageCount={pageCount}
            canPreviousPage={pageIndex > 0}
            canNextPage={pageIndex + 1 < pageCount}
            previousPage={() => setPageIndex((index) => Math.max(0, index - 1))}
            nextPage={() => setPageIndex((index) => index + 1)}
          />
        </>
      )}
    </Container>
  )
}

/** Nested under "Billing" in the sidebar, as its path is below /billing. */
export const config = defineRouteConfig({
  label: "Articles",
  rank: 4,
})

export default ArticlesPage
