import { Table, Text } from "@medusajs/ui"
import type { ComponentProps, ReactNode } from "react"
import { TablePagination } from "./table-pagination"

/** A one-line note in a container section: muted by default, red for errors. */
export const Note = ({ error = false, children }: { error?: boolean; children: ReactNode }) => (
  <Text size="small" className={`${error ? "text-ui-fg-error" : "text-ui-fg-subtle"} px-6 py-4`}>
    {children}
  </Text>
)

type ListStateProps<T> = {
  /** The list query (a `useQuery` or `usePagedList` result). */
  query: { isLoading: boolean; isError: boolean; error: Error | null }
  items: T[] | undefined
  /** e.g. "Loading invoices…" */
  loadingText: string
  /** Shown instead of `children` when there are no items; without it `children` handle the empty list. */
  emptyText?: string
  children: (items: T[]) => ReactNode
}

/** Loading text, the error message, the empty text, or the list. */
export const ListState = <T,>({ query, items, loadingText, emptyText, children }: ListStateProps<T>) => {
  if (query.isLoading) {
    return <Note>{loadingText}</Note>
  }
  if (query.isError) {
    return <Note error>{query.error?.message}</Note>
  }
  if (emptyText !== undefined && !items?.length) {
    return <Note>{emptyText}</Note>
  }
  return <>{children(items ?? [])}</>
}

/** `ListState` for one page of a `usePagedList` list: the list followed by its Prev/Next footer. */
export const PagedListState = <T,>({
  pagination,
  children,
  ...props
}: ListStateProps<T> & { pagination: ComponentProps<typeof TablePagination> }) => (
  <ListState {...props}>
    {(items) => (
      <>
        {children(items)}
        <TablePagination {...pagination} />
      </>
    )}
  </ListState>
)

export type Column = string | { label: string; className?: string } | false

/** A table header row; `false` entries are left out, so optional columns can be written inline. */
export const TableHead = ({ columns }: { columns: Column[] }) => (
  <Table.Header>
    <Table.Row>
      {columns.map((column) =>
        column === false ? null : typeof column === "string" ? (
          <Table.HeaderCell key={column}>{column}</Table.HeaderCell>
        ) : (
          <Table.HeaderCell key={column.label} className={column.className}>
            {column.label}
          </Table.HeaderCell>
        )
      )}
    </Table.Row>
  </Table.Header>
)
