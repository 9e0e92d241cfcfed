import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import fs from "fs"
import os from "os"
import path from "path"
import { BillingEvents } from "../../src/events"
import { FolderBankStatementSource } from "../../src/providers/bank-folder"
import { importFromStatementSources } from "../../src/workflows/payments/statement-sources"
import { adminHeaders } from "../helpers/admin"
import { bankCounts, bankTransactions, base64, camt053, registerBankAccount, uploadStatement, type CamtEntry } from "../helpers/bank"
import { assertLedgerInvariant, balanceOf, createActiveContract, createMonthlyBoxShop, openItemsOf, startRun, todayIso } from "../helpers/billing"
import { Api } from "../helpers/catalog"
import { collectionsOf, createMandate, IBANS, TEST_CREDITOR } from "../helpers/collections"
import { AuthHeaders, expectBadRequest, expectNotFound } from "../helpers/http"

jest.setTimeout(240_000)

const OWN_IBAN = "DE89370400440532013000"
const FIXTURES = path.join(__dirname, "../../src/domain/bank/__tests__/fixtures")
const CORPORA = path.join(__dirname, "../../test-fixtures/corpora")
const fixture = (file: string) => fs.readFileSync(path.join(FIXTURES, file))
const corpus = (file: string) => fs.readFileSync(path.join(CORPORA, file))

/** Payers' accounts (valid IBANs). */
const PAYER = { erika: "DE02120300000000202051", max: "DE02500105170137075030", hans: "DE12500105170648489890", lisa: "DE75512108001245126199" }

const credit = (amount: string, remittance: string, name: string | null, extra: Partial<CamtEntry> = {}): CamtEntry => ({
  amount,
  direction: "credit",
  booking_date: todayIso(),
  remittance,
  name,
  ...extra,
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const http = api as Api
    let auth: AuthHeaders

    beforeEach(async () => {
      auth = await adminHeaders(getContainer())
    })

    /** Customers with names and customer numbers (metadata.customer_number is printed on invoices and matched). */
    async function customers(...specs: [string, string, string][]) {
      const module = getContainer().resolve(Modules.CUSTOMER)
      return Promise.all(
        specs.map(([first, last, number]) =>
          module.createCustomers({ email: `${first.toLowerCase()}.${last.toLowerCase()}@example.com`, first_name: first, last_name: last, metadata: { customer_number: number } })
        )
      )
    }

    /** Each customer gets a monthly contract (35.70 gross a month); the run as of 15 Jan 2024 issues one invoice each. */
    async function billedShop(list: { id: string }[], paymentMethod = "invoice") {
      const { project, box } = await createMonthlyBoxShop(http, auth)
      const contracts: Record<string, any> = {}
      for (const customer of list) {
        contracts[customer.id] = await createActiveContract(http, auth, {
          project_id: project.id,
          customer_id: customer.id,
          items: [{ article_id: box.id }],
          payment_method: paymentMethod,
        })
      }
      await startRun(http, auth, { as_of: "2024-01-15" })
      return { project, box, contracts }
    }

    async function invoicesOf(customerId: string) {
      const res = await http.get(`/admin/billing/invoices?customer_id=${customerId}&kind=invoice&order=number`, auth)
      return res.data.invoices as any[]
    }

    it("registers own bank accounts and refuses invalid or duplicate IBANs", async () => {
      const account = await registerBankAccount(http, auth, "de89 3704 0044 0532 0130 00", "eur", "Commerzbank")
      expect(account).toEqual(expect.objectContaining({ id: expect.stringMatching(/^bbac_/), iban: OWN_IBAN, currency_code: "eur", name: "Commerzbank", bic: null }))
      const accounts = "/admin/billing/bank/accounts"
      await expectBadRequest(http.post(accounts, { iban: "DE89370400440532013001", name: "Typo", currency_code: "EUR" }, auth), "iban: DE89370400440532013001 is not a valid IBAN", "check digits")
      await expectBadRequest(http.post(accounts, { iban: "XX00123", name: "Nonsense", currency_code: "EUR" }, auth), "iban: XX00123 is not a valid IBAN")
      await expectBadRequest(http.post(accounts, { iban: OWN_IBAN, name: "Again", currency_code: "EUR" }, auth), `iban: ${OWN_IBAN} is registered already (bank account ${account.id})`)
      await expectBadRequest(http.post(accounts, { iban: IBANS.dkb, name: "Bad BIC", currency_code: "EUR", bic: "NOTABIC" }, auth), "bic: NOTABIC is not a valid BIC")
      await expectBadRequest(http.post(accounts, { iban: IBANS.dkb, name: "No currency", currency_code: "EURO" }, auth), "currency_code")
      const list = (await http.get(accounts, auth)).data
      expect(list.count).toBe(1)
      expect(list.bank_accounts[0].iban).toBe(OWN_IBAN)
    })

    it("imports camt.053, camt.054, MT940 and CSV files once; refuses garbage, unknown accounts and wrong currencies without storing anything", async () => {
      await registerBankAccount(http, auth, OWN_IBAN)
      // ── camt.053.001.08 (own fixture): a batch of three, a return with fee, a reversal, a transfer, a pending entry ──
      const camt = await uploadStatement(http, auth, "camt053.xml", fixture("camt053_v08_batch_return_reversal.xml"))
      expect(camt.import).toEqual(
        expect.objectContaining({ file_name: "camt053.xml", format: "camt.053", transactions_added: 6, duplicates_skipped: 0, entries_skipped: 1 })
      )
      expect(camt.import.statements).toEqual([expect.objectContaining({ id: expect.stringMatching(/^bbst_/), transactions_in_file: 6, transactions_added: 6 })])
      // No invoices exist: the credits stay unmatched, the return and the reversal find nothing to take back.
      expect(camt.matching).toEqual(expect.objectContaining({ auto_booked: 0, review: 0, unmatched: 6, returned: 0 }))
      const [batchCredit] = await bankTransactions(http, auth, "statement_id=" + camt.import.statements[0].id + "&order=amount")
      expect(batchCredit).toEqual(expect.objectContaining({ amount: 10, direction: "credit", kind: "payment", end_to_end_id: "INV-2025-0001", mandate_id: "MNDT-0001" }))
      const returned = (await bankTransactions(http, auth, "kind=return&order=amount")).map((t) => [t.amount, t.return_reason, t.fee_amount, t.reversal, t.status])
      expect(returned).toEqual([
        [10, null, null, true, "unmatched"],
        [53, "MD06", 3, false, "unmatched"],
      ])

      // ── the same file again, and an overlapping MT940 of the same account: nothing twice ──
      const again = await uploadStatement(http, auth, "camt053-again.xml", fixture("camt053_v08_batch_return_reversal.xml"))
      expect(again.import).toEqual(expect.objectContaining({ transactions_added: 0, duplicates_skipped: 6 }))
      expect(again.import.statements[0].id).toBeNull()
      expect(again.matching).toBeNull()
      expect(await bankCounts(http, auth)).toEqual({ statements: 1, transactions: 6 })

      // ── MT940 in Windows-1252, the account as bank code/account number in one statement and as IBAN in the other ──
      const mt940 = await uploadStatement(http, auth, "umsaetze.sta", fixture("mt940_sepa_return_cp1252.sta"))
      expect(mt940.import).toEqual(expect.objectContaining({ format: "mt940", transactions_added: 4 }))
      expect(mt940.import.statements).toHaveLength(2)
      const umlauts = await bankTransactions(http, auth, "statement_id=" + mt940.import.statements[0].id + "&direction=credit")
      expect(umlauts.map((t) => t.counterparty_name)).toEqual(["Bernd Müller & Söhne"])
      expect((await uploadStatement(http, auth, "umsaetze.sta", fixture("mt940_sepa_return_cp1252.sta"))).import.transactions_added).toBe(0)

      // ── Sparkasse CSV-CAMT V2 (the default layout): the pending row is left for a later file ──
      const csv = await uploadStatement(http, auth, "umsaetze.csv", fixture("sparkasse_csv_camt_v2_cp1252.csv"), { format: "csv" })
      expect(csv.import).toEqual(expect.objectContaining({ format: "csv", transactions_added: 2, entries_skipped: 1 }))

      // ── real corpus files whose account we register ──
      await registerBankAccount(http, auth, "DE14740618130000033626", "EUR", "viafintech camt.053 v02 example")
      const v02 = await uploadStatement(http, auth, "valid_example.xml", corpus("camt/viafintech_camt.053.001.02_valid_example.xml"))
      expect(v02.import).toEqual(expect.objectContaining({ format: "camt.053", transactions_added: 5 }))
      await registerBankAccount(http, auth, "CH2801234000123456789", "SEK", "genkgo camt.054 example")
      const v054 = await uploadStatement(http, auth, "camt054.v8.xml", corpus("camt/genkgo_camt054.v8.xml"))
      expect(v054.import).toEqual(expect.objectContaining({ format: "camt.054", transactions_added: 3 }))
      await registerBankAccount(http, auth, "DE20123456781020304050", "EUR", "GV codes example")
      const gvCodes = await uploadStatement(http, auth, "gv_codes.sta", corpus("mt940/wolph_self-provided_gv_codes.sta"))
      expect(gvCodes.import).toEqual(expect.objectContaining({ format: "mt940", transactions_added: 2 }))
      const stored = await bankCounts(http, auth)
      expect(stored).toEqual({ statements: 7, transactions: 22 })

      // ── refused: nothing of the file is stored ──
      const post = (body: Record<string, unknown>) => http.post("/admin/billing/bank/statements", body, auth)
      await expectBadRequest(post({ file_name: "notes.txt", content_base64: base64("Kontoauszug März, bitte ablegen") }), "notes.txt: format not recognised", "nothing was imported")
      await expectBadRequest(
        post({ file_name: "cut.xml", content_base64: base64(camt053([{ account_iban: OWN_IBAN, entries: [credit("12,50", "x", null)] }])) }),
        "cut.xml: Stmt[1]/Ntry[1]/Amt"
      )
      const badCsv = fixture("sparkasse_csv_camt_v2_cp1252.csv").toString("latin1").replace(/"1\.119,00"|"-53,00"/, '"zwölf"')
      await expectBadRequest(post({ file_name: "bad.csv", content_base64: base64(Buffer.from(badCsv, "latin1")), format: "csv" }), "bad.csv: row")
      await expectBadRequest(post({ file_name: "x.xml", content_base64: "%%%" }), "content_base64")
      // The genkgo v8 statement belongs to a Dutch account nobody registered.
      await expectBadRequest(post({ file_name: "genkgo.xml", content_base64: base64(corpus("camt/genkgo_camt053.v8.xml")) }), "NL26VAYB8060476890", "not a registered bank account")
      // One good statement and one of an unknown account in one file: neither is stored.
      const mixed = camt053([
        { account_iban: OWN_IBAN, entries: [credit("10.00", "new money", "Erika Mustermann", { booking_date: "2026-01-05" })] },
        { account_iban: IBANS.ing, entries: [credit("20.00", "elsewhere", "Max", { booking_date: "2026-01-05" })] },
      ])
      await expectBadRequest(post({ file_name: "mixed.xml", content_base64: base64(mixed) }), `statement 2 is for account ${IBANS.ing}`)
      const dollars = camt053([{ account_iban: OWN_IBAN, currency: "USD", entries: [credit("10.00", "dollars", null, { booking_date: "2026-01-05" })] }])
      await expectBadRequest(post({ file_name: "usd.xml", content_base64: base64(dollars) }), "the statement is in USD, but the account is kept in EUR")
      expect(await bankCounts(http, auth)).toEqual(stored)

      // ── overlapping statements and identical payments on one day (no bank reference) ──
      const rent = (day: string) => credit("49.00", "Miete Stellplatz", "Hausverwaltung Weiss", { booking_date: day, iban: IBANS.sparkasse })
      const first = await uploadStatement(http, auth, "day1.xml", camt053([{ account_iban: OWN_IBAN, entries: [rent("2026-02-02"), rent("2026-02-02")] }]))
      expect(first.import.transactions_added).toBe(2)
      const overlap = await uploadStatement(http, auth, "day1-2.xml", camt053([{ account_iban: OWN_IBAN, entries: [rent("2026-02-02"), rent("2026-02-02"), rent("2026-02-03")] }]))
      expect(overlap.import).toEqual(expect.objectContaining({ transactions_added: 1, duplicates_skipped: 2 }))
      expect((await bankCounts(http, auth)).transactions).toBe(25)
    })

    it("matches payments for invoices of real billing runs: books the sure ones, queues the doubtful ones, and lets an admin confirm, split, credit, ignore and unmatch", async () => {
      const container = getContainer()
      await registerBankAccount(http, auth, OWN_IBAN)
      const [erika, hans, max, lisa, paul, otto, greta] = await customers(
        ["Erika", "Mustermann", "K-1001"],
        ["Hans", "Weber", "K-1002"],
        ["Max", "Schneider", "K-1003"],
        ["Lisa", "Becker", "K-1004"],
        ["Paul", "Schulz", "K-1005"],
        ["Otto", "Krause", "K-1006"],
        ["Greta", "Vogel", "K-1007"]
      )
      const { contracts } = await billedShop([erika, hans, max, lisa, paul, otto, greta])
      // Max and Greta get a second invoice (February).
      await startRun(http, auth, { as_of: "2024-02-15", contract_ids: [contracts[max.id].id, contracts[greta.id].id] })
      const number = async (customer: { id: string }, index = 0) => (await invoicesOf(customer.id))[index]
      const [erikaInv, hansInv, maxJan, maxFeb, lisaInv, paulInv, ottoInv, gretaJan, gretaFeb] = [
        await number(erika), await number(hans), await number(max, 0), await number(max, 1), await number(lisa),
        await number(paul), await number(otto), await number(greta, 0), await number(greta, 1),
      ]
      expect([erikaInv, maxFeb, gretaFeb].map((i) => i.gross_total)).toEqual([35.7, 35.7, 35.7])
      let owed = 9 * 35.7
      await assertLedgerInvariant(container, { eur: owed.toFixed(2) })

      // A typo one digit off that names no other invoice: "RE-2026-000002" → "RE-2026-900002".
      const typo = hansInv.number.replace(/-0(?=\d+$)/, "-9")
      expect(typo).not.toBe(hansInv.number)
      const statement = camt053([
        {
          account_iban: OWN_IBAN,
          entries: [
            credit("35.70", `Rechnung ${erikaInv.number}`, "Erika Mustermann", { iban: PAYER.erika, reference: "E-1" }),
            credit("35.70", `Rechnung ${typo}`, "Hans Weber", { reference: "E-2" }),
            credit("71.40", `Rechnungen ${maxJan.number} und ${maxFeb.number}`, "MAX SCHNEIDER", { iban: PAYER.max, reference: "E-3" }),
            credit("20.00", `Teilzahlung ${lisaInv.number}`, "Lisa Becker", { iban: PAYER.lisa, reference: "E-4" }),
            credit("50.00", `${paulInv.number} Paul Schulz`, "Paul Schulz", { reference: "E-5" }),
            credit("35.70", "Abo Januar", "Otto Krause", { reference: "E-6" }),
            credit("35.70", "Kundennummer K-1007", "Greta Vogel", { reference: "E-7" }),
            credit("1234.56", "Gehalt 03/2026", "Finanzamt Köln-Mitte", { reference: "E-8" }),
            // Easy to book wrongly: Otto's invoice number and amount, but paid by Hans (who owes nothing any more).
            credit("35.70", `Rechnung ${ottoInv.number}`, "Hans Weber", { iban: PAYER.hans, reference: "E-9" }),
          ],
        },
      ])
      const upload = await uploadStatement(http, auth, "konto.xml", statement)
      expect(upload.import.transactions_added).toBe(9)
      expect(upload.matching).toEqual(expect.objectContaining({ auto_booked: 5, review: 3, unmatched: 1, returned: 0 }))
      const byRef = async (): Promise<Record<string, any>> => Object.fromEntries((await bankTransactions(http, auth)).map((t) => [t.entry_reference, t]))
      let tx = await byRef()
      expect(Object.fromEntries(Object.entries(tx).map(([ref, t]) => [ref, t.status]))).toEqual({
        "E-1": "booked", "E-2": "booked", "E-3": "booked", "E-4": "booked", "E-5": "booked", "E-6": "review", "E-7": "review", "E-8": "unmatched", "E-9": "review",
      })
      owed -= 35.7 + 35.7 + 71.4 + 20 + 50
      await assertLedgerInvariant(container, { eur: owed.toFixed(2) })
      expect(await openItemsOf(http, auth, erika.id)).toEqual({})
      // The typo is one edit away from Hans's number and the payer is Hans: booked on his invoice.
      expect(await openItemsOf(http, auth, hans.id)).toEqual({})
      expect(tx["E-2"].suggestions[0].reasons[0]).toContain(`one character away from invoice ${hansInv.number}`)
      expect(await openItemsOf(http, auth, max.id)).toEqual({})
      // Partial payment: the rest stays open. Overpayment: the invoice is paid, the rest is credit.
      expect(await openItemsOf(http, auth, lisa.id)).toEqual({ [lisaInv.number]: "15.70" })
      expect(await openItemsOf(http, auth, paul.id)).toEqual({})
      expect(await balanceOf(http, auth, paul.id)).toBe("-14.30")
      const detail = (await http.get(`/admin/billing/bank/transactions/${tx["E-5"].id}`, auth)).data.bank_transaction
      expect(detail.bookings).toHaveLength(1)
      expect(detail.bookings[0].allocations.map((a: any) => [a.kind, a.invoice_id, a.amount]).sort()).toEqual([
        ["credit", null, 14.3],
        ["invoice", paulInv.id, 35.7],
      ])
      expect(detail.bookings[0].posted_at).not.toBeNull()

      // The review queue: Otto's invoice for Hans's payment (nothing says Hans pays for Otto), Greta's two equal
      // invoices for a payment naming only her customer number, and a payment naming nothing but the payer.
      const review = await bankTransactions(http, auth, "status=review")
      expect(review.map((t) => t.entry_reference).sort()).toEqual(["E-6", "E-7", "E-9"])
      expect(tx["E-9"].suggestions[0].allocations.map((a: any) => a.invoice_id)).toEqual([ottoInv.id])
      expect(tx["E-9"].confidence).toBeLessThan(0.9)
      expect(tx["E-7"].suggestions.flatMap((s: any) => s.allocations.map((a: any) => a.invoice_id)).sort()).toEqual([gretaJan.id, gretaFeb.id].sort())
      expect(tx["E-7"].suggestions[0].reasons.join(" ")).toContain("K-1007")

      // ── the admin knows Hans pays for Otto: confirmed as suggested ──
      await http.post(`/admin/billing/bank/transactions/${tx["E-9"].id}/confirm`, { suggestion_index: 0 }, auth)
      expect(await openItemsOf(http, auth, otto.id)).toEqual({})
      owed -= 35.7
      await expectBadRequest(http.post(`/admin/billing/bank/transactions/${tx["E-9"].id}/confirm`, { suggestion_index: 0 }, auth), "is booked; unmatch it first")

      // ── split Greta's payment across both her invoices; bad splits are refused ──
      const confirm = (body: Record<string, unknown>) => http.post(`/admin/billing/bank/transactions/${tx["E-7"].id}/confirm`, body, auth)
      await expectBadRequest(confirm({ allocations: [{ invoice_id: gretaJan.id, amount: "30.00" }, { invoice_id: gretaFeb.id, amount: "10.00" }] }), "allocations: they sum to 40.00, more than the payment's amount of 35.70")
      await expectBadRequest(
        confirm({ allocations: [{ invoice_id: gretaJan.id, amount: "30.00", write_off_amount: "5.71" }] }),
        `allocations[0].amount: 30.00 plus write-off 5.71 is more than the 35.70 open on invoice ${gretaJan.number}`
      )
      await expectBadRequest(confirm({ allocations: [{ invoice_id: erikaInv.id, amount: "1.00" }] }), `allocations[0].amount: 1.00 is more than the 0.00 open on invoice ${erikaInv.number}`)
      await expectBadRequest(confirm({ allocations: [{ invoice_id: "binv_nope", amount: "1.00" }] }), 'allocations[0].invoice_id: "binv_nope" is not an issued, not cancelled invoice')
      await expectBadRequest(confirm({}), "Give either suggestion_index or allocations")
      await expectBadRequest(confirm({ suggestion_index: 9 }), "there is no suggestion 9")
      const split = (await confirm({ allocations: [{ invoice_id: gretaJan.id, amount: "20.00" }, { invoice_id: gretaFeb.id, amount: "15.70" }] })).data.bank_transaction
      expect(split.status).toBe("booked")
      expect(await openItemsOf(http, auth, greta.id)).toEqual({ [gretaJan.number]: "15.70", [gretaFeb.number]: "20.00" })
      owed -= 35.7

      // ── Otto's own payment names nothing: an admin books it as credit on his account ──
      await expectBadRequest(http.post(`/admin/billing/bank/transactions/${tx["E-6"].id}/book-credit`, { customer_id: "cus_nope" }, auth), 'customer_id: customer "cus_nope" was not found')
      const credited = (await http.post(`/admin/billing/bank/transactions/${tx["E-6"].id}/book-credit`, { customer_id: otto.id }, auth)).data.bank_transaction
      expect(credited).toEqual(expect.objectContaining({ status: "booked", customer_id: otto.id }))
      expect(await balanceOf(http, auth, otto.id)).toBe("-35.70")
      owed -= 35.7

      // ── the salary payment is not ours: ignored; an ignored payment cannot be booked ──
      const ignored = (await http.post(`/admin/billing/bank/transactions/${tx["E-8"].id}/ignore`, { reason: "not a customer payment" }, auth)).data.bank_transaction
      expect(ignored).toEqual(expect.objectContaining({ status: "ignored", note: "ignored: not a customer payment" }))
      await expectBadRequest(http.post(`/admin/billing/bank/transactions/${tx["E-8"].id}/book-credit`, { customer_id: otto.id }, auth), "is ignored; unmatch it first")
      await assertLedgerInvariant(container, { eur: owed.toFixed(2) })

      // ── unmatch Erika's automatic booking: a reversal posting, the invoice is open again; then book it again ──
      const unmatched = (await http.post(`/admin/billing/bank/transactions/${tx["E-1"].id}/unmatch`, { reason: "wrong customer" }, auth)).data.bank_transaction
      expect(unmatched.status).toBe("review")
      expect(unmatched.bookings[0]).toEqual(expect.objectContaining({ reversed_at: expect.any(String), reversal_reason: "unmatched: wrong customer" }))
      expect(await openItemsOf(http, auth, erika.id)).toEqual({ [erikaInv.number]: "35.70" })
      owed += 35.7
      await assertLedgerInvariant(container, { eur: owed.toFixed(2) })
      const statementLines = (await http.get(`/admin/billing/customers/${erika.id}/ledger?currency_code=eur`, auth)).data.entries
      expect(statementLines.map((l: any) => [l.kind, l.amount])).toEqual([
        ["invoice", "35.70"],
        ["payment", "-35.70"],
        ["reversal", "35.70"],
      ])
      await http.post(`/admin/billing/bank/transactions/${tx["E-1"].id}/confirm`, { suggestion_index: 0 }, auth)
      expect(await openItemsOf(http, auth, erika.id)).toEqual({})
      owed -= 35.7
      const rebooked = (await http.get(`/admin/billing/bank/transactions/${tx["E-1"].id}`, auth)).data.bank_transaction
      expect(rebooked.bookings.map((b: any) => [b.seq, b.kind, b.reversed_at === null]).sort()).toEqual([
        [0, "auto", false],
        [1, "manual", true],
      ])
      // An ignored payment goes back to the queue with "unmatch"; a booked one cannot be ignored.
      expect((await http.post(`/admin/billing/bank/transactions/${tx["E-8"].id}/unmatch`, {}, auth)).data.bank_transaction.status).toBe("unmatched")
      await expectBadRequest(http.post(`/admin/billing/bank/transactions/${tx["E-3"].id}/ignore`, {}, auth), "is booked; unmatch it first")
      await expectNotFound(http.post("/admin/billing/bank/transactions/bbtx_nope/confirm", { suggestion_index: 0 }, auth), "bbtx_nope")

      // Matching the queue again books nothing: the salary payment (unmatched again) fits no invoice.
      expect((await http.post("/admin/billing/bank/match", { include_review: true }, auth)).data.matching).toEqual(
        expect.objectContaining({ auto_booked: 0, review: 0, unmatched: 1, returned: 0 })
      )
      tx = await byRef()
      expect(tx["E-8"].status).toBe("unmatched")
      await assertLedgerInvariant(container, { eur: owed.toFixed(2) })
    })

    it("settles SEPA collections from a batch credit, and a return with fee takes one collection back and re-opens its invoice", async () => {
      const container = getContainer()
      const returnedEvents: any[] = []
      container.resolve(Modules.EVENT_BUS).subscribe(BillingEvents.BANK_PAYMENT_RETURNED, async (event: any) => {
        returnedEvents.push(event.data)
      })
      await registerBankAccount(http, auth, OWN_IBAN)
      await http.post("/admin/billing/sepa/creditor", TEST_CREDITOR, auth)
      const [anna, bernd, carl] = await customers(["Anna", "Adler", "K-2001"], ["Bernd", "Brandt", "K-2002"], ["Carl", "Claasen", "K-2003"])
      await createMandate(http, auth, anna.id, { mandate_reference: "ANNA-1", debtor_name: "Anna Adler", debtor_iban: IBANS.dkb })
      await createMandate(http, auth, bernd.id, { mandate_reference: "BERND-1", debtor_name: "Bernd Brandt", debtor_iban: IBANS.ing })
      const { project, box } = await createMonthlyBoxShop(http, auth)
      for (const [customer, method] of [[anna, "sepa_debit"], [bernd, "sepa_debit"], [carl, "invoice"]] as const) {
        await createActiveContract(http, auth, { project_id: project.id, customer_id: customer.id, items: [{ article_id: box.id }], payment_method: method })
      }
      await startRun(http, auth, { as_of: "2024-01-15" })
      const [annaInv] = await invoicesOf(anna.id)
      const [berndInv] = await invoicesOf(bernd.id)
      const [carlInv] = await invoicesOf(carl.id)
      const batch = (await http.post("/admin/billing/sepa/batches", {}, auth)).data.batch
      const pending = await collectionsOf(http, auth, `batch_id=${batch.id}`)
      expect(pending.map((c) => c.status)).toEqual(["pending", "pending"])
      const berndCollection = pending.find((c) => c.invoice_id === berndInv.id)
      const pmtInfId = berndCollection.payment_information_id
      let owed = 3 * 35.7

      // ── the bank books the batch as one credit naming the payment information id; Carl pays by transfer ──
      const credits = await uploadStatement(
        http,
        auth,
        "credits.xml",
        camt053([
          {
            account_iban: OWN_IBAN,
            entries: [
              credit("71.40", `SEPA-Sammler-Gutschrift ${pmtInfId} 2 Lastschriften`, null, { reference: "B-1" }),
              credit("35.70", `Rechnung ${carlInv.number}`, "Carl Claasen", { reference: "C-1", iban: IBANS.sparkasse, end_to_end_id: "CARL-TRANSFER-1" }),
            ],
          },
        ])
      )
      expect(credits.matching).toEqual(expect.objectContaining({ auto_booked: 2, review: 0, collections_settled: 2 }))
      expect((await collectionsOf(http, auth, `batch_id=${batch.id}`)).map((c) => c.status)).toEqual(["settled", "settled"])
      for (const customer of [anna, bernd, carl]) {
        expect(await openItemsOf(http, auth, customer.id)).toEqual({})
      }
      owed -= 3 * 35.7
      await assertLedgerInvariant(container, { eur: owed.toFixed(2) })

      // ── Bernd's debit comes back with a 3.00 fee (MD06); the bank reverses Carl's transfer ──
      const returnsFile = camt053([
        {
          account_iban: OWN_IBAN,
          entries: [
            {
              amount: "38.70",
              direction: "debit",
              booking_date: todayIso(),
              reference: "R-1",
              end_to_end_id: berndCollection.end_to_end_id,
              mandate_id: "BERND-1",
              name: "Bernd Brandt",
              iban: IBANS.ing,
              remittance: `Ruecklastschrift ${berndInv.number}`,
              return_reason: "MD06",
              fee: "3.00",
            },
            { amount: "35.70", direction: "debit", reversal: true, booking_date: todayIso(), reference: "R-2", name: "Carl Claasen", iban: IBANS.sparkasse, remittance: "Storno Gutschrift" },
          ],
        },
      ])
      const returns = await uploadStatement(http, auth, "returns.xml", returnsFile)
      expect(returns.matching).toEqual(expect.objectContaining({ returned: 2, unmatched: 0, collections_returned: 1 }))
      // Bernd owes his invoice again plus the fee, on that invoice; Anna's part of the batch stands.
      expect(await openItemsOf(http, auth, bernd.id)).toEqual({ [berndInv.number]: "38.70" })
      expect(await openItemsOf(http, auth, anna.id)).toEqual({})
      expect(await openItemsOf(http, auth, carl.id)).toEqual({ [carlInv.number]: "35.70" })
      const collections = await collectionsOf(http, auth, `batch_id=${batch.id}`)
      expect(Object.fromEntries(collections.map((c) => [c.invoice_id, [c.status, c.return_reason]]))).toEqual({
        [annaInv.id]: ["settled", null],
        [berndInv.id]: ["returned", "MD06"],
      })
      const tx = Object.fromEntries((await bankTransactions(http, auth)).map((t) => [t.entry_reference, t]))
      expect([tx["B-1"].status, tx["C-1"].status, tx["R-1"].status, tx["R-2"].status]).toEqual(["booked", "returned", "returned", "returned"])
      expect(tx["R-1"].returns_transaction_id).toBe(tx["B-1"].id)
      expect(tx["R-2"].returns_transaction_id).toBe(tx["C-1"].id)
      const batchDetail = (await http.get(`/admin/billing/bank/transactions/${tx["B-1"].id}`, auth)).data.bank_transaction
      expect(batchDetail.bookings[0].allocations.map((a: any) => [a.invoice_id, a.end_to_end_id, a.reversed_by_transaction_id]).sort()).toEqual(
        [
          [annaInv.id, pending.find((c) => c.invoice_id === annaInv.id).end_to_end_id, null],
          [berndInv.id, berndCollection.end_to_end_id, tx["R-1"].id],
        ].sort()
      )
      const berndLedger = (await http.get(`/admin/billing/customers/${bernd.id}/ledger?currency_code=eur`, auth)).data.entries
      expect(berndLedger.map((l: any) => [l.kind, l.amount])).toEqual([
        ["invoice", "35.70"],
        ["payment", "-35.70"],
        ["reversal", "35.70"],
        ["fee", "3.00"],
      ])
      owed += 38.7 + 35.7
      await assertLedgerInvariant(container, { eur: owed.toFixed(2) })
      expect(returnedEvents.sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
        [
          { id: tx["R-1"].id, returns_transaction_id: tx["B-1"].id, invoice_ids: [berndInv.id], customer_id: bernd.id, fee_amount: "3.00" },
          { id: tx["R-2"].id, returns_transaction_id: tx["C-1"].id, invoice_ids: [carlInv.id], customer_id: carl.id, fee_amount: null },
        ].sort((a, b) => (a.id < b.id ? -1 : 1))
      )

      // The same returns again: nothing is imported, nothing taken back twice; a returned payment cannot be unmatched.
      expect((await uploadStatement(http, auth, "returns-again.xml", returnsFile)).import.transactions_added).toBe(0)
      await expectBadRequest(http.post(`/admin/billing/bank/transactions/${tx["C-1"].id}/unmatch`, {}, auth), "only booked or ignored payments can be unmatched")
      expect(await openItemsOf(http, auth, bernd.id)).toEqual({ [berndInv.number]: "38.70" })
      await assertLedgerInvariant(container, { eur: owed.toFixed(2) })
    })

    it("imports statements from the watched folder: done/ for imported files, failed/ with the reason for the rest", async () => {
      const container = getContainer()
      await registerBankAccount(http, auth, OWN_IBAN)
      const [erika] = await customers(["Erika", "Mustermann", "K-3001"])
      await billedShop([erika])
      const [invoice] = await invoicesOf(erika.id)
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), "bank-import-"))
      try {
        fs.writeFileSync(path.join(folder, "2026-03-02.xml"), camt053([{ account_iban: OWN_IBAN, entries: [credit("35.70", `Rechnung ${invoice.number}`, "Erika Mustermann")] }]))
        fs.writeFileSync(path.join(folder, "kaputt.sta"), "Das ist kein Kontoauszug")
        fs.writeFileSync(path.join(folder, "fremd.xml"), corpus("camt/genkgo_camt053.v4.xml"))
        fs.writeFileSync(path.join(folder, "halb.xml.part"), "<Document")
        const source = new FolderBankStatementSource(folder)
        const result = await importFromStatementSources(container, [source])
        expect(result.sources[0].files.map((f) => [f.file_name, f.imported, f.transactions_added])).toEqual([
          ["2026-03-02.xml", true, 1],
          ["fremd.xml", false, 0],
          ["kaputt.sta", false, 0],
        ])
        expect(fs.readdirSync(folder).sort()).toEqual(["done", "failed", "halb.xml.part"])
        expect(fs.readdirSync(path.join(folder, "done"))).toEqual(["2026-03-02.xml"])
        expect(fs.readdirSync(path.join(folder, "failed")).sort()).toEqual(["fremd.xml", "fremd.xml.error.txt", "kaputt.sta", "kaputt.sta.error.txt"])
        expect(fs.readFileSync(path.join(folder, "failed", "fremd.xml.error.txt"), "utf8")).toContain("NL26VAYB8060476890, which is not a registered bank account")
        expect(fs.readFileSync(path.join(folder, "failed", "kaputt.sta.error.txt"), "utf8")).toContain("kaputt.sta: format not recognised")
        // Matching ran right after the import.
        expect(await openItemsOf(http, auth, erika.id)).toEqual({})
        const statements = (await http.get("/admin/billing/bank/statements", auth)).data.bank_statements
        expect(statements.map((s: any) => [s.source, s.file_name, s.transactions_added])).toEqual([[source.id, "2026-03-02.xml", 1]])
        // The next run finds nothing new.
        expect((await importFromStatementSources(container, [source])).sources[0].files).toEqual([])
        await assertLedgerInvariant(container, { eur: "0.00" })
      } finally {
        fs.rmSync(folder, { recursive: true, force: true })
      }
    })
  },
})
