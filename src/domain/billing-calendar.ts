/**
 * The billing calendar: which service days of a contract are due by a given
 * day, what they cost, and what has to be charged or credited so that the
 * activities created so far match that.
 *
 * Ranges are inclusive [from, to] calendar days, except `billed_until`, which
 * is exclusive: the first day that has not been billed yet.
 *
 * Proration is by exact days: a part of d days of a period of L days costs
 * unit_price × quantity × d / L, rounded to 2 decimals half away from zero
 * only once, at the end of each activity's amount (see money.ts). A whole
 * period costs exactly unit_price × quantity, whatever its length.
 */
import {
  IntervalUnit,
  addInterval,
  assertIsoDate,
  fromDayNumber,
  intervalIndexOf,
  toDayNumber,
} from "./calendar-date"
import { isDecimalString, lineAmount, negateAmount, proratedAmount } from "./money"
import { PriceVariantInput, priceChangeDates, resolvePrice } from "./price-resolution"

export type { IntervalUnit } from "./calendar-date"
export type { PriceVariantInput } from "./price-resolution"

export type BillingMode = "advance" | "arrears"
export type ArticleKind = "subscription" | "one_time" | "usage"

export interface CalendarContract {
  id: string
  currency_code: string
  start_date: string
  /** Inclusive last day; null for an open-ended contract. */
  end_date: string | null
  interval_count: number
  interval_unit: IntervalUnit
  billing_mode: BillingMode
  /** Exclusive: the first day not billed yet; null when nothing was billed outside this calendar. */
  billed_until: string | null
}

export interface CalendarArticle {
  id: string
  name: string
  kind: ArticleKind
  unit: IntervalUnit | null
  price_variants: PriceVariantInput[]
}

export interface CalendarItem {
  id: string
  quantity: number
  valid_from: string
  /** Inclusive; null while the item runs with the contract. */
  valid_to: string | null
  /** The item's billing anchor; nothing of this item before it is billed. */
  billing_from: string | null
  custom_unit_price: string | null
  article: CalendarArticle
}

/** An activity created by an earlier run, billed or not. */
export interface ExistingActivity {
  contract_item_id: string
  service_from: string
  service_to: string
  quantity: number
  kind: "charge" | "credit"
}

export interface DueActivity {
  contract_item_id: string
  article_id: string
  origin: "SUBSCRIPTION" | "ONE_TIME"
  kind: "charge" | "credit"
  /** The full billing period the service belongs to. */
  period_start: string
  period_end: string
  /** The part of the period charged or credited (inclusive). */
  service_from: string
  service_to: string
  due_date: string
  quantity: number
  /** Price per unit for a full period. */
  unit_price: string
  period_days: number
  service_days: number
  /** 2 decimals, negative for credits. */
  amount: string
  /** null when the item has a custom price. */
  price_variant_id: string | null
}

export interface MissingPrice {
  article_id: string
  article_name: string
  currency_code: string
  quantity: number
  date: string
  message: string
}

export interface ComputeDueActivitiesInput {
  contract: CalendarContract
  items: CalendarItem[]
  existing: ExistingActivity[]
  asOf: string
}

export interface ComputeDueActivitiesResult {
  activities: DueActivity[]
  missing_prices: MissingPrice[]
}

/** Why a subscription article cannot be billed on this contract's interval, or null when it can. */
export function itemContractMismatch(
  contract: Pick<CalendarContract, "interval_unit">,
  article: Pick<CalendarArticle, "id" | "name" | "kind" | "unit">
): string | null {
  if (article.kind !== "subscription") {
    return null
  }
  if (article.unit === null) {
    return `Subscription article "${article.name}" (${article.id}) has no billing unit`
  }
  if (article.unit !== contract.interval_unit) {
    return `Article "${article.name}" (${article.id}) is billed per ${article.unit} but the contract interval is ${contract.interval_unit}`
  }
  return null
}

interface Price {
  key: string
  unit_price: string
  price_variant_id: string | null
}

type PriceLookup = (day: number) => Price | null

interface Collector {
  activities: DueActivity[]
  missing: Map<string, MissingPrice>
}

function missingPrice(
  collector: Collector,
  item: CalendarItem,
  currency_code: string,
  day: number
): void {
  const date = fromDayNumber(day)
  const { article, quantity } = item
  const key = JSON.stringify([article.id, currency_code, quantity, date])
  if (collector.missing.has(key)) {
    return
  }
  collector.missing.set(key, {
    article_id: article.id,
    article_name: article.name,
    currency_code,
    quantity,
    date,
    message: `No price for article "${article.name}" (${article.id}) in ${currency_code.toUpperCase()} for quantity ${quantity} on ${date}`,
  })
}

function priceLookup(item: CalendarItem, currency_code: string): PriceLookup {
  const custom = item.custom_unit_price
  if (custom !== null) {
    return () => ({ key: "custom", unit_price: custom, price_variant_id: null })
  }
  return (day) => {
    const variant = resolvePrice(item.article.price_variants, {
      currency_code,
      quantity: item.quantity,
      date: fromDayNumber(day),
    })
    return variant
      ? { key: `variant:${variant.id}`, unit_price: variant.amount, price_variant_id: variant.id }
      : null
  }
}

/** The days an item is served, ignoring billed_until; null when there are none. */
function servedSpan(contract: CalendarContract, item: CalendarItem): { from: number; to: number } | null {
  const from = Math.max(
    toDayNumber(item.valid_from),
    toDayNumber(contract.start_date),
    item.billing_from === null ? -Infinity : toDayNumber(item.billing_from)
  )
  const to = Math.min(
    item.valid_to === null ? Infinity : toDayNumber(item.valid_to),
    contract.end_date === null ? Infinity : toDayNumber(contract.end_date)
  )
  return from <= to ? { from, to } : null
}

function billedUntilDay(contract: CalendarContract): number {
  return contract.billed_until === null ? -Infinity : toDayNumber(contract.billed_until)
}

function oneTimeActivity(
  input: ComputeDueActivitiesInput,
  item: CalendarItem,
  collector: Collector
): void {
  const { contract, existing, asOf } = input
  if (existing.some((activity) => activity.contract_item_id === item.id)) {
    return
  }
  const served = servedSpan(contract, item)
  if (!served || served.from < billedUntilDay(contract) || served.from > toDayNumber(asOf)) {
    return
  }
  const price = priceLookup(item, contract.currency_code)(served.from)
  if (!price) {
    missingPrice(collector, item, contract.currency_code, served.from)
    return
  }
  const day = fromDayNumber(served.from)
  collector.activities.push({
    contract_item_id: item.id,
    article_id: item.article.id,
    origin: "ONE_TIME",
    kind: "charge",
    period_start: day,
    period_end: day,
    service_from: day,
    service_to: day,
    due_date: day,
    quantity: item.quantity,
    unit_price: price.unit_price,
    period_days: 1,
    service_days: 1,
    amount: lineAmount(price.unit_price, item.quantity),
    price_variant_id: price.price_variant_id,
  })
}

/** Billing periods of one item, anchored at its billing_from or the contract start. */
class PeriodGrid {
  private readonly boundaries = new Map<number, number>()

  constructor(
    private readonly anchor: string,
    private readonly count: number,
    private readonly unit: IntervalUnit
  ) {}

  boundary(k: number): number {
    let day = this.boundaries.get(k)
    if (day === undefined) {
      day = toDayNumber(addInterval(this.anchor, this.count, this.unit, k))
      this.boundaries.set(k, day)
    }
    return day
  }

  start(k: number): number {
    return this.boundary(k)
  }

  end(k: number): number {
    return this.boundary(k + 1) - 1
  }

  indexOf(day: number): number {
    return intervalIndexOf(this.anchor, this.count, this.unit, fromDayNumber(day))
  }
}

interface Segment {
  from: number
  to: number
  period: number
  delta: number
  price: Price | null
}

/** Day-count change of the existing activities, keyed by the day it takes effect. */
function coverageEvents(existing: ExistingActivity[], itemId: string): Map<number, number> {
  const events = new Map<number, number>()
  for (const activity of existing) {
    if (activity.contract_item_id !== itemId) {
      continue
    }
    const sign = activity.kind === "charge" ? 1 : -1
    const from = toDayNumber(activity.service_from)
    const after = toDayNumber(activity.service_to) + 1
    events.set(from, (events.get(from) ?? 0) + sign)
    events.set(after, (events.get(after) ?? 0) - sign)
  }
  return events
}

/**
 * Arrears periods fall due the day after their last served day, so a period
 * cut short by the item's or the contract's end is due right after that end.
 */
function dueDayOf(contract: CalendarContract, served: { from: number; to: number } | null, grid: PeriodGrid) {
  return (k: number): number => {
    if (contract.billing_mode === "advance") {
      return grid.start(k)
    }
    if (served && served.to >= grid.start(k)) {
      return Math.min(grid.end(k), served.to) + 1
    }
    return grid.end(k) + 1
  }
}

/**
 * The first day after `asOf` on which `computeDueActivities` can return anything new, given that its result
 * for `asOf` has been stored (and is part of `existing`) and nothing about the contract changes: the due day
 * of the next period of a subscription item, or the first served day of a one-time item not billed yet.
 * Null when nothing will ever fall due again (every item ended and billed). A billing run skips the contract
 * until then; any change to the contract or its items clears the date (see the contract module).
 */
export function nextDueDate(input: ComputeDueActivitiesInput): string | null {
  validate(input)
  const { contract, asOf } = input
  const asOfDay = toDayNumber(asOf)
  const billedUntil = billedUntilDay(contract)
  let next = Infinity
  for (const item of input.items) {
    const served = servedSpan(contract, item)
    if (!served || served.to < billedUntil) {
      continue
    }
    if (item.article.kind === "one_time") {
      if (served.from >= billedUntil && served.from > asOfDay && !input.existing.some((a) => a.contract_item_id === item.id)) {
        next = Math.min(next, served.from)
      }
      continue
    }
    if (item.article.kind !== "subscription") {
      continue
    }
    const grid = new PeriodGrid(item.billing_from ?? contract.start_date, contract.interval_count, contract.interval_unit)
    const dueDay = dueDayOf(contract, served, grid)
    let k = grid.indexOf(Math.max(served.from, Number.isFinite(billedUntil) ? billedUntil : served.from))
    while (grid.start(k) <= served.to && dueDay(k) <= asOfDay) {
      k += 1
    }
    if (grid.start(k) <= served.to) {
      next = Math.min(next, dueDay(k))
    }
  }
  return Number.isFinite(next) ? fromDayNumber(next) : null
}

function subscriptionActivities(
  input: ComputeDueActivitiesInput,
  item: CalendarItem,
  collector: Collector
): void {
  const { contract, asOf } = input
  const asOfDay = toDayNumber(asOf)
  const billedUntil = billedUntilDay(contract)
  const served = servedSpan(contract, item)
  const grid = new PeriodGrid(
    item.billing_from ?? contract.start_date,
    contract.interval_count,
    contract.interval_unit
  )

  const dueDay = dueDayOf(contract, served, grid)

  const events = coverageEvents(input.existing, item.id)
  const breakpoints = new Set<number>(events.keys())
  let lo = Infinity
  let hi = -Infinity
  for (const activity of input.existing) {
    if (activity.contract_item_id === item.id) {
      lo = Math.min(lo, toDayNumber(activity.service_from))
      hi = Math.max(hi, toDayNumber(activity.service_to))
    }
  }

  if (served) {
    // Due dates only grow with the period index, so the due periods are a prefix.
    let lastDueEnd = -Infinity
    for (
      let k = grid.indexOf(served.from);
      grid.start(k) <= served.to && dueDay(k) <= asOfDay;
      k += 1
    ) {
      lastDueEnd = Math.min(grid.end(k), served.to)
    }
    const chargeFrom = Math.max(served.from, billedUntil)
    if (chargeFrom <= lastDueEnd) {
      lo = Math.min(lo, chargeFrom)
      hi = Math.max(hi, lastDueEnd)
    }
    breakpoints.add(served.from)
    breakpoints.add(served.to + 1)
  }
  if (lo > hi) {
    return
  }
  if (Number.isFinite(billedUntil)) {
    breakpoints.add(billedUntil)
  }
  const firstPeriod = grid.indexOf(lo)
  const lastPeriod = grid.indexOf(hi)
  for (let k = firstPeriod; k <= lastPeriod + 1; k += 1) {
    breakpoints.add(grid.start(k))
  }
  if (item.custom_unit_price === null) {
    for (const date of priceChangeDates(
      item.article.price_variants,
      contract.currency_code,
      fromDayNumber(lo),
      fromDayNumber(hi)
    )) {
      breakpoints.add(toDayNumber(date))
    }
  }

  const cuts = [...breakpoints].filter((day) => day > lo && day <= hi).sort((a, b) => a - b)
  const starts = [lo, ...cuts]
  const eventDays = [...events.keys()].sort((a, b) => a - b)
  const lookup = priceLookup(item, contract.currency_code)
  const segments: Segment[] = []
  let coverage = 0
  let nextEvent = 0
  let period = firstPeriod

  for (let i = 0; i < starts.length; i += 1) {
    const from = starts[i]
    const to = i + 1 < starts.length ? starts[i + 1] - 1 : hi
    while (nextEvent < eventDays.length && eventDays[nextEvent] <= from) {
      coverage += events.get(eventDays[nextEvent]) ?? 0
      nextEvent += 1
    }
    while (grid.end(period) < from) {
      period += 1
    }
    const isServed = served !== null && from >= served.from && from <= served.to
    // Served days already billed outside this calendar, or in a period that
    // is not due yet, keep whatever was created for them.
    let wanted: number
    if (!isServed) {
      wanted = 0
    } else if (from < billedUntil || dueDay(period) > asOfDay) {
      wanted = coverage
    } else {
      wanted = 1
    }
    const delta = wanted - coverage
    if (delta !== 0) {
      segments.push({ from, to, period, delta, price: lookup(from) })
    }
  }

  emitRuns(segments, item, contract, grid, dueDay, collector)
}

function emitRuns(
  segments: Segment[],
  item: CalendarItem,
  contract: CalendarContract,
  grid: PeriodGrid,
  dueDay: (k: number) => number,
  collector: Collector
): void {
  const runs: Segment[] = []
  for (const segment of segments) {
    const last = runs[runs.length - 1]
    const adjacent = last !== undefined && last.to + 1 === segment.from && last.delta === segment.delta
    const bothMissing = adjacent && last.price === null && segment.price === null
    const samePeriodAndPrice =
      adjacent &&
      last.period === segment.period &&
      last.price !== null &&
      segment.price !== null &&
      last.price.key === segment.price.key
    if (bothMissing || samePeriodAndPrice) {
      last.to = segment.to
    } else {
      runs.push({ ...segment })
    }
  }

  for (const run of runs) {
    if (run.price === null) {
      missingPrice(collector, item, contract.currency_code, run.from)
      continue
    }
    const periodStart = grid.start(run.period)
    const periodEnd = grid.end(run.period)
    const periodDays = periodEnd - periodStart + 1
    const serviceDays = run.to - run.from + 1
    const charge = proratedAmount(run.price.unit_price, item.quantity, serviceDays, periodDays)
    const kind = run.delta > 0 ? "charge" : "credit"
    // A day covered twice (or reversed twice) needs one activity per excess
    // unit, otherwise a re-run would find the same gap again.
    for (let copy = 0; copy < Math.abs(run.delta); copy += 1) {
      collector.activities.push({
        contract_item_id: item.id,
        article_id: item.article.id,
        origin: "SUBSCRIPTION",
        kind,
        period_start: fromDayNumber(periodStart),
        period_end: fromDayNumber(periodEnd),
        service_from: fromDayNumber(run.from),
        service_to: fromDayNumber(run.to),
        due_date: fromDayNumber(dueDay(run.period)),
        quantity: item.quantity,
        unit_price: run.price.unit_price,
        period_days: periodDays,
        service_days: serviceDays,
        amount: kind === "charge" ? charge : negateAmount(charge),
        price_variant_id: run.price.price_variant_id,
      })
    }
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function validate(input: ComputeDueActivitiesInput): void {
  const { contract, items, existing, asOf } = input
  assertIsoDate(asOf, "asOf")
  assertIsoDate(contract.start_date, "contract start_date")
  if (contract.end_date !== null) {
    assertIsoDate(contract.end_date, "contract end_date")
  }
  if (contract.billed_until !== null) {
    assertIsoDate(contract.billed_until, "contract billed_until")
  }
  if (!Number.isInteger(contract.interval_count) || contract.interval_count < 1) {
    throw new Error(`Contract interval_count must be a positive integer, got ${contract.interval_count}`)
  }
  for (const item of items) {
    assertIsoDate(item.valid_from, `valid_from of item ${item.id}`)
    if (item.valid_to !== null) {
      assertIsoDate(item.valid_to, `valid_to of item ${item.id}`)
    }
    if (item.billing_from !== null) {
      assertIsoDate(item.billing_from, `billing_from of item ${item.id}`)
    }
    if (!Number.isFinite(item.quantity) || item.quantity < 0) {
      throw new Error(`Quantity of item ${item.id} must be a non-negative number, got ${item.quantity}`)
    }
    const amounts = item.article.price_variants.map((variant) => variant.amount)
    if (item.custom_unit_price !== null) {
      amounts.push(item.custom_unit_price)
    }
    const invalid = amounts.find((amount) => !isDecimalString(amount))
    if (invalid !== undefined) {
      throw new Error(`Invalid price "${invalid}" for item ${item.id}, expected a decimal string`)
    }
  }
  for (const activity of existing) {
    assertIsoDate(activity.service_from, "existing service_from")
    assertIsoDate(activity.service_to, "existing service_to")
  }
}

/**
 * What is due for a contract as of a day, reconciled against the activities
 * already created: per item and day, the existing charges (+1) and credits
 * (−1) give the net coverage; served days of due periods from billed_until on
 * that are not covered get charged, covered days that are no longer served get
 * credited. Emitted days are grouped into maximal runs within one period and
 * one price. Feeding the result back in as `existing` yields nothing new.
 */
export function computeDueActivities(input: ComputeDueActivitiesInput): ComputeDueActivitiesResult {
  validate(input)
  const collector: Collector = { activities: [], missing: new Map() }
  for (const item of input.items) {
    if (item.article.kind === "subscription") {
      subscriptionActivities(input, item, collector)
    } else if (item.article.kind === "one_time") {
      oneTimeActivity(input, item, collector)
    }
  }
  const activities = collector.activities.sort(
    (a, b) =>
      compareText(a.contract_item_id, b.contract_item_id) ||
      compareText(a.service_from, b.service_from) ||
      compareText(a.kind, b.kind)
  )
  return { activities, missing_prices: [...collector.missing.values()] }
}
