export interface DunningRunInput {
  /** The day the run acts on: levels are due by it, notices are dated it and fees booked on it. */
  as_of: string
  /** Compute what would be sent and write nothing. */
  dry_run?: boolean
  trigger: "schedule" | "admin"
}
