import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders } from "../helpers/admin"
import { Api, createArticle, createProject, createTaxSetup } from "../helpers/catalog"
import {
  AuthHeaders,
  createCustomer,
  expectBadRequest,
  expectNotFound,
  expectUnauthorized,
} from "../helpers/http"

jest.setTimeout(60_000)

interface Fixture {
  auth: AuthHeaders
  erika: { id: string; email: string }
  max: { id: string; email: string }
  box: any
  mag: any
  articleGroupId: string
  /** Monthly, EUR 30.00 per box; 25.00 per box from 10 boxes. */
  snackBox: any
  /** Monthly, EUR 50.00. */
  premiumBox: any
  /** Yearly, EUR 300.00 — cannot go on a monthly contract. */
  yearlyBox: any
  /** Monthly article of the other project. */
  magazine: any
}

const contracts = "/admin/billing/contracts"

/** The preview's activities of one item, reduced to what a bill shows. */
function lines(preview: { activities: any[] }, itemId: string) {
  return preview.activities
    .filter((a) => a.contract_item_id === itemId)
    .map((a) => ({
      kind: a.kind,
      period: `${a.period_start}..${a.period_end}`,
      service: `${a.service_from}..${a.service_to}`,
      due: a.due_date,
      unit_price: String(a.unit_price),
      amount: a.amount,
    }))
}

async function createContract(api: Api, fx: Fixture, body: Record<string, unknown>) {
  const res = await api.post(
    contracts,
    { project_id: fx.box.id, customer_id: fx.erika.id, start_date: "2024-01-01", interval_unit: "MONTH", ...body },
    fx.auth
  )
  return res.data.contract
}

async function preview(api: Api, fx: Fixture, contractId: string, asOf: string) {
  const res = await api.get(`${contracts}/${contractId}/preview?as_of=${asOf}`, fx.auth)
  expect(res.status).toBe(200)
  expect(res.data.as_of).toBe(asOf)
  return res.data as { as_of: string; activities: any[]; missing_prices: any[] }
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let fx: Fixture

    // The runner restores the database before every test, so the catalog is rebuilt for each one.
    beforeEach(async () => {
      const auth = await adminHeaders(getContainer())
      const erika = await createCustomer(getContainer(), "erika@example.com", "Erika")
      const max = await createCustomer(getContainer(), "max@example.com", "Max")
      const box = await createProject(api, auth, { code: "box", name: "Snack Box" })
      const mag = await createProject(api, auth, { code: "mag", name: "Magazine" })
      const { articleGroup } = await createTaxSetup(api, auth)
      const common = { project_id: box.id, article_group_id: articleGroup.id }
      const snackBox = await createArticle(api, auth, {
        ...common,
        number: "SNACK",
        name: "Snack box",
        unit: "MONTH",
        price_variants: [
          { currency_code: "EUR", amount: "30.00", valid_from: "2020-01-01" },
          { currency_code: "EUR", amount: "25.00", valid_from: "2020-01-01", min_quantity: 10 },
        ],
      })
      const premiumBox = await createArticle(api, auth, {
        ...common,
        number: "PREMIUM",
        name: "Premium box",
        unit: "MONTH",
        price_variants: [{ currency_code: "EUR", amount: "50.00", valid_from: "2020-01-01" }],
      })
      const yearlyBox = await createArticle(api, auth, {
        ...common,
        number: "YEARLY",
        name: "Yearly box",
        unit: "YEAR",
        price_variants: [{ currency_code: "EUR", amount: "300.00", valid_from: "2020-01-01" }],
      })
      const magazine = await createArticle(api, auth, {
        project_id: mag.id,
        article_group_id: articleGroup.id,
        number: "MAG",
        name: "Magazine",
        unit: "MONTH",
        price_variants: [{ currency_code: "EUR", amount: "10.00", valid_from: "2020-01-01" }],
      })
      fx = { auth, erika, max, box, mag, articleGroupId: articleGroup.id, snackBox, premiumBox, yearlyBox, magazine }
    })

    describe("creating and reading contracts", () => {
      it("creates draft contracts with items, numbered per project", async () => {
        const created = await api.post(
          contracts,
          {
            project_id: fx.box.id,
            customer_id: fx.erika.id,
            start_date: "2024-01-15",
            interval_unit: "MONTH",
            minimum_term: { count: 12, unit: "MONTH" },
            notice_period: { count: 3, unit: "MONTH" },
            items: [{ article_id: fx.snackBox.id, quantity: 2, description: "two boxes" }],
          },
          fx.auth
        )
        expect(created.status).toBe(201)
        const first = created.data.contract
        expect(first).toEqual(
          expect.objectContaining({
            id: expect.stringMatching(/^bctr_/),
            number: "V-000001",
            status: "draft",
            project_id: fx.box.id,
            customer_id: fx.erika.id,
            currency_code: "eur",
            start_date: "2024-01-15",
            end_date: null,
            interval_count: 1,
            interval_unit: "MONTH",
            billing_mode: "advance",
            payment_method: "invoice",
            minimum_term_count: 12,
            minimum_term_unit: "MONTH",
            renewal_term_count: null,
            renewal_term_unit: null,
            notice_period_count: 3,
            notice_period_unit: "MONTH",
            billed_until: null,
            activated_at: null,
            customer: expect.objectContaining({ id: fx.erika.id, email: "erika@example.com", first_name: "Erika" }),
            billing_project: expect.objectContaining({ id: fx.box.id, code: "box" }),
          })
        )
        expect(first.items).toHaveLength(1)
        expect(first.items[0]).toEqual(
          expect.objectContaining({
            id: expect.stringMatching(/^bcit_/),
            article_id: fx.snackBox.id,
            quantity: 2,
            valid_from: "2024-01-15",
            valid_to: null,
            billing_from: null,
            custom_unit_price: null,
            description: "two boxes",
            billing_article: expect.objectContaining({ id: fx.snackBox.id, number: "SNACK", kind: "subscription", unit: "MONTH" }),
          })
        )

        const second = await createContract(api, fx, {
          customer_id: fx.max.id,
          currency_code: "EUR",
          interval_count: 3,
          billing_mode: "arrears",
          payment_method: "sepa_debit",
          billed_until: "2024-02-01",
          items: [
            { article_id: fx.snackBox.id, valid_from: "2024-02-01", valid_to: "2024-12-31", billing_from: "2024-02-01" },
            { article_id: fx.premiumBox.id, custom_unit_price: "45.5" },
          ],
        })
        expect(second).toEqual(
          expect.objectContaining({
            number: "V-000002",
            customer_id: fx.max.id,
            interval_count: 3,
            billing_mode: "arrears",
            payment_method: "sepa_debit",
            billed_until: "2024-02-01",
          })
        )
        const secondItems = [...second.items].sort((a: any, b: any) => a.valid_from.localeCompare(b.valid_from))
        expect(secondItems.map((i: any) => [i.article_id, i.valid_from, i.valid_to, i.billing_from, i.custom_unit_price === null ? null : Number(i.custom_unit_price)])).toEqual([
          [fx.premiumBox.id, "2024-01-01", null, null, 45.5],
          [fx.snackBox.id, "2024-02-01", "2024-12-31", "2024-02-01", null],
        ])

        const otherProject = await createContract(api, fx, { project_id: fx.mag.id, items: [{ article_id: fx.magazine.id }] })
        expect(otherProject.number).toBe("V-000001")
        const explicit = await createContract(api, fx, { number: "LEGACY-7" })
        expect(explicit).toEqual(expect.objectContaining({ number: "LEGACY-7", items: [] }))
        const third = await createContract(api, fx, {})
        expect(third.number).toBe("V-000003")

        const prefixed = await createProject(api, fx.auth, { code: "tea", name: "Tea", contract_number_prefix: "ABO-", default_currency_code: "CHF" })
        const tea = await createContract(api, fx, { project_id: prefixed.id })
        expect(tea).toEqual(expect.objectContaining({ number: "ABO-000001", currency_code: "chf" }))

        // Numbers are unique per project: V-000001 exists in both projects, but not twice in one.
        await expectBadRequest(createContract(api, fx, { number: "V-000001" }), `project_id: ${fx.box.id}, number: V-000001, already exists`)
        expect((await api.get(`${contracts}?project_id=${fx.box.id}&number=V-000001`, fx.auth)).data.count).toBe(1)

        const fetched = await api.get(`${contracts}/${first.id}`, fx.auth)
        expect(fetched.data.contract).toEqual(expect.objectContaining({ id: first.id, number: "V-000001", status: "draft" }))
        expect(fetched.data.contract.items.map((i: any) => i.id)).toEqual([first.items[0].id])
      })

      it("lists contracts with pagination and filters by status, customer, project, number and q", async () => {
        const c1 = await createContract(api, fx, { items: [{ article_id: fx.snackBox.id }] })
        const c2 = await createContract(api, fx, { customer_id: fx.max.id, items: [{ article_id: fx.snackBox.id }] })
        const c3 = await createContract(api, fx, { project_id: fx.mag.id, items: [{ article_id: fx.magazine.id }] })
        await api.post(`${contracts}/${c2.id}/activate`, {}, fx.auth)
        const ids = (res: any) => res.data.contracts.map((c: any) => c.id)

        const page1 = await api.get(`${contracts}?limit=2&offset=0`, fx.auth)
        expect(page1.data).toEqual(expect.objectContaining({ count: 3, limit: 2, offset: 0 }))
        expect(ids(page1)).toEqual([c3.id, c2.id])
        const page2 = await api.get(`${contracts}?limit=2&offset=2`, fx.auth)
        expect(page2.data).toEqual(expect.objectContaining({ count: 3, limit: 2, offset: 2 }))
        expect(ids(page2)).toEqual([c1.id])

        const active = await api.get(`${contracts}?status=active`, fx.auth)
        expect(ids(active)).toEqual([c2.id])
        expect(active.data.contracts[0].status).toBe("active")
        expect(ids(await api.get(`${contracts}?status=draft&order=created_at`, fx.auth))).toEqual([c1.id, c3.id])
        expect(ids(await api.get(`${contracts}?status[]=draft&status[]=active&order=created_at`, fx.auth))).toEqual([c1.id, c2.id, c3.id])
        expect(ids(await api.get(`${contracts}?status=cancelled`, fx.auth))).toEqual([])
        expect(ids(await api.get(`${contracts}?customer_id=${fx.erika.id}&order=created_at`, fx.auth))).toEqual([c1.id, c3.id])
        expect(ids(await api.get(`${contracts}?customer_id=${fx.max.id}`, fx.auth))).toEqual([c2.id])
        expect(ids(await api.get(`${contracts}?project_id=${fx.mag.id}`, fx.auth))).toEqual([c3.id])
        expect(ids(await api.get(`${contracts}?number=V-000001&order=created_at`, fx.auth))).toEqual([c1.id, c3.id])
        expect(ids(await api.get(`${contracts}?number=V-000001&project_id=${fx.box.id}`, fx.auth))).toEqual([c1.id])
        const searched = await api.get(`${contracts}?q=000002`, fx.auth)
        expect(ids(searched)).toEqual([c2.id])
        expect(searched.data.count).toBe(1)

        await expectBadRequest(api.get(`${contracts}?status=paused`, fx.auth), "status")
        await expectBadRequest(api.get(`${contracts}?colour=red`, fx.auth), "colour")
      })
    })

    describe("validation", () => {
      it("rejects invalid contracts with a 400 naming the field and creates nothing", async () => {
        const base = { project_id: fx.box.id, customer_id: fx.erika.id, start_date: "2024-01-15", interval_unit: "MONTH" }
        const post = (body: Record<string, unknown>) => api.post(contracts, { ...base, ...body }, fx.auth)

        await expectBadRequest(post({ discount: 10 }), "Unrecognized fields", "discount")
        await expectBadRequest(post({ items: [{ article_id: fx.snackBox.id, price: "1" }] }), "Unrecognized fields", "price")
        await expectBadRequest(post({ start_date: "15.01.2024" }), "start_date: Expected a calendar date YYYY-MM-DD")
        await expectBadRequest(post({ start_date: "2024-02-30" }), "start_date: Expected a calendar date YYYY-MM-DD")
        await expectBadRequest(post({ interval_unit: undefined }), "Field 'interval_unit' is required")
        await expectBadRequest(post({ interval_unit: "QUARTER" }), "for field 'interval_unit'")
        await expectBadRequest(post({ currency_code: "EURO" }), "currency_code: Expected an ISO 4217 currency code")
        await expectBadRequest(post({ minimum_term: { count: 0, unit: "MONTH" } }), "minimum_term, count")
        await expectBadRequest(post({ end_date: "2024-01-14" }), "end_date: 2024-01-14 is before the start date 2024-01-15")
        await expectBadRequest(post({ billed_until: "2023-12-01" }), "billed_until: 2023-12-01 is before the start date 2024-01-15")
        await expectBadRequest(post({ project_id: "bprj_missing" }), 'project_id: project "bprj_missing" does not exist')
        await expectBadRequest(post({ customer_id: "cus_missing" }), 'customer_id: customer "cus_missing" does not exist')
        await expectBadRequest(
          post({ items: [{ article_id: fx.snackBox.id, custom_unit_price: "-1" }] }),
          "items[0].custom_unit_price: Expected a non-negative decimal amount"
        )
        await expectBadRequest(
          post({ items: [{ article_id: fx.snackBox.id, valid_from: "2024-1-20" }] }),
          "items[0].valid_from: Expected a calendar date YYYY-MM-DD"
        )
        await expectBadRequest(post({ items: [{ article_id: fx.snackBox.id, quantity: 0 }] }), "items, 0, quantity")
        await expectBadRequest(
          post({ items: [{ article_id: fx.snackBox.id }, { article_id: "bart_missing" }] }),
          'items[1].article_id: article "bart_missing" does not exist'
        )
        // FAQ story 7: the article's unit must be the contract's interval unit, and it must be of the contract's project.
        await expectBadRequest(
          post({ items: [{ article_id: fx.yearlyBox.id }] }),
          `items[0].article_id: Article "Yearly box" (${fx.yearlyBox.id}) is billed per YEAR but the contract interval is MONTH`
        )
        await expectBadRequest(
          post({ items: [{ article_id: fx.snackBox.id }, { article_id: fx.magazine.id }] }),
          `items[1].article_id: article "Magazine" (${fx.magazine.id}) belongs to project "mag", not to the contract's project`
        )
        await expectBadRequest(
          post({ items: [{ article_id: fx.snackBox.id, valid_from: "2024-01-14" }] }),
          "items[0].valid_from: 2024-01-14 is before the contract's start date 2024-01-15"
        )
        await expectBadRequest(
          post({ items: [{ article_id: fx.snackBox.id, valid_from: "2024-03-01", valid_to: "2024-02-29" }] }),
          "items[0].valid_to: 2024-02-29 is before valid_from 2024-03-01"
        )
        // FAQ story 12: the message names the article, the currency, the quantity and the date without a price.
        await expectBadRequest(
          post({ currency_code: "USD", items: [{ article_id: fx.snackBox.id, quantity: 3 }] }),
          `items[0].article_id: No price for article "Snack box" (${fx.snackBox.id}) in USD for quantity 3 on 2024-01-15`
        )
        await expectBadRequest(
          post({ start_date: "2019-06-01", items: [{ article_id: fx.premiumBox.id }] }),
          `items[0].article_id: No price for article "Premium box" (${fx.premiumBox.id}) in EUR for quantity 1 on 2019-06-01`
        )
        const bulk = await createArticle(api, fx.auth, {
          project_id: fx.box.id,
          article_group_id: fx.articleGroupId,
          number: "BULK",
          name: "Bulk pack",
          unit: "MONTH",
          price_variants: [{ currency_code: "EUR", amount: "5.00", valid_from: "2020-01-01", min_quantity: 10 }],
        })
        await expectBadRequest(
          post({ items: [{ article_id: bulk.id, quantity: 9 }] }),
          `items[0].article_id: No price for article "Bulk pack" (${bulk.id}) in EUR for quantity 9 on 2024-01-15`
        )
        expect((await api.get(contracts, fx.auth)).data.count).toBe(0)

        const withBulk = await createContract(api, fx, { items: [{ article_id: bulk.id, quantity: 10 }] })
        expect(withBulk.items[0].quantity).toBe(10)
        const withCustomPrice = await createContract(api, fx, { currency_code: "USD", items: [{ article_id: fx.snackBox.id, custom_unit_price: "33" }] })
        expect(withCustomPrice.currency_code).toBe("usd")
      })

      it("answers 404 for unknown contract ids on every contract route", async () => {
        const id = "bctr_missing"
        await expectNotFound(api.get(`${contracts}/${id}`, fx.auth), id)
        await expectNotFound(api.post(`${contracts}/${id}`, { payment_method: "card" }, fx.auth), id)
        await expectNotFound(api.delete(`${contracts}/${id}`, fx.auth), id)
        await expectNotFound(api.post(`${contracts}/${id}/activate`, {}, fx.auth), id)
        await expectNotFound(api.post(`${contracts}/${id}/cancel`, { notice_received_on: "2024-01-01" }, fx.auth), id)
        await expectNotFound(api.post(`${contracts}/${id}/end`, {}, fx.auth), id)
        await expectNotFound(api.post(`${contracts}/${id}/change-items`, { date: "2024-01-01", end_item_ids: ["x"] }, fx.auth), id)
        await expectNotFound(api.get(`${contracts}/${id}/preview?as_of=2024-01-01`, fx.auth), id)
        await expectNotFound(api.get(`${contracts}/${id}/activities`, fx.auth), id)
      })

      it("refuses to delete an article still used by a contract item", async () => {
        await createContract(api, fx, { items: [{ article_id: fx.premiumBox.id }] })
        await expectBadRequest(
          api.delete(`/admin/billing/articles/${fx.premiumBox.id}`, fx.auth),
          `article "${fx.premiumBox.id}" is still used by 1 contract items`
        )
        expect((await api.get(`/admin/billing/articles/${fx.premiumBox.id}`, fx.auth)).status).toBe(200)
        const unused = await api.delete(`/admin/billing/articles/${fx.yearlyBox.id}`, fx.auth)
        expect(unused.data.deleted).toBe(true)
      })
    })

    describe("lifecycle", () => {
      it("updates a draft, freezes its calendar once active, and deletes only drafts", async () => {
        const draft = await createContract(api, fx, { items: [{ article_id: fx.snackBox.id }] })
        await expectBadRequest(
          api.post(`${contracts}/${draft.id}`, { start_date: "2024-01-10", payment_method: "card" }, fx.auth),
          "items[0].valid_from: 2024-01-01 is before the contract's start date 2024-01-10"
        )
        const updated = await api.post(
          `${contracts}/${draft.id}`,
          {
            start_date: "2023-12-01",
            interval_count: 2,
            renewal_term: { count: 1, unit: "YEAR" },
            notice_period: { count: 4, unit: "WEEK" },
            payment_method: "card",
            metadata: { source: "import" },
          },
          fx.auth
        )
        expect(updated.status).toBe(200)
        expect(updated.data.contract).toEqual(
          expect.objectContaining({
            id: draft.id,
            start_date: "2023-12-01",
            interval_count: 2,
            renewal_term_count: 1,
            renewal_term_unit: "YEAR",
            notice_period_count: 4,
            notice_period_unit: "WEEK",
            minimum_term_count: null,
            payment_method: "card",
            metadata: { source: "import" },
          })
        )
        const cleared = await api.post(`${contracts}/${draft.id}`, { renewal_term: null }, fx.auth)
        expect(cleared.data.contract).toEqual(expect.objectContaining({ renewal_term_count: null, renewal_term_unit: null, notice_period_count: 4 }))
        await expectBadRequest(api.post(`${contracts}/${draft.id}`, { end_date: "2023-11-30" }, fx.auth), "end_date: 2023-11-30 is before the start date 2023-12-01")
        await expectBadRequest(api.post(`${contracts}/${draft.id}`, { customer_id: "cus_missing" }, fx.auth), 'customer_id: customer "cus_missing" does not exist')
        // A draft's items must still fit a new interval, project or currency (FAQ stories 7 and 12).
        await expectBadRequest(
          api.post(`${contracts}/${draft.id}`, { interval_unit: "WEEK" }, fx.auth),
          `items[0].article_id: Article "Snack box" (${fx.snackBox.id}) is billed per MONTH but the contract interval is WEEK`
        )
        await expectBadRequest(
          api.post(`${contracts}/${draft.id}`, { project_id: fx.mag.id }, fx.auth),
          `items[0].article_id: article "Snack box" (${fx.snackBox.id}) belongs to project "box", not to the contract's project`
        )
        await expectBadRequest(
          api.post(`${contracts}/${draft.id}`, { currency_code: "usd" }, fx.auth),
          `items[0].article_id: No price for article "Snack box" (${fx.snackBox.id}) in USD for quantity 1 on 2024-01-01`
        )
        await expectBadRequest(api.post(`${contracts}/${draft.id}`, { project_id: "bprj_missing" }, fx.auth), 'project_id: project "bprj_missing" does not exist')
        expect((await api.get(`${contracts}/${draft.id}`, fx.auth)).data.contract).toEqual(
          expect.objectContaining({ interval_unit: "MONTH", project_id: fx.box.id, currency_code: "eur" })
        )
        const empty = await createContract(api, fx, {})
        const moved = await api.post(`${contracts}/${empty.id}`, { project_id: fx.mag.id, interval_unit: "WEEK", currency_code: "USD" }, fx.auth)
        expect(moved.data.contract).toEqual(expect.objectContaining({ project_id: fx.mag.id, interval_unit: "WEEK", currency_code: "usd" }))
        await api.delete(`${contracts}/${empty.id}`, fx.auth)
        await expectBadRequest(api.post(`${contracts}/${draft.id}`, { items: [] }, fx.auth), "Unrecognized fields", "items")
        await expectBadRequest(api.post(`${contracts}/${draft.id}`, { status: "active" }, fx.auth), "Unrecognized fields", "status")

        const activated = await api.post(`${contracts}/${draft.id}/activate`, {}, fx.auth)
        expect(activated.status).toBe(200)
        expect(activated.data.contract).toEqual(expect.objectContaining({ id: draft.id, status: "active", activated_at: expect.any(String) }))

        await expectBadRequest(
          api.post(`${contracts}/${draft.id}`, { interval_unit: "WEEK" }, fx.auth),
          `interval_unit: contract ${draft.number} is active; interval_unit can only be changed while it is a draft`
        )
        await expectBadRequest(api.post(`${contracts}/${draft.id}`, { start_date: "2024-01-01" }, fx.auth), "start_date: contract")
        await expectBadRequest(api.post(`${contracts}/${draft.id}`, { currency_code: "USD" }, fx.auth), "currency_code: contract")
        await expectBadRequest(api.post(`${contracts}/${draft.id}`, { customer_id: fx.max.id }, fx.auth), "customer_id: contract")
        const stillActive = await api.get(`${contracts}/${draft.id}`, fx.auth)
        expect(stillActive.data.contract).toEqual(expect.objectContaining({ start_date: "2023-12-01", interval_unit: "MONTH", customer_id: fx.erika.id }))

        const allowed = await api.post(`${contracts}/${draft.id}`, { payment_method: "sepa_debit", notice_period: { count: 1, unit: "MONTH" } }, fx.auth)
        expect(allowed.data.contract).toEqual(expect.objectContaining({ payment_method: "sepa_debit", notice_period_count: 1, notice_period_unit: "MONTH" }))

        await expectBadRequest(
          api.post(`${contracts}/${draft.id}/activate`, {}, fx.auth),
          `status: contract ${draft.number} is active; activation needs status draft`
        )
        await expectBadRequest(
          api.delete(`${contracts}/${draft.id}`, fx.auth),
          `status: contract ${draft.number} is active; deleting needs status draft`
        )
        expect((await api.get(`${contracts}/${draft.id}`, fx.auth)).data.contract.status).toBe("active")

        const other = await createContract(api, fx, {})
        await expectBadRequest(api.post(`${contracts}/${other.id}/activate`, {}, fx.auth), `items: contract ${other.number} has no items to bill`)
        expect((await api.get(`${contracts}/${other.id}`, fx.auth)).data.contract.status).toBe("draft")
        const deleted = await api.delete(`${contracts}/${other.id}`, fx.auth)
        expect(deleted.data).toEqual({ id: other.id, object: "billing_contract", deleted: true })
        await expectNotFound(api.get(`${contracts}/${other.id}`, fx.auth), other.id)
      })

      it("cancels with the end date computed from term, renewal and notice period, then ends", async () => {
        const terms = {
          start_date: "2024-01-15",
          minimum_term: { count: 12, unit: "MONTH" },
          renewal_term: { count: 12, unit: "MONTH" },
          notice_period: { count: 3, unit: "MONTH" },
          items: [{ article_id: fx.snackBox.id }],
        }
        const late = await createContract(api, fx, terms)
        await api.post(`${contracts}/${late.id}/activate`, {}, fx.auth)
        const cancelled = await api.post(`${contracts}/${late.id}/cancel`, { notice_received_on: "2024-10-16" }, fx.auth)
        expect(cancelled.status).toBe(200)
        expect(cancelled.data.end_date).toBe("2026-01-14")
        expect(cancelled.data.contract).toEqual(
          expect.objectContaining({
            id: late.id,
            status: "cancelled",
            end_date: "2026-01-14",
            cancellation_received_on: "2024-10-16",
            cancelled_at: expect.any(String),
          })
        )

        // Notice one day earlier still reaches the end of the minimum term.
        const inTime = await createContract(api, fx, terms)
        const inTimeCancelled = await api.post(`${contracts}/${inTime.id}/cancel`, { notice_received_on: "2024-10-15" }, fx.auth)
        expect(inTimeCancelled.data).toEqual(expect.objectContaining({ end_date: "2025-01-14" }))
        expect(inTimeCancelled.data.contract.status).toBe("cancelled")

        await expectBadRequest(
          api.post(`${contracts}/${late.id}/cancel`, { notice_received_on: "2024-11-01" }, fx.auth),
          `status: contract ${late.number} is cancelled; cancellation needs status draft or active`
        )
        await expectBadRequest(api.post(`${contracts}/${late.id}/cancel`, { notice_received_on: "16.10.2024" }, fx.auth), "notice_received_on: Expected a calendar date")
        await expectBadRequest(api.post(`${contracts}/${late.id}/cancel`, { reason: "moved" }, fx.auth), "Unrecognized fields", "reason")

        const ended = await api.post(`${contracts}/${late.id}/end`, {}, fx.auth)
        expect(ended.status).toBe(200)
        expect(ended.data.contract).toEqual(
          expect.objectContaining({ id: late.id, status: "ended", end_date: "2026-01-14", ended_at: expect.any(String) })
        )
        await expectBadRequest(
          api.post(`${contracts}/${late.id}/end`, {}, fx.auth),
          `status: contract ${late.number} is ended; ending needs status active or cancelled`
        )
        await expectBadRequest(api.post(`${contracts}/${late.id}`, { payment_method: "card" }, fx.auth), `status: contract ${late.number} is ended`)
        await expectBadRequest(
          api.post(`${contracts}/${late.id}/change-items`, { date: "2025-01-01", add: [{ article_id: fx.premiumBox.id }] }, fx.auth),
          `status: contract ${late.number} is ended; changing items needs status draft or active or cancelled`
        )
        // Previews of an ended contract stop at its end date.
        const last = await preview(api, fx, late.id, "2026-12-31")
        const services = lines(last, late.items[0].id).map((l) => l.service)
        expect(services[0]).toBe("2024-01-15..2024-02-14")
        expect(services[services.length - 1]).toBe("2025-12-15..2026-01-14")
        expect(services).toHaveLength(24)
      })

      it("cancels with an explicit end date and ends with an explicit date", async () => {
        const contract = await createContract(api, fx, {
          start_date: "2024-01-01",
          minimum_term: { count: 24, unit: "MONTH" },
          items: [{ article_id: fx.snackBox.id }],
        })
        await api.post(`${contracts}/${contract.id}/activate`, {}, fx.auth)
        await expectBadRequest(
          api.post(`${contracts}/${contract.id}/cancel`, { notice_received_on: "2024-03-01", end_date: "2023-12-31" }, fx.auth),
          "end_date: 2023-12-31 is before the contract's start date 2024-01-01"
        )
        const cancelled = await api.post(
          `${contracts}/${contract.id}/cancel`,
          { notice_received_on: "2024-03-01", end_date: "2024-06-30" },
          fx.auth
        )
        expect(cancelled.data.end_date).toBe("2024-06-30")
        expect(cancelled.data.contract).toEqual(
          expect.objectContaining({ status: "cancelled", end_date: "2024-06-30", cancellation_received_on: "2024-03-01" })
        )
        const cut = await preview(api, fx, contract.id, "2024-12-31")
        expect(lines(cut, contract.items[0].id).map((l) => l.service)).toEqual([
          "2024-01-01..2024-01-31",
          "2024-02-01..2024-02-29",
          "2024-03-01..2024-03-31",
          "2024-04-01..2024-04-30",
          "2024-05-01..2024-05-31",
          "2024-06-01..2024-06-30",
        ])

        const other = await createContract(api, fx, { items: [{ article_id: fx.snackBox.id }] })
        await expectBadRequest(
          api.post(`${contracts}/${other.id}/end`, { end_date: "2024-05-31" }, fx.auth),
          `status: contract ${other.number} is draft; ending needs status active or cancelled`
        )
        await api.post(`${contracts}/${other.id}/activate`, {}, fx.auth)
        await expectBadRequest(api.post(`${contracts}/${other.id}/end`, { end_date: "2023-05-31" }, fx.auth), "end_date: 2023-05-31 is before the contract's start date 2024-01-01")
        await expectBadRequest(api.post(`${contracts}/${other.id}/end`, { end_date: "31.05.2024" }, fx.auth), "end_date: Expected a calendar date")
        const ended = await api.post(`${contracts}/${other.id}/end`, { end_date: "2024-05-31" }, fx.auth)
        expect(ended.data.contract).toEqual(expect.objectContaining({ status: "ended", end_date: "2024-05-31" }))

        const draft = await createContract(api, fx, { items: [{ article_id: fx.snackBox.id }] })
        // Without terms a notice ends the contract on the day it arrives, never earlier.
        const cancelledDraft = await api.post(`${contracts}/${draft.id}/cancel`, { notice_received_on: "2024-02-01" }, fx.auth)
        expect(cancelledDraft.data).toEqual(expect.objectContaining({ end_date: "2024-02-01" }))
        expect(cancelledDraft.data.contract).toEqual(expect.objectContaining({ status: "cancelled", end_date: "2024-02-01" }))
        await expectBadRequest(
          api.post(`${contracts}/${draft.id}/cancel`, { notice_received_on: "2024-03-01" }, fx.auth),
          `status: contract ${draft.number} is cancelled; cancellation needs status draft or active`
        )
        await expectBadRequest(api.delete(`${contracts}/${draft.id}`, fx.auth), `status: contract ${draft.number} is cancelled; deleting needs status draft`)
      })
    })

    describe("changing items", () => {
      it("upgrades: ends item A at a date and adds item B from it", async () => {
        const contract = await createContract(api, fx, { items: [{ article_id: fx.snackBox.id }] })
        await api.post(`${contracts}/${contract.id}/activate`, {}, fx.auth)
        const a = contract.items[0]

        const changed = await api.post(
          `${contracts}/${contract.id}/change-items`,
          { date: "2024-03-15", end_item_ids: [a.id], add: [{ article_id: fx.premiumBox.id, description: "upgrade" }] },
          fx.auth
        )
        expect(changed.status).toBe(200)
        expect(changed.data.ended_item_ids).toEqual([a.id])
        expect(changed.data.created_item_ids).toHaveLength(1)
        const bId = changed.data.created_item_ids[0]
        const items = changed.data.contract.items
        expect(items.find((i: any) => i.id === a.id)).toEqual(
          expect.objectContaining({ article_id: fx.snackBox.id, valid_from: "2024-01-01", valid_to: "2024-03-14" })
        )
        expect(items.find((i: any) => i.id === bId)).toEqual(
          expect.objectContaining({ article_id: fx.premiumBox.id, valid_from: "2024-03-15", valid_to: null, description: "upgrade" })
        )
        expect(items).toHaveLength(2)

        const billed = await preview(api, fx, contract.id, "2024-03-31")
        expect(billed.missing_prices).toEqual([])
        expect(lines(billed, a.id)).toEqual([
          { kind: "charge", period: "2024-01-01..2024-01-31", service: "2024-01-01..2024-01-31", due: "2024-01-01", unit_price: "30", amount: "30.00" },
          { kind: "charge", period: "2024-02-01..2024-02-29", service: "2024-02-01..2024-02-29", due: "2024-02-01", unit_price: "30", amount: "30.00" },
          { kind: "charge", period: "2024-03-01..2024-03-31", service: "2024-03-01..2024-03-14", due: "2024-03-01", unit_price: "30", amount: "13.55" },
        ])
        expect(lines(billed, bId)).toEqual([
          { kind: "charge", period: "2024-03-01..2024-03-31", service: "2024-03-15..2024-03-31", due: "2024-03-01", unit_price: "50", amount: "27.42" },
        ])
        expect(billed.activities).toHaveLength(4)
      })

      it("pauses: ends the item at the pause start and resumes it, billing nothing in between", async () => {
        const contract = await createContract(api, fx, { items: [{ article_id: fx.snackBox.id, quantity: 2 }] })
        await api.post(`${contracts}/${contract.id}/activate`, {}, fx.auth)
        const a = contract.items[0]

        const paused = await api.post(
          `${contracts}/${contract.id}/change-items`,
          { date: "2024-03-10", end_item_ids: [a.id], resume_on: "2024-05-01" },
          fx.auth
        )
        expect(paused.status).toBe(200)
        expect(paused.data.ended_item_ids).toEqual([a.id])
        expect(paused.data.created_item_ids).toHaveLength(1)
        const resumedId = paused.data.created_item_ids[0]
        const items = paused.data.contract.items
        expect(items).toHaveLength(2)
        expect(items.find((i: any) => i.id === a.id)).toEqual(
          expect.objectContaining({ valid_from: "2024-01-01", valid_to: "2024-03-09", quantity: 2 })
        )
        expect(items.find((i: any) => i.id === resumedId)).toEqual(
          expect.objectContaining({ article_id: fx.snackBox.id, valid_from: "2024-05-01", valid_to: null, quantity: 2 })
        )

        const billed = await preview(api, fx, contract.id, "2024-05-31")
        expect(lines(billed, a.id).map((l) => [l.service, l.amount])).toEqual([
          ["2024-01-01..2024-01-31", "60.00"],
          ["2024-02-01..2024-02-29", "60.00"],
          ["2024-03-01..2024-03-09", "17.42"],
        ])
        expect(lines(billed, resumedId).map((l) => [l.service, l.amount])).toEqual([["2024-05-01..2024-05-31", "60.00"]])
        const insidePause = billed.activities.filter((x) => x.service_to >= "2024-03-10" && x.service_from <= "2024-04-30")
        expect(insidePause).toEqual([])
        expect(billed.activities).toHaveLength(4)
      })

      it("pauses in two steps: ends the item now and re-activates it when the customer is back", async () => {
        const contract = await createContract(api, fx, { items: [{ article_id: fx.snackBox.id }] })
        await api.post(`${contracts}/${contract.id}/activate`, {}, fx.auth)
        const a = contract.items[0]
        const change = (body: Record<string, unknown>) => api.post(`${contracts}/${contract.id}/change-items`, body, fx.auth)

        await change({ date: "2024-02-15", end_item_ids: [a.id] })
        const open = await preview(api, fx, contract.id, "2024-04-30")
        expect(lines(open, a.id).map((l) => l.service)).toEqual(["2024-01-01..2024-01-31", "2024-02-01..2024-02-14"])

        const back = await change({ date: "2024-04-10", reactivate_item_ids: [a.id] })
        const [revived] = back.data.created_item_ids
        expect(back.data.contract.items.find((i: any) => i.id === revived)).toEqual(
          expect.objectContaining({ article_id: fx.snackBox.id, quantity: 1, valid_from: "2024-04-10", valid_to: null })
        )
        const billed = await preview(api, fx, contract.id, "2024-05-31")
        expect(lines(billed, revived).map((l) => l.service)).toEqual(["2024-04-10..2024-04-30", "2024-05-01..2024-05-31"])
      })

      it("rejects invalid item changes with a 400 naming the field", async () => {
        const contract = await createContract(api, fx, { items: [{ article_id: fx.snackBox.id }] })
        const other = await createContract(api, fx, { items: [{ article_id: fx.snackBox.id }] })
        const usd = await createContract(api, fx, { currency_code: "USD", items: [{ article_id: fx.premiumBox.id, custom_unit_price: "55" }] })
        const change = (id: string, body: Record<string, unknown>) => api.post(`${contracts}/${id}/change-items`, body, fx.auth)
        const a = contract.items[0]

        await expectBadRequest(
          change(contract.id, { date: "2024-03-01", end_item_ids: ["bcit_missing"] }),
          `end_item_ids[0]: item "bcit_missing" is not on contract ${contract.number}`
        )
        await expectBadRequest(
          change(contract.id, { date: "2024-03-01", end_item_ids: [a.id, other.items[0].id] }),
          `end_item_ids[1]: item "${other.items[0].id}" is not on contract ${contract.number}`
        )
        await expectBadRequest(
          change(contract.id, { date: "2024-03-01" }),
          "end_item_ids, add, reactivate_item_ids: the change neither ends, adds nor re-activates an item"
        )
        await expectBadRequest(
          change(contract.id, { date: "2024-03-01", reactivate_item_ids: [a.id] }),
          `reactivate_item_ids[0]: item "${a.id}" has not ended before 2024-03-01 (valid 2024-01-01 to open end)`
        )
        await expectBadRequest(
          change(contract.id, { date: "2024-03-01", end_item_ids: [a.id], resume_on: "2024-03-01" }),
          "resume_on: 2024-03-01 must be after date 2024-03-01"
        )
        await expectBadRequest(
          change(contract.id, { date: "2024-03-01", add: [{ article_id: fx.premiumBox.id }], resume_on: "2024-04-01" }),
          "resume_on: a pause needs end_item_ids"
        )
        await expectBadRequest(
          change(contract.id, { date: "2024-01-01", end_item_ids: [a.id] }),
          `end_item_ids[0]: item "${a.id}" is not running on 2024-01-01`
        )
        await expectBadRequest(change(contract.id, { date: "01.03.2024", end_item_ids: [a.id] }), "date: Expected a calendar date")
        await expectBadRequest(change(contract.id, { end_item_ids: [a.id] }), "Field 'date' is required")
        await expectBadRequest(
          change(contract.id, { date: "2024-03-01", add: [{ article_id: fx.premiumBox.id, valid_from: "2024-03-01" }] }),
          "Unrecognized fields",
          "valid_from"
        )
        await expectBadRequest(
          change(contract.id, { date: "2024-03-01", add: [{ article_id: fx.yearlyBox.id }] }),
          `add[0].article_id: Article "Yearly box" (${fx.yearlyBox.id}) is billed per YEAR but the contract interval is MONTH`
        )
        await expectBadRequest(
          change(contract.id, { date: "2024-03-01", add: [{ article_id: fx.premiumBox.id }, { article_id: fx.magazine.id }] }),
          `add[1].article_id: article "Magazine" (${fx.magazine.id}) belongs to project "mag", not to the contract's project`
        )
        await expectBadRequest(
          change(contract.id, { date: "2023-12-01", add: [{ article_id: fx.premiumBox.id }] }),
          "add[0].valid_from: 2023-12-01 is before the contract's start date 2024-01-01"
        )
        await expectBadRequest(
          change(usd.id, { date: "2024-03-15", add: [{ article_id: fx.snackBox.id, quantity: 2 }] }),
          `add[0].article_id: No price for article "Snack box" (${fx.snackBox.id}) in USD for quantity 2 on 2024-03-15`
        )

        const limited = await createContract(api, fx, { items: [{ article_id: fx.snackBox.id, valid_to: "2024-06-30" }] })
        await expectBadRequest(
          change(limited.id, { date: "2024-03-10", end_item_ids: [limited.items[0].id], resume_on: "2024-08-01" }),
          `resume_on: item "${limited.items[0].id}" ends on 2024-06-30, before it would resume on 2024-08-01`
        )
        const unchanged = await api.get(`${contracts}/${limited.id}`, fx.auth)
        expect(unchanged.data.contract.items).toEqual([expect.objectContaining({ valid_to: "2024-06-30" })])
        // A pause that ends before the item does brings it back up to its own last day.
        const resumed = await change(limited.id, { date: "2024-03-10", end_item_ids: [limited.items[0].id], resume_on: "2024-05-01" })
        expect(resumed.data.contract.items.map((i: any) => [i.valid_from, i.valid_to]).sort()).toEqual([
          ["2024-01-01", "2024-03-09"],
          ["2024-05-01", "2024-06-30"],
        ])

        // Nothing of the refused changes was written.
        const after = await api.get(`${contracts}/${contract.id}`, fx.auth)
        expect(after.data.contract.items).toEqual([expect.objectContaining({ id: a.id, valid_to: null })])
      })
    })

    describe("billing preview", () => {
      it("bills the FAQ example: start 2020-03-10, every 3 months in advance", async () => {
        const contract = await createContract(api, fx, {
          start_date: "2020-03-10",
          interval_count: 3,
          billing_mode: "advance",
          items: [{ article_id: fx.snackBox.id }],
        })
        const itemId = contract.items[0].id
        const faq = await preview(api, fx, contract.id, "2020-12-09")
        expect(lines(faq, itemId)).toEqual([
          { kind: "charge", period: "2020-03-10..2020-06-09", service: "2020-03-10..2020-06-09", due: "2020-03-10", unit_price: "30", amount: "30.00" },
          { kind: "charge", period: "2020-06-10..2020-09-09", service: "2020-06-10..2020-09-09", due: "2020-06-10", unit_price: "30", amount: "30.00" },
          { kind: "charge", period: "2020-09-10..2020-12-09", service: "2020-09-10..2020-12-09", due: "2020-09-10", unit_price: "30", amount: "30.00" },
        ])
        expect(faq.missing_prices).toEqual([])

        // In advance, the fourth period falls due on its first day, 2020-12-10.
        const yearEnd = await preview(api, fx, contract.id, "2020-12-31")
        expect(lines(yearEnd, itemId).map((l) => [l.service, l.due, l.amount])).toEqual([
          ["2020-03-10..2020-06-09", "2020-03-10", "30.00"],
          ["2020-06-10..2020-09-09", "2020-06-10", "30.00"],
          ["2020-09-10..2020-12-09", "2020-09-10", "30.00"],
          ["2020-12-10..2021-03-09", "2020-12-10", "30.00"],
        ])

        // In arrears a period falls due the day after it ends.
        const arrears = await createContract(api, fx, {
          start_date: "2020-03-10",
          interval_count: 3,
          billing_mode: "arrears",
          items: [{ article_id: fx.snackBox.id }],
        })
        const arrearsPreview = await preview(api, fx, arrears.id, "2020-12-09")
        expect(lines(arrearsPreview, arrears.items[0].id).map((l) => [l.service, l.due])).toEqual([
          ["2020-03-10..2020-06-09", "2020-06-10"],
          ["2020-06-10..2020-09-09", "2020-09-10"],
        ])

        await expectBadRequest(api.get(`${contracts}/${contract.id}/preview?as_of=2020-12-32`, fx.auth), "as_of: Expected a calendar date")
        await expectBadRequest(api.get(`${contracts}/${contract.id}/preview?as_of=2020-12-31&dry=1`, fx.auth), "Unrecognized fields", "dry")
        const byDefault = await api.get(`${contracts}/${contract.id}/preview`, fx.auth)
        expect(byDefault.data.as_of).toBe(new Date().toISOString().slice(0, 10))
        expect(byDefault.data.activities.length).toBeGreaterThan(4)
        // A preview writes nothing.
        const activities = await api.get(`${contracts}/${contract.id}/activities`, fx.auth)
        expect(activities.data).toEqual(expect.objectContaining({ activities: [], count: 0 }))
      })

      it("bills a contract starting in the future only from its start (story 10)", async () => {
        const contract = await createContract(api, fx, { start_date: "2030-01-01", items: [{ article_id: fx.snackBox.id }] })
        await api.post(`${contracts}/${contract.id}/activate`, {}, fx.auth)
        const before = await preview(api, fx, contract.id, "2029-12-31")
        expect(before.activities).toEqual([])
        expect(before.missing_prices).toEqual([])
        const onStart = await preview(api, fx, contract.id, "2030-01-01")
        expect(lines(onStart, contract.items[0].id)).toEqual([
          { kind: "charge", period: "2030-01-01..2030-01-31", service: "2030-01-01..2030-01-31", due: "2030-01-01", unit_price: "30", amount: "30.00" },
        ])
      })

      it("bills a migrated contract only from billed_until, pro rata in the straddling period (story 6)", async () => {
        const contract = await createContract(api, fx, {
          start_date: "2023-01-15",
          billed_until: "2024-03-01",
          items: [{ article_id: fx.snackBox.id }],
        })
        const billed = await preview(api, fx, contract.id, "2024-03-31")
        expect(lines(billed, contract.items[0].id)).toEqual([
          { kind: "charge", period: "2024-02-15..2024-03-14", service: "2024-03-01..2024-03-14", due: "2024-02-15", unit_price: "30", amount: "14.48" },
          { kind: "charge", period: "2024-03-15..2024-04-14", service: "2024-03-15..2024-04-14", due: "2024-03-15", unit_price: "30", amount: "30.00" },
        ])
        expect(billed.activities).toHaveLength(2)
      })

      it("splits a period at a temporary price change (story 9) and uses tier prices", async () => {
        await api.post(
          `/admin/billing/articles/${fx.snackBox.id}/price-variants`,
          {
            price_variants: [
              { currency_code: "EUR", amount: "25.00", valid_from: "2020-07-15" },
              { currency_code: "EUR", amount: "30.00", valid_from: "2020-08-15" },
            ],
          },
          fx.auth
        )
        const contract = await createContract(api, fx, { start_date: "2020-07-01", items: [{ article_id: fx.snackBox.id }] })
        const billed = await preview(api, fx, contract.id, "2020-08-31")
        expect(lines(billed, contract.items[0].id)).toEqual([
          { kind: "charge", period: "2020-07-01..2020-07-31", service: "2020-07-01..2020-07-14", due: "2020-07-01", unit_price: "30", amount: "13.55" },
          { kind: "charge", period: "2020-07-01..2020-07-31", service: "2020-07-15..2020-07-31", due: "2020-07-01", unit_price: "25", amount: "13.71" },
          { kind: "charge", period: "2020-08-01..2020-08-31", service: "2020-08-01..2020-08-14", due: "2020-08-01", unit_price: "25", amount: "11.29" },
          { kind: "charge", period: "2020-08-01..2020-08-31", service: "2020-08-15..2020-08-31", due: "2020-08-01", unit_price: "30", amount: "16.45" },
        ])

        const tier = await createContract(api, fx, {
          start_date: "2024-01-01",
          items: [
            { article_id: fx.snackBox.id, quantity: 10 },
            { article_id: fx.premiumBox.id, quantity: 9 },
            { article_id: fx.premiumBox.id, quantity: 2, custom_unit_price: "40.00" },
          ],
        })
        const tierPreview = await preview(api, fx, tier.id, "2024-01-31")
        const byQuantity = (article: string, quantity: number) =>
          tier.items.find((i: any) => i.article_id === article && i.quantity === quantity && (quantity !== 2 || i.custom_unit_price !== null)).id
        expect(lines(tierPreview, byQuantity(fx.snackBox.id, 10)).map((l) => [l.unit_price, l.amount])).toEqual([["25", "250.00"]])
        expect(lines(tierPreview, byQuantity(fx.premiumBox.id, 9)).map((l) => [l.unit_price, l.amount])).toEqual([["50", "450.00"]])
        expect(lines(tierPreview, byQuantity(fx.premiumBox.id, 2)).map((l) => [l.unit_price, l.amount])).toEqual([["40", "80.00"]])
      })

      it("reports prices that went missing after the contract was created", async () => {
        const contract = await createContract(api, fx, { start_date: "2024-01-01", items: [{ article_id: fx.premiumBox.id }] })
        const variant = fx.premiumBox.price_variants[0]
        await api.delete(`/admin/billing/articles/${fx.premiumBox.id}/price-variants/${variant.id}`, fx.auth)
        const billed = await preview(api, fx, contract.id, "2024-02-15")
        expect(billed.activities).toEqual([])
        expect(billed.missing_prices).toEqual([
          expect.objectContaining({
            article_id: fx.premiumBox.id,
            article_name: "Premium box",
            currency_code: "eur",
            quantity: 1,
            date: "2024-01-01",
            message: `No price for article "Premium box" (${fx.premiumBox.id}) in EUR for quantity 1 on 2024-01-01`,
          }),
        ])
      })
    })

    it("lists no activities for a fresh contract and validates the activity filters", async () => {
      const contract = await createContract(api, fx, { items: [{ article_id: fx.snackBox.id }] })
      await api.post(`${contracts}/${contract.id}/activate`, {}, fx.auth)
      const res = await api.get(`${contracts}/${contract.id}/activities`, fx.auth)
      expect(res.status).toBe(200)
      expect(res.data).toEqual({ activities: [], count: 0, offset: 0, limit: 50 })
      const filtered = await api.get(`${contracts}/${contract.id}/activities?origin=SUBSCRIPTION&due_date[lte]=2024-12-31`, fx.auth)
      expect(filtered.data).toEqual(expect.objectContaining({ activities: [], count: 0 }))
      await expectBadRequest(api.get(`${contracts}/${contract.id}/activities?origin=BOX`, fx.auth), "origin")
      await expectUnauthorized(api.get(`${contracts}/${contract.id}/activities`))
    })

    it("answers 401 on every contract route without an admin token", async () => {
      const contract = await createContract(api, fx, { items: [{ article_id: fx.snackBox.id }] })
      const id = contract.id
      await expectUnauthorized(api.get(contracts))
      await expectUnauthorized(api.post(contracts, { project_id: fx.box.id, customer_id: fx.erika.id, start_date: "2024-01-01", interval_unit: "MONTH" }))
      await expectUnauthorized(api.get(`${contracts}/${id}`))
      await expectUnauthorized(api.post(`${contracts}/${id}`, { payment_method: "card" }))
      await expectUnauthorized(api.delete(`${contracts}/${id}`))
      await expectUnauthorized(api.post(`${contracts}/${id}/activate`, {}))
      await expectUnauthorized(api.post(`${contracts}/${id}/cancel`, { notice_received_on: "2024-01-01" }))
      await expectUnauthorized(api.post(`${contracts}/${id}/end`, {}))
      await expectUnauthorized(api.post(`${contracts}/${id}/change-items`, { date: "2024-02-01", end_item_ids: [contract.items[0].id] }))
      await expectUnauthorized(api.get(`${contracts}/${id}/preview?as_of=2024-01-31`))
      await expectUnauthorized(api.get(`${contracts}/${id}/activities`))
      const unchanged = await api.get(`${contracts}/${id}`, fx.auth)
      expect(unchanged.data.contract).toEqual(expect.objectContaining({ status: "draft", payment_method: "invoice" }))
      expect(unchanged.data.contract.items).toEqual([expect.objectContaining({ valid_to: null })])
    })
  },
})
