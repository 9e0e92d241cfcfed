import { validateXmlAgainstXsd } from "../../src/domain/sepa/__tests__/corpora"
import { Api } from "./catalog"
import { AuthHeaders } from "./http"

/** The Bundesbank's sample creditor id (valid checksum) and a creditor set up with it. */
export const TEST_CREDITOR = {
  creditor_id: "DE98ZZZ09999999999",
  creditor_name: "Snack Box GmbH",
  creditor_iban: "DE89370400440532013000",
  creditor_bic: "COBADEFFXXX",
  creditor_address: { street_name: "Musterstraße", building_number: "1", postal_code: "10115", town_name: "Berlin", country_code: "DE" },
  pre_notification_days: 14,
}

/** Valid IBANs at different banks (Commerzbank, DKB, ING, Berliner Sparkasse). */
export const IBANS = {
  commerzbank: "DE89370400440532013000",
  dkb: "DE02120300000000202051",
  ing: "DE02500105170137075030",
  sparkasse: "DE02100500000054540402",
}

export function mandateBody(overrides: Record<string, unknown> = {}) {
  return {
    signature_date: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
    debtor_name: "Erika Mustermann",
    debtor_iban: IBANS.dkb,
    debtor_address: { street_name: "Hauptstraße", building_number: "5a", postal_code: "80331", town_name: "München", country_code: "DE" },
    ...overrides,
  }
}

export async function createMandate(api: Api, auth: AuthHeaders, customerId: string, overrides: Record<string, unknown> = {}) {
  const res = await api.post(`/admin/billing/customers/${customerId}/mandates`, mandateBody(overrides), auth)
  return res.data.mandate
}

/** The stored pain.008 file of a batch, checked against the pain.008.001.08 XSD (fails the test with libxml2's messages). */
export async function batchXml(api: Api, auth: AuthHeaders, batchId: string): Promise<string> {
  const res = await api.get(`/admin/billing/sepa/batches/${batchId}/file`, { ...auth, responseType: "text" })
  expect(res.headers["content-type"]).toMatch(/application\/xml/)
  const xml = String(res.data)
  const xsd = validateXmlAgainstXsd(xml, batchId)
  expect({ valid: xsd.valid, output: xsd.output }).toEqual({ valid: true, output: expect.any(String) })
  return xml
}

/** The values of one element in document order, e.g. all <SeqTp>. */
export function xmlValues(xml: string, element: string): string[] {
  return [...xml.matchAll(new RegExp(`<${element}(?: [^>]*)?>([^<]*)</${element}>`, "g"))].map((m) => m[1])
}

export async function collectionsOf(api: Api, auth: AuthHeaders, filter: string) {
  return (await api.get(`/admin/billing/sepa/collections?limit=500&${filter}`, auth)).data.collections as any[]
}
