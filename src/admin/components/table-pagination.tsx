import { Table } from "@medusajs/ui"
import type { Dispatch, SetStateAction } from "react"

type Props = {
  count: number
  pageSize: number
  pageIndex: number
  setPageIndex: Dispatch<SetStateAction<number>>
}

/** Prev/Next footer with "1 — 20 of N results" and the page counter. */
export const TablePagination = ({ count, pageSize, pageIndex, setPageIndex }: Props) => {
  const pageCount = Math.max(1, Math.ceil(count / pageSize))
  return (
    <Table.Pagination
      count={count}
      pageSize={pageSize}
      pageIndex={pageIndex}
      pageCount={pageCount}
      canPreviousPage={pageIndex > 0}
      canNextPage={pageIndex + 1 < pageCount}
      previousPage={() => setPageIndex((index) => Math.max(0, index - 1))}
      nextPage={() => setPageIndex((index) => index + 1)}
    />
  )
}
