export * from "./tax"
export * from "./invoice-totals"
export * from "./invoice-number"
export * from "./due-date"
