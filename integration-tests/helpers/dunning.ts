import { Api } from "./catalog"
import { AuthHeaders } from "./http"

/** POST /admin/billing/dunning/runs; a dry run answers 200, a real one 201. */
export async function dunningRun(api: Api, auth: AuthHeaders, body: { as_of: string; dry_run?: boolean }) {
  const res = await api.post("/admin/billing/dunning/runs", body, auth)
  expect(res.status).toBe(body.dry_run ? 200 : 201)
  return res.data.run
}

/** GET /admin/billing/dunning/notices with a query string such as `customer_id=cus_1&level=2`. */
export async function listNotices(api: Api, auth: AuthHeaders, query = "") {
  const res = await api.get(`/admin/billing/dunning/notices${query ? `?${query}` : ""}`, auth)
  return res.data as { notices: any[]; count: number }
}

/** The text of a PDF (pdf-parse, with the Uint8Array it needs for small files). */
export async function pdfText(pdf: Buffer): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (await require("pdf-parse/lib/pdf-parse.js")(new Uint8Array(pdf))).text
}
