import type { RouteDoc } from "../../../openapi"
import { AdminListDunningNoticesParams, AdminStartDunningRun } from "./validators"

export const dunningRouteDocs: RouteDoc[] = [
  {
    method: "post",
    path: "/admin/billing/dunning/runs",
    tag: "Dunning",
    summary: "Run dunning on as_of (default today): notices for overdue invoices by level, fees booked, PDFs mailed; or a dry run that writes nothing",
    body: AdminStartDunningRun,
    returns: "run (as_of, dry_run, notices, skipped, delivered, mail_failed, errors)",
    created: true,
  },
  {
    method: "get",
    path: "/admin/billing/dunning/notices",
    tag: "Dunning",
    summary: "List dunning notices; filter by customer_id, invoice_id, level",
    query: AdminListDunningNoticesParams,
    returns: "notices, count, offset, limit",
  },
  { method: "get", path: "/admin/billing/dunning/notices/{id}", tag: "Dunning", summary: "Retrieve a dunning notice", returns: "notice" },
  { method: "get", path: "/admin/billing/dunning/notices/{id}/pdf", tag: "Dunning", summary: "The stored PDF of a dunning notice (application/pdf)", returns: "a PDF document" },
]
