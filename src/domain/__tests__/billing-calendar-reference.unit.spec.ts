/**
 * Cross-checks computeDueActivities against a deliberately naive reference
 * that walks every day, finds its period by stepping through boundaries, and
 * prices it on its own. Only the date basics (Date.UTC) and the rounding rule
 * are shared; none of the domain code is used for the expectations.
 */
import { MathBN } from "@medusajs/framework/utils"
import { BigNumber as BigNumberJs } from "bignumber.js"
import {
  CalendarContract,
  CalendarItem,
  computeDueActivities,
  DueActivity,
  nextDueDate,
  ExistingActivity,
  IntervalUnit,
  PriceVariantInput,
} from "../billing-calendar"

const MS_PER_DAY = 86_400_000

const dayOf = (date: string): number =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY

const dateOf = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10)

const monthLength = (year: number, monthIndex: number): number =>
  new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate()

function referenceBoundary(anchor: string, count: number, unit: IntervalUnit, k: number): number {
  if (unit === "DAY") {
    return dayOf(anchor) + k * count
  }
  if (unit === "WEEK") {
    return dayOf(anchor) + 7 * k * count
  }
  const year = Number(anchor.slice(0, 4))
  const monthIndex = Number(anchor.slice(5, 7)) - 1
  const day = Number(anchor.slice(8, 10))
  const shifted = monthIndex + (unit === "MONTH" ? k * count : 12 * k * count)
  const targetYear = year + Math.floor(shifted / 12)
  const targetMonth = ((shifted % 12) + 12) % 12
  return Date.UTC(targetYear, targetMonth, Math.min(day, monthLength(targetYear, targetMonth))) / MS_PER_DAY
}

function referencePrice(variants: PriceVariantInput[], quantity: number, day: number): PriceVariantInput | null {
  const candidates = variants.filter(
    (v) => v.currency_code === "EUR" && dayOf(v.valid_from) <= day && v.min_quantity <= quantity
  )
  if (candidates.length === 0) {
    return null
  }
  const topTier = Math.max(...candidates.map((v) => v.min_quantity))
  const tier = candidates.filter((v) => v.min_quantity === topTier)
  return tier.reduce((latest, v) => (dayOf(v.valid_from) > dayOf(latest.valid_from) ? v : latest))
}

interface ReferenceGroup {
  days: number
  period_days: number
  due_date: string
  unit_price: string
}

interface ReferenceResult {
  groups: Map<string, ReferenceGroup>
  chargedDays: Map<string, Set<number>>
  missingRunStarts: Map<string, string[]>
}

function reference(contract: CalendarContract, items: CalendarItem[], asOf: string): ReferenceResult {
  const result: ReferenceResult = { groups: new Map(), chargedDays: new Map(), missingRunStarts: new Map() }
  const asOfDay = dayOf(asOf)
  for (const item of items) {
    const anchor = item.billing_from ?? contract.start_date
    const firstServed = Math.max(
      dayOf(item.valid_from),
      dayOf(contract.start_date),
      item.billing_from ? dayOf(item.billing_from) : -Infinity
    )
    const lastServed = Math.min(
      item.valid_to ? dayOf(item.valid_to) : Infinity,
      contract.end_date ? dayOf(contract.end_date) : Infinity
    )
    const billedUntil = contract.billed_until ? dayOf(contract.billed_until) : -Infinity
    const charged = new Set<number>()
    const missing = new Set<number>()
    for (let k = 0; ; k += 1) {
      const start = referenceBoundary(anchor, contract.interval_count, contract.interval_unit, k)
      const end = referenceBoundary(anchor, contract.interval_count, contract.interval_unit, k + 1) - 1
      if (start > asOfDay || start > lastServed) {
        break
      }
      let lastInPeriod = -Infinity
      for (let day = start; day <= end; day += 1) {
        if (day >= firstServed && day <= lastServed) {
          lastInPeriod = day
        }
      }
      if (lastInPeriod === -Infinity) {
        continue
      }
      const due = contract.billing_mode === "advance" ? start : lastInPeriod + 1
      if (due > asOfDay) {
        continue
      }
      for (let day = start; day <= end; day += 1) {
        if (day < firstServed || day > lastServed || day < billedUntil) {
          continue
        }
        const price = item.custom_unit_price
          ? { id: "custom", amount: item.custom_unit_price }
          : referencePrice(item.article.price_variants, item.quantity, day)
        if (!price) {
          missing.add(day)
          continue
        }
        charged.add(day)
        const key = `${item.id}|${dateOf(start)}|${price.id}`
        const group = result.groups.get(key) ?? {
          days: 0,
          period_days: end - start + 1,
          due_date: dateOf(due),
          unit_price: price.amount,
        }
        group.days += 1
        result.groups.set(key, group)
      }
    }
    result.chargedDays.set(item.id, charged)
    result.missingRunStarts.set(
      item.id,
      [...missing].filter((day) => !missing.has(day - 1)).sort((a, b) => a - b).map(dateOf)
    )
  }
  return result
}

function referenceAmount(group: ReferenceGroup, quantity: number): string {
  const exact = MathBN.div(MathBN.mult(MathBN.mult(group.unit_price, quantity), group.days), group.period_days)
  return exact.decimalPlaces(2, BigNumberJs.ROUND_HALF_UP).toFixed(2)
}

/** mulberry32: small, seeded, reproducible. */
function prng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Scenario {
  contract: CalendarContract
  items: CalendarItem[]
  asOf: string
  span: number
}

function randomScenario(random: () => number): Scenario {
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
  const pick = <T>(values: T[]): T => values[int(0, values.length - 1)]
  const chance = (p: number) => random() < p
  const money = () => `${int(0, 999)}.${String(int(0, 99)).padStart(2, "0")}${chance(0.2) ? int(0, 9) : ""}`

  const unit = pick<IntervalUnit>(["DAY", "WEEK", "MONTH", "YEAR"])
  const count = int(1, 3)
  const span = { DAY: 30, WEEK: 120, MONTH: 500, YEAR: 1500 }[unit] * count
  const year = int(2019, 2024)
  const monthIndex = int(0, 11)
  const start = dayOf(dateOf(Date.UTC(year, monthIndex, Math.min(int(28, 31), monthLength(year, monthIndex))) / MS_PER_DAY))
  const items: CalendarItem[] = []
  for (let i = 0; i < int(1, 2); i += 1) {
    const validFrom = start + int(-30, Math.floor(span / 3))
    const variants: PriceVariantInput[] = [
      { id: `pv_${i}_a`, currency_code: "EUR", amount: money(), valid_from: dateOf(start + int(-30, 10)), min_quantity: 1 },
    ]
    if (chance(0.6)) {
      variants.push({
        id: `pv_${i}_b`,
        currency_code: "EUR",
        amount: money(),
        valid_from: dateOf(start + int(0, span)),
        min_quantity: pick([1, 5]),
      })
    }
    if (chance(0.2)) {
      variants.push({ id: `pv_${i}_usd`, currency_code: "USD", amount: money(), valid_from: dateOf(start - 100), min_quantity: 1 })
    }
    items.push({
      id: `item_${i}`,
      quantity: int(1, 12),
      valid_from: dateOf(validFrom),
      valid_to: chance(0.5) ? null : dateOf(validFrom + int(0, span)),
      billing_from: chance(0.25) ? dateOf(start + int(0, Math.floor(span / 4))) : null,
      custom_unit_price: chance(0.1) ? money() : null,
      article: { id: `art_${i}`, name: `Article ${i}`, kind: "subscription", unit, price_variants: variants },
    })
  }
  return {
    contract: {
      id: "con_ref",
      currency_code: "EUR",
      start_date: dateOf(start),
      end_date: chance(0.4) ? null : dateOf(start + int(-5, span)),
      interval_count: count,
      interval_unit: unit,
      billing_mode: pick(["advance", "arrears"]),
      billed_until: chance(0.5) ? null : dateOf(start + int(-10, Math.floor(span / 2))),
    },
    items,
    asOf: dateOf(start + int(-10, span)),
    span,
  }
}

const asExisting = (activities: DueActivity[]): ExistingActivity[] =>
  activities.map(({ contract_item_id, service_from, service_to, quantity, kind }) => ({
    contract_item_id,
    service_from,
    service_to,
    quantity,
    kind,
  }))

function netCoverage(activities: ExistingActivity[], itemId: string): Map<number, number> {
  const coverage = new Map<number, number>()
  for (const activity of activities.filter((a) => a.contract_item_id === itemId)) {
    for (let day = dayOf(activity.service_from); day <= dayOf(activity.service_to); day += 1) {
      coverage.set(day, (coverage.get(day) ?? 0) + (activity.kind === "charge" ? 1 : -1))
    }
  }
  return coverage
}

const SCENARIOS = 400

describe("computeDueActivities against a day-by-day reference", () => {
  const scenarios = Array.from({ length: SCENARIOS }, (_, i) => [i, randomScenario(prng(1000 + i))] as const)

  it.each(scenarios)("scenario %i: same periods, days, prices and amounts", (_i, scenario) => {
    const { contract, items, asOf } = scenario
    const expected = reference(contract, items, asOf)
    const actual = computeDueActivities({ contract, items, existing: [], asOf })

    expect(actual.activities.every((a) => a.kind === "charge")).toBe(true)
    const actualGroups = new Map<string, DueActivity>()
    for (const activity of actual.activities) {
      const key = `${activity.contract_item_id}|${activity.period_start}|${activity.price_variant_id ?? "custom"}`
      expect(actualGroups.has(key)).toBe(false)
      actualGroups.set(key, activity)
    }
    expect([...actualGroups.keys()].sort()).toEqual([...expected.groups.keys()].sort())

    for (const [key, group] of expected.groups) {
      const activity = actualGroups.get(key)!
      const quantity = items.find((i) => i.id === activity.contract_item_id)!.quantity
      expect({ key, ...activity }).toMatchObject({
        key,
        service_days: group.days,
        period_days: group.period_days,
        due_date: group.due_date,
        unit_price: group.unit_price,
      })
      expect(MathBN.eq(activity.amount, referenceAmount(group, quantity))).toBe(true)
      expect(dayOf(activity.service_to) - dayOf(activity.service_from) + 1).toBe(activity.service_days)
      expect(dayOf(activity.period_end) - dayOf(activity.period_start) + 1).toBe(activity.period_days)
    }

    for (const item of items) {
      const missingDates = actual.missing_prices.filter((m) => m.article_id === item.article.id).map((m) => m.date)
      expect(missingDates.sort()).toEqual(expected.missingRunStarts.get(item.id))
    }

    const again = computeDueActivities({ contract, items, existing: asExisting(actual.activities), asOf })
    expect(again.activities).toEqual([])
  })

  it.each(scenarios)("scenario %i: shortening afterwards credits exactly the days no longer due", (i, scenario) => {
    const random = prng(5000 + i)
    const { contract, items, asOf, span } = scenario
    const first = computeDueActivities({ contract, items, existing: [], asOf })

    const cut = dateOf(dayOf(contract.start_date) + Math.floor(random() * span))
    const shortened: Scenario =
      random() < 0.5
        ? {
            ...scenario,
            contract: {
              ...contract,
              end_date: contract.end_date && contract.end_date < cut ? contract.end_date : cut,
            },
          }
        : {
            ...scenario,
            items: items.map((item, index) =>
              index === 0 ? { ...item, valid_to: item.valid_to && item.valid_to < cut ? item.valid_to : cut } : item
            ),
          }
    const laterAsOf = dateOf(dayOf(asOf) + Math.floor(random() * 60))
    const existing = asExisting(first.activities)
    const second = computeDueActivities({
      contract: shortened.contract,
      items: shortened.items,
      existing,
      asOf: laterAsOf,
    })
    for (const activity of second.activities) {
      expect(MathBN.lt(activity.amount, 0)).toBe(activity.kind === "credit")
    }

    const expected = reference(shortened.contract, shortened.items, laterAsOf)
    const all = [...existing, ...asExisting(second.activities)]
    for (const item of shortened.items) {
      const coverage = netCoverage(all, item.id)
      const target = expected.chargedDays.get(item.id)!
      const covered = [...coverage].filter(([, n]) => n !== 0)
      expect(covered.every(([, n]) => n === 1)).toBe(true)
      expect(covered.map(([day]) => day).sort((a, b) => a - b)).toEqual([...target].sort((a, b) => a - b))
    }

    const third = computeDueActivities({
      contract: shortened.contract,
      items: shortened.items,
      existing: all,
      asOf: laterAsOf,
    })
    expect(third.activities).toEqual([])
  })

  it.each(scenarios)("scenario %i: nothing new falls due before nextDueDate, and something does on it", (_i, scenario) => {
    const { contract, items, asOf, span } = scenario
    const first = computeDueActivities({ contract, items, existing: [], asOf })
    const existing = asExisting(first.activities)
    const next = nextDueDate({ contract, items, existing, asOf })
    const at = (day: number) => computeDueActivities({ contract, items, existing, asOf: dateOf(day) })
    const dueSomething = (day: number) => {
      const result = at(day)
      return result.activities.length > 0 || result.missing_prices.length > first.missing_prices.length
    }
    const last = next === null ? dayOf(asOf) + 3 * span : dayOf(next) - 1
    for (let day = dayOf(asOf) + 1; day <= Math.min(last, dayOf(asOf) + 400); day += 1) {
      expect([dateOf(day), at(day).activities]).toEqual([dateOf(day), []])
    }
    expect(at(last).activities).toEqual([])
    if (next !== null) {
      expect(next > asOf).toBe(true)
      expect(dueSomething(dayOf(next))).toBe(true)
    }
  })
})
