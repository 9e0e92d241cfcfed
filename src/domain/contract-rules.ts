import { addDays, compareDates, maxDate } from "./calendar-date"

export interface ContractDates {
  start_date: string
  end_date?: string | null
  billed_until?: string | null
}

/** The first problem of a contract's own dates, as a message naming the field, or null. */
export function contractDatesProblem(contract: ContractDates): string | null {
  if (contract.end_date && compareDates(contract.end_date, contract.start_date) < 0) {
    return `end_date: ${contract.end_date} is before the start date ${contract.start_date}`
  }
  if (contract.billed_until && compareDates(contract.billed_until, contract.start_date) < 0) {
    return `billed_until: ${contract.billed_until} is before the start date ${contract.start_date}`
  }
  return null
}

export interface ItemDates {
  valid_from: string
  valid_to?: string | null
  billing_from?: string | null
}

/** An item lives inside its contract: it may not start before the contract nor end before it starts. */
export function itemDatesProblem(contract: ContractDates, item: ItemDates): string | null {
  if (compareDates(item.valid_from, contract.start_date) < 0) {
    return `valid_from: ${item.valid_from} is before the contract's start date ${contract.start_date}`
  }
  if (item.valid_to && compareDates(item.valid_to, item.valid_from) < 0) {
    return `valid_to: ${item.valid_to} is before valid_from ${item.valid_from}`
  }
  return null
}

/** The first day of an item that can be billed: where its price must be known. */
export function firstBillableDay(contract: ContractDates, item: ItemDates): string {
  return maxDate(
    item.valid_from,
    contract.start_date,
    item.billing_from ?? item.valid_from,
    contract.billed_until ?? contract.start_date
  )
}

/** Ending an item "at" a date means it is served up to the day before. */
export function lastDayBefore(date: string): string {
  return addDays(date, -1)
}
