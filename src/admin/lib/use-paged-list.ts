import { keepPreviousData, useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { sdk } from "./sdk"
import type { Paginated } from "./types"

type Options = {
  pageSize: number
  /** Part of the query key; a filter set to "all" is not sent. */
  filters?: Record<string, string>
  /** Sent with every request, not part of the query key. */
  query?: Record<string, string>
}

/** One page of an `/admin/billing/*` list, keeping the previous page on screen while the next one loads. */
export function usePagedList<Response extends Paginated>(
  queryKey: string,
  path: string,
  { pageSize, filters = {}, query = {} }: Options
) {
  const [pageIndex, setPageIndex] = useState(0)

  const sent = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== "all"))
  const { data, isLoading, isError, error } = useQuery({
    queryKey: [queryKey, { ...filters, pageIndex }],
    queryFn: () =>
      sdk.client.fetch<Response>(path, {
        query: { limit: pageSize, offset: pageIndex * pageSize, ...query, ...sent },
      }),
    placeholderData: keepPreviousData,
  })

  return {
    data,
    isLoading,
    isError,
    error,
    setPageIndex,
    pagination: { count: data?.count ?? 0, pageSize, pageIndex, setPageIndex },
  }
}
