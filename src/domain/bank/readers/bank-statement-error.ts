/**
 * The one error every bank statement reader throws. `location` names where in the file the problem is
 * ("line 14", "row 4", "Stmt[1]/Ntry[2]/Amt"); the message repeats it, so it can be shown as is.
 */
export class BankStatementError extends Error {
  readonly location: string | null

  constructor(problem: string, location?: string) {
    super(location ? `${location}: ${problem}` : problem)
    this.name = "BankStatementError"
    this.location = location ?? null
  }
}
