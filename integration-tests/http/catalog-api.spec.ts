import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminHeaders } from "../helpers/admin"
import { createArticle, createProject, createTaxSetup } from "../helpers/catalog"
import {
  AuthHeaders,
  createSalesChannel,
  expectBadRequest,
  expectNotFound,
  expectUnauthorized,
} from "../helpers/http"

jest.setTimeout(60_000)

const MISSING_ID = "bprj_01DOESNOTEXIST0000000000"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let auth: AuthHeaders

    // The runner restores the database before every test, so each test builds its own fixtures.
    beforeEach(async () => {
      auth = await adminHeaders(getContainer())
    })

    describe("projects", () => {
      it("creates, retrieves, updates, lists and deletes projects", async () => {
        const channel = await createSalesChannel(getContainer(), "Box shop")
        const created = await api.post(
          "/admin/billing/projects",
          { code: "box", name: "Subscription Box", sales_channel_id: channel.id, default_currency_code: "USD", metadata: { a: 1 } },
          auth
        )
        expect(created.status).toBe(201)
        const project = created.data.project
        expect(project).toEqual(
          expect.objectContaining({
            id: expect.stringMatching(/^bprj_/),
            code: "box",
            name: "Subscription Box",
            description: null,
            sales_channel_id: channel.id,
            default_currency_code: "usd",
            contract_number_prefix: "V-",
            metadata: { a: 1 },
          })
        )

        const defaults = await createProject(api, auth, { code: "mag", name: "Magazine" })
        expect(defaults).toEqual(
          expect.objectContaining({ default_currency_code: "eur", contract_number_prefix: "V-", sales_channel_id: null })
        )

        const fetched = await api.get(`/admin/billing/projects/${project.id}`, auth)
        expect(fetched.status).toBe(200)
        expect(fetched.data.project).toEqual(expect.objectContaining({ id: project.id, code: "box", sales_channel_id: channel.id }))

        const updated = await api.post(
          `/admin/billing/projects/${project.id}`,
          { name: "Snack Box", contract_number_prefix: "SB-", description: "monthly snacks" },
          auth
        )
        expect(updated.status).toBe(200)
        expect(updated.data.project).toEqual(
          expect.objectContaining({ id: project.id, code: "box", name: "Snack Box", contract_number_prefix: "SB-", description: "monthly snacks" })
        )

        await createProject(api, auth, { code: "tea", name: "Tea Club" })
        const page1 = await api.get("/admin/billing/projects?limit=2&offset=0&order=code", auth)
        expect(page1.data).toEqual(expect.objectContaining({ count: 3, limit: 2, offset: 0 }))
        expect(page1.data.projects.map((p: any) => p.code)).toEqual(["box", "mag"])
        const page2 = await api.get("/admin/billing/projects?limit=2&offset=2&order=code", auth)
        expect(page2.data).toEqual(expect.objectContaining({ count: 3, limit: 2, offset: 2 }))
        expect(page2.data.projects.map((p: any) => p.code)).toEqual(["tea"])

        const searched = await api.get("/admin/billing/projects?q=snack", auth)
        expect(searched.data.projects.map((p: any) => p.id)).toEqual([project.id])
        expect(searched.data.count).toBe(1)
        const byChannel = await api.get(`/admin/billing/projects?sales_channel_id=${channel.id}`, auth)
        expect(byChannel.data.projects.map((p: any) => p.code)).toEqual(["box"])
        const byCode = await api.get("/admin/billing/projects?code=tea", auth)
        expect(byCode.data.projects.map((p: any) => p.code)).toEqual(["tea"])

        const deleted = await api.delete(`/admin/billing/projects/${defaults.id}`, auth)
        expect(deleted.status).toBe(200)
        expect(deleted.data).toEqual({ id: defaults.id, object: "billing_project", deleted: true })
        await expectNotFound(api.get(`/admin/billing/projects/${defaults.id}`, auth), defaults.id)
        const after = await api.get("/admin/billing/projects?order=code", auth)
        expect(after.data.projects.map((p: any) => p.code)).toEqual(["box", "tea"])
      })

      it("rejects invalid project requests with a 400 naming the field, and unknown ids with a 404", async () => {
        await expectBadRequest(api.post("/admin/billing/projects", { code: "box" }, auth), "Field 'name' is required")
        await expectBadRequest(
          api.post("/admin/billing/projects", { code: "box", name: "Box", colour: "red" }, auth),
          "Unrecognized fields",
          "colour"
        )
        await expectBadRequest(
          api.post("/admin/billing/projects", { code: "box", name: "Box", default_currency_code: "EURO" }, auth),
          "default_currency_code: Expected an ISO 4217 currency code"
        )
        await expectBadRequest(
          api.post("/admin/billing/projects", { code: "box", name: "Box", sales_channel_id: "sc_missing" }, auth),
          "sales_channel_id",
          "sc_missing"
        )
        const project = await createProject(api, auth, { code: "box", name: "Box" })
        await expectBadRequest(
          api.post(`/admin/billing/projects/${project.id}`, { sales_channel_id: "sc_missing" }, auth),
          "sales_channel_id",
          "sc_missing"
        )
        await expectBadRequest(api.post(`/admin/billing/projects/${project.id}`, { id: "other" }, auth), "Unrecognized fields", "id")
        const list = await api.get("/admin/billing/projects", auth)
        expect(list.data.projects.map((p: any) => p.code)).toEqual(["box"])

        await expectNotFound(api.get(`/admin/billing/projects/${MISSING_ID}`, auth), MISSING_ID)
        await expectNotFound(api.post(`/admin/billing/projects/${MISSING_ID}`, { name: "x" }, auth), MISSING_ID)
        await expectNotFound(api.delete(`/admin/billing/projects/${MISSING_ID}`, auth), MISSING_ID)

        const { articleGroup } = await createTaxSetup(api, auth)
        await createArticle(api, auth, {
          project_id: project.id,
          article_group_id: articleGroup.id,
          number: "A1",
          name: "Box",
          unit: "MONTH",
        })
        await expectBadRequest(api.delete(`/admin/billing/projects/${project.id}`, auth), `project "${project.id}"`, "1 articles")
        expect((await api.get(`/admin/billing/projects/${project.id}`, auth)).status).toBe(200)
      })
    })

    describe("tax groups", () => {
      it("creates standard and small-business groups, manages dated rates, updates, lists and deletes", async () => {
        const created = await api.post(
          "/admin/billing/tax-groups",
          {
            code: "vat19",
            name: "Germany 19 %",
            rates: [
              { rate: "19", valid_from: "2019-01-01" },
              { rate: 16, valid_from: "2020-07-01" },
            ],
          },
          auth
        )
        expect(created.status).toBe(201)
        const standard = created.data.tax_group
        expect(standard).toEqual(
          expect.objectContaining({
            id: expect.stringMatching(/^btxg_/),
            code: "vat19",
            name: "Germany 19 %",
            kind: "standard",
            country_code: "de",
            legal_note: null,
          })
        )
        expect(standard.rates.map((r: any) => [Number(r.rate), r.valid_from]).sort()).toEqual([
          [16, "2020-07-01"],
          [19, "2019-01-01"],
        ])

        const small = (
          await api.post(
            "/admin/billing/tax-groups",
            { code: "kur", name: "Kleinunternehmer", kind: "small_business", rates: [{ rate: 0, valid_from: "2020-01-01" }] },
            auth
          )
        ).data.tax_group
        expect(small).toEqual(
          expect.objectContaining({ kind: "small_business", legal_note: "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet." })
        )
        const smallWithoutRates = (
          await api.post("/admin/billing/tax-groups", { code: "kur2", name: "Kleinunternehmer 2", kind: "small_business", country_code: "AT" }, auth)
        ).data.tax_group
        expect(smallWithoutRates).toEqual(expect.objectContaining({ kind: "small_business", country_code: "at", rates: [] }))

        const withRate = await api.post(`/admin/billing/tax-groups/${standard.id}/rates`, { rate: "19", valid_from: "2021-01-01" }, auth)
        expect(withRate.status).toBe(201)
        expect(withRate.data.tax_group.rates.map((r: any) => r.valid_from).sort()).toEqual(["2019-01-01", "2020-07-01", "2021-01-01"])
        const cut = withRate.data.tax_group.rates.find((r: any) => r.valid_from === "2020-07-01")

        const removed = await api.delete(`/admin/billing/tax-groups/${standard.id}/rates/${cut.id}`, auth)
        expect(removed.data).toEqual({ id: cut.id, object: "billing_tax_rate", deleted: true })
        const afterRemoval = await api.get(`/admin/billing/tax-groups/${standard.id}`, auth)
        expect(afterRemoval.data.tax_group.rates.map((r: any) => r.valid_from).sort()).toEqual(["2019-01-01", "2021-01-01"])

        const updated = await api.post(`/admin/billing/tax-groups/${standard.id}`, { name: "Regelsteuersatz", legal_note: "note" }, auth)
        expect(updated.data.tax_group).toEqual(expect.objectContaining({ id: standard.id, name: "Regelsteuersatz", legal_note: "note", kind: "standard" }))

        const page = await api.get("/admin/billing/tax-groups?limit=2&offset=1&order=code", auth)
        expect(page.data).toEqual(expect.objectContaining({ count: 3, limit: 2, offset: 1 }))
        expect(page.data.tax_groups.map((g: any) => g.code)).toEqual(["kur2", "vat19"])
        const byKind = await api.get("/admin/billing/tax-groups?kind=small_business&order=code", auth)
        expect(byKind.data.tax_groups.map((g: any) => g.code)).toEqual(["kur", "kur2"])
        const searched = await api.get("/admin/billing/tax-groups?q=regel", auth)
        expect(searched.data.tax_groups.map((g: any) => g.code)).toEqual(["vat19"])

        const deleted = await api.delete(`/admin/billing/tax-groups/${small.id}`, auth)
        expect(deleted.data).toEqual({ id: small.id, object: "billing_tax_group", deleted: true })
        await expectNotFound(api.get(`/admin/billing/tax-groups/${small.id}`, auth))
      })

      it("rejects invalid tax groups and rates with a 400 naming the field", async () => {
        await expectBadRequest(
          api.post("/admin/billing/tax-groups", { code: "vat", name: "VAT" }, auth),
          "rates: a standard tax group needs at least one rate"
        )
        await expectBadRequest(
          api.post("/admin/billing/tax-groups", { code: "vat", name: "VAT", rates: [] }, auth),
          "rates: a standard tax group needs at least one rate"
        )
        await expectBadRequest(
          api.post(
            "/admin/billing/tax-groups",
            { code: "kur", name: "KUR", kind: "small_business", rates: [{ rate: "19", valid_from: "2020-01-01" }] },
            auth
          ),
          "rates[0].rate",
          "must be 0"
        )
        await expectBadRequest(
          api.post("/admin/billing/tax-groups", { code: "vat", name: "VAT", rates: [{ rate: "19", valid_from: "01.01.2020" }] }, auth),
          "rates[0].valid_from: Expected a calendar date YYYY-MM-DD"
        )
        await expectBadRequest(
          api.post("/admin/billing/tax-groups", { code: "vat", name: "VAT", rates: [{ rate: "119", valid_from: "2020-01-01" }] }, auth),
          "rates[0].rate: Expected a VAT rate in percent between 0 and 100"
        )
        await expectBadRequest(
          api.post(
            "/admin/billing/tax-groups",
            { code: "vat", name: "VAT", rates: [{ rate: "19", valid_from: "2020-01-01" }, { rate: "7", valid_from: "2020-01-01" }] },
            auth
          ),
          "rates[1].valid_from"
        )
        await expectBadRequest(
          api.post("/admin/billing/tax-groups", { code: "vat", name: "VAT", kind: "luxury", rates: [{ rate: "19", valid_from: "2020-01-01" }] }, auth),
          "for field 'kind'"
        )
        await expectBadRequest(
          api.post("/admin/billing/tax-groups", { code: "vat", name: "VAT", percent: 19, rates: [{ rate: "19", valid_from: "2020-01-01" }] }, auth),
          "Unrecognized fields",
          "percent"
        )
        expect((await api.get("/admin/billing/tax-groups", auth)).data.count).toBe(0)

        const { taxGroup, articleGroup } = await createTaxSetup(api, auth)
        const clash = await expectBadRequest(api.post(`/admin/billing/tax-groups/${taxGroup.id}/rates`, { rate: "7", valid_from: "2020-01-01" }, auth))
        expect(clash).toBe('valid_from: tax group "vat19" already has a rate valid from 2020-01-01')
        await expectBadRequest(
          api.post(`/admin/billing/tax-groups/${taxGroup.id}/rates`, { rate: "7", valid_from: "2020-13-01" }, auth),
          "valid_from: Expected a calendar date YYYY-MM-DD"
        )
        await expectBadRequest(
          api.post(`/admin/billing/tax-groups/${taxGroup.id}`, { kind: "tax_free" }, auth),
          "Unrecognized fields",
          "kind"
        )
        const kur = (await api.post("/admin/billing/tax-groups", { code: "kur", name: "KUR", kind: "small_business" }, auth)).data.tax_group
        const notZero = await expectBadRequest(api.post(`/admin/billing/tax-groups/${kur.id}/rates`, { rate: "19", valid_from: "2020-01-01" }, auth))
        expect(notZero).toBe("rate: a small business tax group charges no VAT, so its rate must be 0")
        await expectBadRequest(
          api.delete(`/admin/billing/tax-groups/${taxGroup.id}`, auth),
          `tax group "${taxGroup.id}"`,
          "1 article groups"
        )
        const stillThere = await api.get(`/admin/billing/tax-groups/${taxGroup.id}`, auth)
        expect(stillThere.data.tax_group.rates).toHaveLength(1)

        const otherRate = (await api.get(`/admin/billing/tax-groups/${taxGroup.id}`, auth)).data.tax_group.rates[0]
        await expectBadRequest(
          api.delete(`/admin/billing/tax-groups/${taxGroup.id}/rates/${otherRate.id}`, auth),
          `rate_id: tax rate "${otherRate.id}" is the only rate of standard tax group "vat19"`
        )
        expect((await api.get(`/admin/billing/tax-groups/${taxGroup.id}`, auth)).data.tax_group.rates).toHaveLength(1)
        await expectNotFound(api.delete(`/admin/billing/tax-groups/${kur.id}/rates/${otherRate.id}`, auth), "does not belong")
        await expectNotFound(api.delete(`/admin/billing/tax-groups/${taxGroup.id}/rates/btxr_missing`, auth), "btxr_missing")
        await expectNotFound(api.get("/admin/billing/tax-groups/btxg_missing", auth), "btxg_missing")
        await expectNotFound(api.post("/admin/billing/tax-groups/btxg_missing", { name: "x" }, auth), "btxg_missing")
        await expectNotFound(api.delete("/admin/billing/tax-groups/btxg_missing", auth), "btxg_missing")
        await expectNotFound(api.post("/admin/billing/tax-groups/btxg_missing/rates", { rate: "7", valid_from: "2020-01-01" }, auth), "btxg_missing")
        expect(articleGroup.tax_group.id).toBe(taxGroup.id)
      })
    })

    describe("article groups", () => {
      it("creates, retrieves, updates, lists, deletes and validates article groups", async () => {
        const { taxGroup } = await createTaxSetup(api, auth, "vat19")
        const reduced = (
          await api.post("/admin/billing/tax-groups", { code: "vat7", name: "VAT 7", rates: [{ rate: "7", valid_from: "2020-01-01" }] }, auth)
        ).data.tax_group

        const created = await api.post("/admin/billing/article-groups", { code: "books", name: "Books", tax_group_id: reduced.id }, auth)
        expect(created.status).toBe(201)
        const books = created.data.article_group
        expect(books).toEqual(
          expect.objectContaining({
            id: expect.stringMatching(/^bagr_/),
            code: "books",
            name: "Books",
            tax_group: expect.objectContaining({ id: reduced.id, code: "vat7", kind: "standard" }),
          })
        )
        const fetched = await api.get(`/admin/billing/article-groups/${books.id}`, auth)
        expect(fetched.data.article_group).toEqual(expect.objectContaining({ id: books.id, code: "books" }))

        const updated = await api.post(`/admin/billing/article-groups/${books.id}`, { name: "E-Books", tax_group_id: taxGroup.id }, auth)
        expect(updated.data.article_group).toEqual(
          expect.objectContaining({ id: books.id, name: "E-Books", tax_group: expect.objectContaining({ id: taxGroup.id }) })
        )

        await api.post("/admin/billing/article-groups", { code: "food", name: "Food", tax_group_id: reduced.id }, auth)
        const page = await api.get("/admin/billing/article-groups?limit=1&offset=1&order=code", auth)
        expect(page.data).toEqual(expect.objectContaining({ count: 3, limit: 1, offset: 1 }))
        expect(page.data.article_groups.map((g: any) => g.code)).toEqual(["books"])
        const byTaxGroup = await api.get(`/admin/billing/article-groups?tax_group_id=${reduced.id}`, auth)
        expect(byTaxGroup.data.article_groups.map((g: any) => g.code)).toEqual(["food"])
        const searched = await api.get("/admin/billing/article-groups?q=e-bo", auth)
        expect(searched.data.article_groups.map((g: any) => g.code)).toEqual(["books"])

        await expectBadRequest(
          api.post("/admin/billing/article-groups", { code: "x", name: "X", tax_group_id: "btxg_missing" }, auth),
          "tax_group_id",
          "btxg_missing"
        )
        await expectBadRequest(
          api.post(`/admin/billing/article-groups/${books.id}`, { tax_group_id: "btxg_missing" }, auth),
          "tax_group_id",
          "btxg_missing"
        )
        await expectBadRequest(api.post("/admin/billing/article-groups", { code: "x", name: "X" }, auth), "Field 'tax_group_id' is required")
        await expectBadRequest(
          api.post("/admin/billing/article-groups", { code: "x", name: "X", tax_group_id: reduced.id, rate: 7 }, auth),
          "Unrecognized fields",
          "rate"
        )

        const project = await createProject(api, auth, { code: "box", name: "Box" })
        await createArticle(api, auth, { project_id: project.id, article_group_id: books.id, number: "B1", name: "Book", unit: "MONTH" })
        await expectBadRequest(api.delete(`/admin/billing/article-groups/${books.id}`, auth), `article group "${books.id}"`, "1 articles")

        const food = byTaxGroup.data.article_groups[0]
        const deleted = await api.delete(`/admin/billing/article-groups/${food.id}`, auth)
        expect(deleted.data).toEqual({ id: food.id, object: "billing_article_group", deleted: true })
        await expectNotFound(api.get(`/admin/billing/article-groups/${food.id}`, auth), food.id)
        await expectNotFound(api.post("/admin/billing/article-groups/bagr_missing", { name: "x" }, auth), "bagr_missing")
        await expectNotFound(api.delete("/admin/billing/article-groups/bagr_missing", auth), "bagr_missing")
      })
    })

    describe("articles and price variants", () => {
      let project: any
      let other: any
      let articleGroup: any

      beforeEach(async () => {
        project = await createProject(api, auth, { code: "box", name: "Box" })
        other = await createProject(api, auth, { code: "mag", name: "Magazine" })
        articleGroup = (await createTaxSetup(api, auth)).articleGroup
      })

      it("creates articles with price variants, retrieves, updates, lists with filters and deletes them", async () => {
        const created = await api.post(
          "/admin/billing/articles",
          {
            project_id: project.id,
            article_group_id: articleGroup.id,
            number: "BOX-M",
            name: "Snack box monthly",
            kind: "subscription",
            unit: "MONTH",
            price_variants: [
              { currency_code: "EUR", amount: "29.90", valid_from: "2020-01-01" },
              { currency_code: "eur", amount: "24.5", valid_from: "2020-01-01", min_quantity: 10 },
              { currency_code: "usd", amount: 35, valid_from: "2020-01-01" },
            ],
          },
          auth
        )
        expect(created.status).toBe(201)
        const box = created.data.article
        expect(box).toEqual(
          expect.objectContaining({
            id: expect.stringMatching(/^bart_/),
            number: "BOX-M",
            name: "Snack box monthly",
            kind: "subscription",
            unit: "MONTH",
            product_variant_id: null,
            project: expect.objectContaining({ id: project.id, code: "box" }),
            article_group: expect.objectContaining({ id: articleGroup.id }),
          })
        )
        const prices = box.price_variants
          .map((v: any) => [v.currency_code, Number(v.amount), v.valid_from, v.min_quantity])
          .sort((a: any[], b: any[]) => `${a[0]}${a[3]}`.localeCompare(`${b[0]}${b[3]}`))
        expect(prices).toEqual([
          ["eur", 29.9, "2020-01-01", 1],
          ["eur", 24.5, "2020-01-01", 10],
          ["usd", 35, "2020-01-01", 1],
        ])

        const setup = await createArticle(api, auth, {
          project_id: project.id,
          article_group_id: articleGroup.id,
          number: "SETUP",
          name: "Setup fee",
          kind: "one_time",
        })
        expect(setup).toEqual(expect.objectContaining({ kind: "one_time", unit: null, price_variants: [] }))
        const usage = await createArticle(api, auth, {
          project_id: other.id,
          article_group_id: articleGroup.id,
          number: "SMS",
          name: "SMS usage",
          kind: "usage",
          unit: null,
        })
        expect(usage).toEqual(expect.objectContaining({ kind: "usage", unit: null }))

        const fetched = await api.get(`/admin/billing/articles/${box.id}`, auth)
        expect(fetched.data.article).toEqual(expect.objectContaining({ id: box.id, number: "BOX-M" }))
        expect(fetched.data.article.price_variants).toHaveLength(3)

        const updated = await api.post(`/admin/billing/articles/${box.id}`, { name: "Snack box", description: "12 snacks", metadata: { sku: "x" } }, auth)
        expect(updated.data.article).toEqual(
          expect.objectContaining({ id: box.id, name: "Snack box", description: "12 snacks", metadata: { sku: "x" }, unit: "MONTH" })
        )

        const byProject = await api.get(`/admin/billing/articles?project_id=${project.id}&order=number`, auth)
        expect(byProject.data.articles.map((a: any) => a.number)).toEqual(["BOX-M", "SETUP"])
        expect(byProject.data.count).toBe(2)
        const byKind = await api.get("/admin/billing/articles?kind=usage", auth)
        expect(byKind.data.articles.map((a: any) => a.number)).toEqual(["SMS"])
        const byKinds = await api.get("/admin/billing/articles?kind[]=usage&kind[]=one_time&order=number", auth)
        expect(byKinds.data.articles.map((a: any) => a.number)).toEqual(["SETUP", "SMS"])
        const searched = await api.get("/admin/billing/articles?q=snack", auth)
        expect(searched.data.articles.map((a: any) => a.number)).toEqual(["BOX-M"])
        const page = await api.get("/admin/billing/articles?limit=1&offset=2&order=number", auth)
        expect(page.data).toEqual(expect.objectContaining({ count: 3, limit: 1, offset: 2 }))
        expect(page.data.articles.map((a: any) => a.number)).toEqual(["SMS"])

        const deleted = await api.delete(`/admin/billing/articles/${setup.id}`, auth)
        expect(deleted.data).toEqual({ id: setup.id, object: "billing_article", deleted: true })
        await expectNotFound(api.get(`/admin/billing/articles/${setup.id}`, auth), setup.id)
      })

      it("adds, updates and deletes price variants", async () => {
        const box = await createArticle(api, auth, {
          project_id: project.id,
          article_group_id: articleGroup.id,
          number: "BOX",
          name: "Box",
          unit: "MONTH",
          price_variants: [{ currency_code: "eur", amount: "30", valid_from: "2020-01-01" }],
        })
        const added = await api.post(
          `/admin/billing/articles/${box.id}/price-variants`,
          {
            price_variants: [
              { currency_code: "EUR", amount: "25.00", valid_from: "2020-07-01" },
              { currency_code: "EUR", amount: "20", valid_from: "2020-07-01", min_quantity: 5 },
            ],
          },
          auth
        )
        expect(added.status).toBe(201)
        expect(added.data.article.id).toBe(box.id)
        const variants = added.data.article.price_variants
        expect(variants.map((v: any) => [v.valid_from, v.min_quantity, Number(v.amount)]).sort()).toEqual([
          ["2020-01-01", 1, 30],
          ["2020-07-01", 1, 25],
          ["2020-07-01", 5, 20],
        ])
        const july = variants.find((v: any) => v.valid_from === "2020-07-01" && v.min_quantity === 1)

        const updated = await api.post(`/admin/billing/articles/${box.id}/price-variants/${july.id}`, { amount: "26.50" }, auth)
        expect(updated.status).toBe(200)
        expect(Number(updated.data.article.price_variants.find((v: any) => v.id === july.id).amount)).toBe(26.5)

        const deleted = await api.delete(`/admin/billing/articles/${box.id}/price-variants/${july.id}`, auth)
        expect(deleted.data).toEqual({ id: july.id, object: "billing_price_variant", deleted: true })
        const after = await api.get(`/admin/billing/articles/${box.id}`, auth)
        expect(after.data.article.price_variants.map((v: any) => v.id)).not.toContain(july.id)
        expect(after.data.article.price_variants).toHaveLength(2)
      })

      it("rejects invalid articles and price variants with a 400 naming the field, and unknown ids with a 404", async () => {
        const base = { project_id: project.id, article_group_id: articleGroup.id, number: "A", name: "A" }
        await expectBadRequest(
          api.post("/admin/billing/articles", { ...base, kind: "subscription" }, auth),
          "unit: a subscription article needs a unit"
        )
        await expectBadRequest(
          api.post("/admin/billing/articles", { ...base, kind: "one_time", unit: "MONTH" }, auth),
          "unit: a one-time article has no unit"
        )
        await expectBadRequest(api.post("/admin/billing/articles", { ...base, kind: "usage", unit: "DAY" }, auth), "unit: a usage article has no unit")
        await expectBadRequest(api.post("/admin/billing/articles", { ...base, kind: "subscription", unit: "HOUR" }, auth), "for field 'unit'")
        await expectBadRequest(
          api.post("/admin/billing/articles", { ...base, kind: "rental", unit: "MONTH" }, auth),
          "for field 'kind'"
        )
        await expectBadRequest(
          api.post(
            "/admin/billing/articles",
            {
              ...base,
              kind: "subscription",
              unit: "MONTH",
              price_variants: [
                { currency_code: "EUR", amount: "10", valid_from: "2020-01-01" },
                { currency_code: "eur", amount: "12", valid_from: "2020-01-01" },
              ],
            },
            auth
          ),
          "price_variants[1]",
          "EUR from 2020-01-01 for minimum quantity 1"
        )
        await expectBadRequest(
          api.post(
            "/admin/billing/articles",
            { ...base, kind: "subscription", unit: "MONTH", price_variants: [{ currency_code: "EUR", amount: "-1", valid_from: "2020-01-01" }] },
            auth
          ),
          "price_variants[0].amount: Expected a non-negative decimal amount"
        )
        await expectBadRequest(
          api.post(
            "/admin/billing/articles",
            { ...base, kind: "subscription", unit: "MONTH", price_variants: [{ currency_code: "EU", amount: "1", valid_from: "2020-01-01" }] },
            auth
          ),
          "price_variants[0].currency_code: Expected an ISO 4217 currency code"
        )
        await expectBadRequest(
          api.post(
            "/admin/billing/articles",
            { ...base, kind: "subscription", unit: "MONTH", price_variants: [{ currency_code: "EUR", amount: "1", valid_from: "2020-1-1" }] },
            auth
          ),
          "price_variants[0].valid_from: Expected a calendar date YYYY-MM-DD"
        )
        await expectBadRequest(
          api.post(
            "/admin/billing/articles",
            { ...base, kind: "subscription", unit: "MONTH", price_variants: [{ currency_code: "EUR", amount: "1", valid_from: "2020-01-01", min_quantity: 0 }] },
            auth
          ),
          "Value for field 'price_variants, 0, min_quantity' too small"
        )
        await expectBadRequest(
          api.post("/admin/billing/articles", { ...base, project_id: "bprj_missing", kind: "subscription", unit: "MONTH" }, auth),
          "project_id",
          "bprj_missing"
        )
        await expectBadRequest(
          api.post("/admin/billing/articles", { ...base, article_group_id: "bagr_missing", kind: "subscription", unit: "MONTH" }, auth),
          "article_group_id",
          "bagr_missing"
        )
        await expectBadRequest(
          api.post("/admin/billing/articles", { ...base, product_variant_id: "variant_missing", kind: "one_time" }, auth),
          "product_variant_id",
          "variant_missing"
        )
        await expectBadRequest(
          api.post("/admin/billing/articles", { ...base, kind: "one_time", vat: 19 }, auth),
          "Unrecognized fields",
          "vat"
        )
        expect((await api.get("/admin/billing/articles", auth)).data.count).toBe(0)

        const box = await createArticle(api, auth, {
          ...base,
          unit: "MONTH",
          price_variants: [{ currency_code: "EUR", amount: "10", valid_from: "2020-01-01" }],
        })
        await expectBadRequest(api.post(`/admin/billing/articles/${box.id}`, { unit: "YEAR" }, auth), "Unrecognized fields", "unit")
        await expectBadRequest(
          api.post(`/admin/billing/articles/${box.id}`, { article_group_id: "bagr_missing" }, auth),
          "article_group_id",
          "bagr_missing"
        )
        await expectBadRequest(
          api.post(
            `/admin/billing/articles/${box.id}/price-variants`,
            { price_variants: [{ currency_code: "EUR", amount: "11", valid_from: "2020-01-01" }] },
            auth
          ),
          "price_variants[0]",
          "EUR from 2020-01-01"
        )
        await expectBadRequest(api.post(`/admin/billing/articles/${box.id}/price-variants`, { price_variants: [] }, auth), "Value for field 'price_variants' too small")
        await expectBadRequest(
          api.post(
            `/admin/billing/articles/${box.id}/price-variants`,
            { price_variants: [{ currency_code: "EUR", amount: "1.23456", valid_from: "2021-01-01" }] },
            auth
          ),
          "price_variants[0].amount: At most 4 decimals"
        )
        const variant = (await api.get(`/admin/billing/articles/${box.id}`, auth)).data.article.price_variants[0]
        await expectBadRequest(
          api.post(`/admin/billing/articles/${box.id}/price-variants/${variant.id}`, { amount: "-5" }, auth),
          "amount: Expected a non-negative decimal amount"
        )
        await expectBadRequest(
          api.post(`/admin/billing/articles/${box.id}/price-variants/${variant.id}`, { amount: "5", valid_from: "2021-01-01" }, auth),
          "Unrecognized fields",
          "valid_from"
        )
        expect(Number((await api.get(`/admin/billing/articles/${box.id}`, auth)).data.article.price_variants[0].amount)).toBe(10)

        const second = await createArticle(api, auth, { ...base, number: "B", unit: "MONTH" })
        await expectNotFound(api.post(`/admin/billing/articles/${second.id}/price-variants/${variant.id}`, { amount: "5" }, auth), "does not belong")
        await expectNotFound(api.delete(`/admin/billing/articles/${second.id}/price-variants/${variant.id}`, auth), "does not belong")
        await expectNotFound(api.delete(`/admin/billing/articles/${box.id}/price-variants/bprv_missing`, auth), "bprv_missing")
        await expectNotFound(api.get("/admin/billing/articles/bart_missing", auth), "bart_missing")
        await expectNotFound(api.post("/admin/billing/articles/bart_missing", { name: "x" }, auth), "bart_missing")
        await expectNotFound(api.delete("/admin/billing/articles/bart_missing", auth), "bart_missing")
        await expectNotFound(
          api.post(
            "/admin/billing/articles/bart_missing/price-variants",
            { price_variants: [{ currency_code: "EUR", amount: "1", valid_from: "2020-01-01" }] },
            auth
          ),
          "bart_missing"
        )
      })
    })

    it("answers 401 on every catalog route without an admin token", async () => {
      const id = "x_1"
      await expectUnauthorized(api.get("/admin/billing/projects"))
      await expectUnauthorized(api.post("/admin/billing/projects", { code: "a", name: "A" }))
      await expectUnauthorized(api.get(`/admin/billing/projects/${id}`))
      await expectUnauthorized(api.post(`/admin/billing/projects/${id}`, { name: "A" }))
      await expectUnauthorized(api.delete(`/admin/billing/projects/${id}`))
      await expectUnauthorized(api.get("/admin/billing/tax-groups"))
      await expectUnauthorized(api.post("/admin/billing/tax-groups", { code: "a", name: "A" }))
      await expectUnauthorized(api.get(`/admin/billing/tax-groups/${id}`))
      await expectUnauthorized(api.post(`/admin/billing/tax-groups/${id}`, { name: "A" }))
      await expectUnauthorized(api.delete(`/admin/billing/tax-groups/${id}`))
      await expectUnauthorized(api.post(`/admin/billing/tax-groups/${id}/rates`, { rate: "7", valid_from: "2020-01-01" }))
      await expectUnauthorized(api.delete(`/admin/billing/tax-groups/${id}/rates/${id}`))
      await expectUnauthorized(api.get("/admin/billing/article-groups"))
      await expectUnauthorized(api.post("/admin/billing/article-groups", { code: "a", name: "A", tax_group_id: id }))
      await expectUnauthorized(api.get(`/admin/billing/article-groups/${id}`))
      await expectUnauthorized(api.post(`/admin/billing/article-groups/${id}`, { name: "A" }))
      await expectUnauthorized(api.delete(`/admin/billing/article-groups/${id}`))
      await expectUnauthorized(api.get("/admin/billing/articles"))
      await expectUnauthorized(api.post("/admin/billing/articles", { name: "A" }))
      await expectUnauthorized(api.get(`/admin/billing/articles/${id}`))
      await expectUnauthorized(api.post(`/admin/billing/articles/${id}`, { name: "A" }))
      await expectUnauthorized(api.delete(`/admin/billing/articles/${id}`))
      await expectUnauthorized(api.post(`/admin/billing/articles/${id}/price-variants`, { price_variants: [] }))
      await expectUnauthorized(api.post(`/admin/billing/articles/${id}/price-variants/${id}`, { amount: "1" }))
      await expectUnauthorized(api.delete(`/admin/billing/articles/${id}/price-variants/${id}`))
      await expectUnauthorized(api.get("/admin/billing/projects", { headers: { authorization: "Bearer not-a-token" } }))
      expect((await api.get("/admin/billing/projects", auth)).data.count).toBe(0)
    })
  },
})
