import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Container, Heading, Table, Text } from "@medusajs/ui"
import { PagedListState, TableHead } from "../../../components/list-state"
import { capitalize, formatAmount, formatDate } from "../../../lib/format"
import type { ArticleListResponse, PriceVariant } from "../../../lib/types"
import { usePagedList } from "../../../lib/use-paged-list"

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
  const { data, pagination, ...query } = usePagedList<ArticleListResponse>(
    "billing-articles",
    "/admin/billing/articles",
    { pageSize: PAGE_SIZE, query: { order: "number" } }
  )

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h1">Articles</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          The billing catalog with each article's net price variants.
        </Text>
      </div>
      <PagedListState query={query} items={data?.articles} loadingText="Loading articles…" emptyText="No articles yet." pagination={pagination}>
        {(articles) => (
          <Table>
            <TableHead columns={["Number", "Name", "Kind", "Project", "Group", "Prices"]} />
            <Table.Body>
              {articles.map((article) => (
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
        )}
      </PagedListState>
    </Container>
  )
}

/** Nested under "Billing" in the sidebar, as its path is below /billing. */
export const config = defineRouteConfig({
  label: "Articles",
  rank: 4,
})

export default ArticlesPage
