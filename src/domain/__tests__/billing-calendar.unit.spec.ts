import {
  CalendarContract,
  CalendarItem,
  computeDueActivities,
  DueActivity,
  ExistingActivity,
  itemContractMismatch,
  PriceVariantInput,
} from "../billing-calendar"

const eur = (id: string, amount: string, valid_from = "2000-01-01", min_quantity = 1): PriceVariantInput => ({
  id,
  currency_code: "EUR",
  amount,
  valid_from,
  min_quantity,
})

const contract = (overrides: Partial<CalendarContract> = {}): CalendarContract => ({
  id: "con_1",
  currency_code: "EUR",
  start_date: "2021-01-01",
  end_date: null,
  interval_count: 1,
  interval_unit: "MONTH",
  billing_mode: "advance",
  billed_until: null,
  ...overrides,
})

const item = (overrides: Partial<CalendarItem> = {}, variants: PriceVariantInput[] = [eur("pv_1", "31.00")]): CalendarItem => ({
  id: "item_1",
  quantity: 1,
  valid_from: "2000-01-01",
  valid_to: null,
  billing_from: null,
  custom_unit_price: null,
  article: { id: "art_1", name: "Box M", kind: "subscription", unit: "MONTH", price_variants: variants },
  ...overrides,
})

type Row = Pick<DueActivity, "kind" | "period_start" | "period_end" | "service_from" | "service_to" | "due_date" | "amount">

const rows = (activities: DueActivity[]): Row[] =>
  activities.map(({ kind, period_start, period_end, service_from, service_to, due_date, amount }) => ({
    kind,
    period_start,
    period_end,
    service_from,
    service_to,
    due_date,
    amount,
  }))

const full = (period_start: string, period_end: string, due_date: string, amount: string): Row => ({
  kind: "charge",
  period_start,
  period_end,
  service_from: period_start,
  service_to: period_end,
  due_date,
  amount,
})

const run = (c: CalendarContract, items: CalendarItem[], asOf: string, existing: ExistingActivity[] = []) =>
  computeDueActivities({ contract: c, items, existing, asOf })

const asExisting = (activities: DueActivity[]): ExistingActivity[] =>
  activities.map(({ contract_item_id, service_from, service_to, quantity, kind }) => ({
    contract_item_id,
    service_from,
    service_to,
    quantity,
    kind,
  }))

describe("computeDueActivities: periods", () => {
  const weekly = { unit: "WEEK" as const }
  const daily = { unit: "DAY" as const }
  const yearly = { unit: "YEAR" as const }

  it.each<[string, Partial<CalendarContract>, Partial<CalendarItem["article"]>, string, Row[]]>([
    [
      "FAQ: quarterly from 10 March 2020, in advance",
      { start_date: "2020-03-10", interval_count: 3 },
      {},
      "2020-09-10",
      [
        full("2020-03-10", "2020-06-09", "2020-03-10", "31.00"),
        full("2020-06-10", "2020-09-09", "2020-06-10", "31.00"),
        full("2020-09-10", "2020-12-09", "2020-09-10", "31.00"),
      ],
    ],
    [
      "FAQ: the third quarter is not due the day before it starts",
      { start_date: "2020-03-10", interval_count: 3 },
      {},
      "2020-09-09",
      [full("2020-03-10", "2020-06-09", "2020-03-10", "31.00"), full("2020-06-10", "2020-09-09", "2020-06-10", "31.00")],
    ],
    [
      "monthly from 31 Jan in a leap year (2020)",
      { start_date: "2020-01-31" },
      {},
      "2020-05-31",
      [
        full("2020-01-31", "2020-02-28", "2020-01-31", "31.00"),
        full("2020-02-29", "2020-03-30", "2020-02-29", "31.00"),
        full("2020-03-31", "2020-04-29", "2020-03-31", "31.00"),
        full("2020-04-30", "2020-05-30", "2020-04-30", "31.00"),
        full("2020-05-31", "2020-06-29", "2020-05-31", "31.00"),
      ],
    ],
    [
      "monthly from 31 Jan in a leap year (2024)",
      { start_date: "2024-01-31" },
      {},
      "2024-03-31",
      [
        full("2024-01-31", "2024-02-28", "2024-01-31", "31.00"),
        full("2024-02-29", "2024-03-30", "2024-02-29", "31.00"),
        full("2024-03-31", "2024-04-29", "2024-03-31", "31.00"),
      ],
    ],
    [
      "monthly from 31 Jan in a non-leap year (2021)",
      { start_date: "2021-01-31" },
      {},
      "2021-03-31",
      [
        full("2021-01-31", "2021-02-27", "2021-01-31", "31.00"),
        full("2021-02-28", "2021-03-30", "2021-02-28", "31.00"),
        full("2021-03-31", "2021-04-29", "2021-03-31", "31.00"),
      ],
    ],
    [
      "monthly from 30 Jan 2021 through February",
      { start_date: "2021-01-30" },
      {},
      "2021-03-30",
      [
        full("2021-01-30", "2021-02-27", "2021-01-30", "31.00"),
        full("2021-02-28", "2021-03-29", "2021-02-28", "31.00"),
        full("2021-03-30", "2021-04-29", "2021-03-30", "31.00"),
      ],
    ],
    [
      "yearly from 29 Feb 2020",
      { start_date: "2020-02-29", interval_unit: "YEAR" },
      yearly,
      "2024-02-29",
      [
        full("2020-02-29", "2021-02-27", "2020-02-29", "31.00"),
        full("2021-02-28", "2022-02-27", "2021-02-28", "31.00"),
        full("2022-02-28", "2023-02-27", "2022-02-28", "31.00"),
        full("2023-02-28", "2024-02-28", "2023-02-28", "31.00"),
        full("2024-02-29", "2025-02-27", "2024-02-29", "31.00"),
      ],
    ],
    [
      "weekly from a Wednesday",
      { start_date: "2021-01-06", interval_unit: "WEEK" },
      weekly,
      "2021-01-20",
      [
        full("2021-01-06", "2021-01-12", "2021-01-06", "31.00"),
        full("2021-01-13", "2021-01-19", "2021-01-13", "31.00"),
        full("2021-01-20", "2021-01-26", "2021-01-20", "31.00"),
      ],
    ],
    [
      "every 2 weeks across the new year",
      { start_date: "2020-12-21", interval_unit: "WEEK", interval_count: 2 },
      weekly,
      "2021-01-04",
      [full("2020-12-21", "2021-01-03", "2020-12-21", "31.00"), full("2021-01-04", "2021-01-17", "2021-01-04", "31.00")],
    ],
    [
      "daily",
      { start_date: "2021-02-27", interval_unit: "DAY" },
      daily,
      "2021-03-01",
      [
        full("2021-02-27", "2021-02-27", "2021-02-27", "31.00"),
        full("2021-02-28", "2021-02-28", "2021-02-28", "31.00"),
        full("2021-03-01", "2021-03-01", "2021-03-01", "31.00"),
      ],
    ],
    [
      "every 3 days in arrears",
      { start_date: "2021-02-27", interval_unit: "DAY", interval_count: 3, billing_mode: "arrears" },
      daily,
      "2021-03-05",
      [full("2021-02-27", "2021-03-01", "2021-03-02", "31.00"), full("2021-03-02", "2021-03-04", "2021-03-05", "31.00")],
    ],
    [
      "monthly in arrears: due the day after the period",
      { billing_mode: "arrears" },
      {},
      "2021-03-01",
      [full("2021-01-01", "2021-01-31", "2021-02-01", "31.00"), full("2021-02-01", "2021-02-28", "2021-03-01", "31.00")],
    ],
    [
      "monthly in arrears: the running period is not due on its last day",
      { billing_mode: "arrears" },
      {},
      "2021-02-28",
      [full("2021-01-01", "2021-01-31", "2021-02-01", "31.00")],
    ],
    ["future start: nothing before the start", { start_date: "2025-01-01" }, {}, "2024-12-31", []],
    [
      "future start: the first period on the start day",
      { start_date: "2025-01-01" },
      {},
      "2025-01-01",
      [full("2025-01-01", "2025-01-31", "2025-01-01", "31.00")],
    ],
    [
      "FAQ: billed manually through December (billed_until 2022-01-01)",
      { start_date: "2021-01-01", billed_until: "2022-01-01" },
      {},
      "2022-01-05",
      [full("2022-01-01", "2022-01-31", "2022-01-01", "31.00")],
    ],
  ])("%s", (_name, contractOverrides, articleOverrides, asOf, expected) => {
    const base = item()
    const subject = item({ article: { ...base.article, ...articleOverrides } })
    const result = run(contract(contractOverrides), [subject], asOf)
    expect(result.missing_prices).toEqual([])
    expect(rows(result.activities)).toEqual(expected)
    expect(result.activities.every((a) => a.period_days === a.service_days)).toBe(true)
  })

  it("reports period and service lengths in days (yearly from 29 Feb 2020)", () => {
    const yearlyItem = item({ article: { ...item().article, unit: "YEAR" } })
    const activities = run(contract({ start_date: "2020-02-29", interval_unit: "YEAR" }), [yearlyItem], "2024-02-29").activities
    // only 2023-02-28 … 2024-02-28 contains a 29 February
    expect(activities.map((a) => [a.period_days, a.service_days])).toEqual([
      [365, 365],
      [365, 365],
      [365, 365],
      [366, 366],
      [365, 365],
    ])
  })
})

describe("computeDueActivities: partial periods", () => {
  it("billed_until mid-period charges the rest of the period pro rata (17/31)", () => {
    const result = run(contract({ billed_until: "2021-01-15" }), [item({}, [eur("pv_1", "10.00")])], "2021-01-15")
    expect(result.activities).toEqual([
      {
        contract_item_id: "item_1",
        article_id: "art_1",
        origin: "SUBSCRIPTION",
        kind: "charge",
        period_start: "2021-01-01",
        period_end: "2021-01-31",
        service_from: "2021-01-15",
        service_to: "2021-01-31",
        due_date: "2021-01-01",
        quantity: 1,
        unit_price: "10.00",
        period_days: 31,
        service_days: 17,
        amount: "5.48", // 10 × 17 / 31 = 5.4838…
        price_variant_id: "pv_1",
      },
    ])
  })

  it.each<[string, CalendarContract["billing_mode"], string, Row[]]>([
    [
      "advance",
      "advance",
      "2021-06-01",
      [
        full("2021-01-01", "2021-01-31", "2021-01-01", "19.90"),
        full("2021-02-01", "2021-02-28", "2021-02-01", "19.90"),
        // 19.90 × 10 / 31 = 6.4193…
        { ...full("2021-03-01", "2021-03-31", "2021-03-01", "6.42"), service_to: "2021-03-10" },
      ],
    ],
    [
      "arrears, the day before the cut period is due",
      "arrears",
      "2021-03-10",
      [full("2021-01-01", "2021-01-31", "2021-02-01", "19.90"), full("2021-02-01", "2021-02-28", "2021-03-01", "19.90")],
    ],
    [
      "arrears, due the day after the end date",
      "arrears",
      "2021-03-11",
      [
        full("2021-01-01", "2021-01-31", "2021-02-01", "19.90"),
        full("2021-02-01", "2021-02-28", "2021-03-01", "19.90"),
        { ...full("2021-03-01", "2021-03-31", "2021-03-11", "6.42"), service_to: "2021-03-10" },
      ],
    ],
  ])("contract ending 2021-03-10, %s", (_name, billing_mode, asOf, expected) => {
    const result = run(contract({ end_date: "2021-03-10", billing_mode }), [item({}, [eur("pv_1", "19.90")])], asOf)
    expect(rows(result.activities)).toEqual(expected)
  })

  it("anchors periods at the item's billing_from", () => {
    const result = run(contract(), [item({ billing_from: "2021-01-20" })], "2021-02-20")
    expect(rows(result.activities)).toEqual([
      full("2021-01-20", "2021-02-19", "2021-01-20", "31.00"),
      full("2021-02-20", "2021-03-19", "2021-02-20", "31.00"),
    ])
  })

  it("starts an item added mid-period pro rata in the contract's period", () => {
    const result = run(contract(), [item({ valid_from: "2021-02-15", quantity: 2 }, [eur("pv_1", "28.00")])], "2021-02-15")
    // 28 × 2 × 14 / 28
    expect(rows(result.activities)).toEqual([
      { ...full("2021-02-01", "2021-02-28", "2021-02-01", "28.00"), service_from: "2021-02-15" },
    ])
  })
})

describe("computeDueActivities: pause and credits", () => {
  const variants = [eur("pv_1", "19.90")]
  const before = item({ id: "item_a", valid_from: "2021-07-01", valid_to: null }, variants)
  const paused = item({ id: "item_a", valid_from: "2021-07-01", valid_to: "2021-07-09" }, variants)
  const resumed = item({ id: "item_b", valid_from: "2021-07-17" }, variants)
  const c = contract({ start_date: "2021-07-01" })

  it("bills a pause inside a period without the paused days", () => {
    const result = run(c, [paused, resumed], "2021-07-20")
    expect(result.activities.map((a) => [a.contract_item_id, a.service_from, a.service_to, a.service_days, a.amount])).toEqual([
      ["item_a", "2021-07-01", "2021-07-09", 9, "5.78"], // 19.90 × 9 / 31 = 5.7774…
      ["item_b", "2021-07-17", "2021-07-31", 15, "9.63"], // 19.90 × 15 / 31 = 9.6290…
    ])
  })

  it("credits the paused days when the advance-billed period already exists", () => {
    const first = run(c, [before], "2021-07-01")
    expect(rows(first.activities)).toEqual([full("2021-07-01", "2021-07-31", "2021-07-01", "19.90")])

    const second = run(c, [paused, resumed], "2021-07-20", asExisting(first.activities))
    expect(second.activities.map((a) => [a.contract_item_id, a.kind, a.service_from, a.service_to, a.due_date, a.amount])).toEqual([
      ["item_a", "credit", "2021-07-10", "2021-07-31", "2021-07-01", "-14.12"], // 19.90 × 22 / 31 = 14.1225…
      ["item_b", "charge", "2021-07-17", "2021-07-31", "2021-07-01", "9.63"],
    ])
    expect(second.activities[0]).toMatchObject({ period_start: "2021-07-01", period_end: "2021-07-31", service_days: 22, unit_price: "19.90" })

    const third = run(c, [paused, resumed], "2021-07-20", asExisting([...first.activities, ...second.activities]))
    expect(third).toEqual({ activities: [], missing_prices: [] })
  })

  it("credits the rest of an advance-billed period when the contract is ended early", () => {
    const monthly = contract()
    const first = run(monthly, [item({}, variants)], "2021-03-01")
    expect(first.activities).toHaveLength(3)
    const ended = contract({ end_date: "2021-02-14" })
    const second = run(ended, [item({}, variants)], "2021-03-05", asExisting(first.activities))
    expect(second.activities.map((a) => [a.kind, a.period_start, a.service_from, a.service_to, a.amount])).toEqual([
      ["credit", "2021-02-01", "2021-02-15", "2021-02-28", "-9.95"], // 19.90 × 14 / 28
      ["credit", "2021-03-01", "2021-03-01", "2021-03-31", "-19.90"],
    ])
  })

  it("does not credit days billed before billed_until that are still served", () => {
    const existing: ExistingActivity[] = [
      { contract_item_id: "item_1", service_from: "2021-01-01", service_to: "2021-01-31", quantity: 1, kind: "charge" },
    ]
    const result = run(contract({ billed_until: "2021-02-01" }), [item()], "2021-02-01", existing)
    expect(rows(result.activities)).toEqual([full("2021-02-01", "2021-02-28", "2021-02-01", "31.00")])
  })

  it("charges again days whose earlier charge was credited", () => {
    const existing: ExistingActivity[] = [
      { contract_item_id: "item_1", service_from: "2021-01-01", service_to: "2021-01-31", quantity: 1, kind: "charge" },
      { contract_item_id: "item_1", service_from: "2021-01-11", service_to: "2021-01-31", quantity: 1, kind: "credit" },
    ]
    const result = run(contract(), [item()], "2021-01-20", existing)
    expect(rows(result.activities)).toEqual([
      { ...full("2021-01-01", "2021-01-31", "2021-01-01", "21.00"), service_from: "2021-01-11" },
    ])
  })
})

describe("computeDueActivities: prices", () => {
  it("splits a period at a price change and prorates each part against the whole period", () => {
    const variants = [eur("pv_old", "10.00", "2020-01-01"), eur("pv_new", "20.00", "2021-01-11")]
    const result = run(contract(), [item({}, variants)], "2021-01-01")
    expect(result.activities.map((a) => [a.service_from, a.service_to, a.service_days, a.period_days, a.unit_price, a.price_variant_id, a.amount])).toEqual([
      ["2021-01-01", "2021-01-10", 10, 31, "10.00", "pv_old", "3.23"], // 100 / 31 = 3.2258…
      ["2021-01-11", "2021-01-31", 21, 31, "20.00", "pv_new", "13.55"], // 420 / 31 = 13.5483…
    ])
  })

  it.each([
    [9, "10.00", "pv_base", "90.00"],
    [10, "8.00", "pv_tier", "80.00"],
    [11, "8.00", "pv_tier", "88.00"],
  ])("quantity %i uses unit price %s", (quantity, unit_price, price_variant_id, amount) => {
    const variants = [eur("pv_base", "10.00"), eur("pv_tier", "8.00", "2000-01-01", 10)]
    const [activity] = run(contract(), [item({ quantity }, variants)], "2021-01-01").activities
    expect(activity).toMatchObject({ quantity, unit_price, price_variant_id, amount })
  })

  it("reports a missing price once and creates nothing for it", () => {
    const usdOnly = [{ ...eur("pv_usd", "5.00"), currency_code: "USD" }]
    const result = run(
      contract({ start_date: "2024-03-01" }),
      [item({ id: "item_1" }, usdOnly), item({ id: "item_2" }, usdOnly)],
      "2024-03-01"
    )
    expect(result).toEqual({
      activities: [],
      missing_prices: [
        {
          article_id: "art_1",
          article_name: "Box M",
          currency_code: "EUR",
          quantity: 1,
          date: "2024-03-01",
          message: 'No price for article "Box M" (art_1) in EUR for quantity 1 on 2024-03-01',
        },
      ],
    })
  })

  it("bills the part of a period from the first price on and reports the part before", () => {
    const result = run(contract({ start_date: "2024-03-01" }), [item({}, [eur("pv_1", "31.00", "2024-03-15")])], "2024-04-01")
    expect(result.missing_prices.map((m) => m.message)).toEqual([
      'No price for article "Box M" (art_1) in EUR for quantity 1 on 2024-03-01',
    ])
    expect(rows(result.activities)).toEqual([
      { ...full("2024-03-01", "2024-03-31", "2024-03-01", "17.00"), service_from: "2024-03-15" },
      full("2024-04-01", "2024-04-30", "2024-04-01", "31.00"),
    ])
  })

  it("uses a custom unit price without splitting at price changes", () => {
    const variants = [eur("pv_old", "10.00", "2020-01-01"), eur("pv_new", "20.00", "2021-01-11")]
    const result = run(contract(), [item({ custom_unit_price: "12.34", quantity: 3 }, variants)], "2021-01-01")
    expect(result.activities).toHaveLength(1)
    expect(result.activities[0]).toMatchObject({ unit_price: "12.34", amount: "37.02", price_variant_id: null })
  })
})

describe("computeDueActivities: one-time and usage articles", () => {
  const oneTime = (overrides: Partial<CalendarItem> = {}) =>
    item(
      {
        id: "item_setup",
        valid_from: "2021-02-10",
        quantity: 2,
        article: { id: "art_setup", name: "Setup", kind: "one_time", unit: null, price_variants: [eur("pv_setup", "99.95")] },
        ...overrides,
      },
      []
    )

  it("charges a one-time article once on its first served day", () => {
    const result = run(contract(), [oneTime()], "2021-03-01")
    expect(result.activities).toEqual([
      {
        contract_item_id: "item_setup",
        article_id: "art_setup",
        origin: "ONE_TIME",
        kind: "charge",
        period_start: "2021-02-10",
        period_end: "2021-02-10",
        service_from: "2021-02-10",
        service_to: "2021-02-10",
        due_date: "2021-02-10",
        quantity: 2,
        unit_price: "99.95",
        period_days: 1,
        service_days: 1,
        amount: "199.90",
        price_variant_id: "pv_setup",
      },
    ])
    expect(run(contract(), [oneTime()], "2021-03-01", asExisting(result.activities)).activities).toEqual([])
  })

  it.each<[string, Partial<CalendarContract>, Partial<CalendarItem>, string]>([
    ["before its day", {}, {}, "2021-02-09"],
    ["already billed (billed_until)", { billed_until: "2021-03-01" }, {}, "2021-03-01"],
    ["after the contract ended", { end_date: "2021-02-09" }, {}, "2021-03-01"],
    ["before the contract starts", { start_date: "2021-04-01" }, { valid_from: "2021-02-10" }, "2021-03-01"],
  ])("does not charge a one-time article %s", (_name, contractOverrides, itemOverrides, asOf) => {
    expect(run(contract(contractOverrides), [oneTime(itemOverrides)], asOf).activities).toEqual([])
  })

  it("moves a one-time charge to the contract start when the item is older", () => {
    const [activity] = run(contract({ start_date: "2021-04-01" }), [oneTime()], "2021-04-01").activities
    expect(activity.service_from).toBe("2021-04-01")
  })

  it("ignores usage articles", () => {
    const usage = item({ article: { ...item().article, kind: "usage", unit: null } })
    expect(run(contract(), [usage], "2021-12-31")).toEqual({ activities: [], missing_prices: [] })
  })
})

describe("computeDueActivities: output", () => {
  it("sorts by item, service start and kind, and is idempotent", () => {
    const variants = [eur("pv_1", "10.00"), eur("pv_2", "11.00", "2021-03-15")]
    const items = [
      item({ id: "item_b", valid_from: "2021-02-10" }, variants),
      item({ id: "item_a", valid_to: "2021-03-20" }, variants),
    ]
    const first = run(contract({ billing_mode: "arrears" }), items, "2021-05-01")
    const keys = first.activities.map((a) => `${a.contract_item_id} ${a.service_from} ${a.kind}`)
    expect(keys).toEqual([...keys].sort())
    expect(keys).toEqual([
      "item_a 2021-01-01 charge",
      "item_a 2021-02-01 charge",
      "item_a 2021-03-01 charge",
      "item_a 2021-03-15 charge",
      "item_b 2021-02-10 charge",
      "item_b 2021-03-01 charge",
      "item_b 2021-03-15 charge",
      "item_b 2021-04-01 charge",
    ])
    // item_a ends 2021-03-20, so its March is due on the 21st
    expect(first.activities.find((a) => a.contract_item_id === "item_a" && a.service_from === "2021-03-15")).toMatchObject({
      service_to: "2021-03-20",
      due_date: "2021-03-21",
      amount: "2.13", // 11 × 6 / 31 = 2.1290…
    })
    expect(run(contract({ billing_mode: "arrears" }), items, "2021-05-01", asExisting(first.activities)).activities).toEqual([])
  })

  it.each<[string, () => unknown, string]>([
    ["an invalid date", () => run(contract({ start_date: "2021-02-30" }), [item()], "2021-03-01"), "start_date"],
    ["a non-decimal price", () => run(contract(), [item({}, [eur("pv_1", "1,50")])], "2021-03-01"), 'Invalid price "1,50"'],
    ["a non-decimal custom price", () => run(contract(), [item({ custom_unit_price: "abc" })], "2021-03-01"), 'Invalid price "abc"'],
    ["a zero interval", () => run(contract({ interval_count: 0 }), [item()], "2021-03-01"), "interval_count"],
  ])("rejects %s", (_name, call, message) => {
    expect(call).toThrow(message)
  })
})

describe("itemContractMismatch", () => {
  const article = item().article
  it.each<[string, Partial<typeof article>, string | null]>([
    ["same unit", {}, null],
    ["different unit", { unit: "WEEK" }, 'Article "Box M" (art_1) is billed per WEEK but the contract interval is MONTH'],
    ["no unit", { unit: null }, 'Subscription article "Box M" (art_1) has no billing unit'],
    ["one-time article", { kind: "one_time", unit: null }, null],
  ])("%s", (_name, overrides, expected) => {
    expect(itemContractMismatch(contract(), { ...article, ...overrides })).toBe(expected)
  })
})
