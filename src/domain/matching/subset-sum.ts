export interface SubsetSearchOptions {
  /** Stop after this many solutions (2 is enough to tell "unique" from "ambiguous"). */
  max_solutions: number
  /** Stop after visiting this many search nodes; the search is then incomplete. */
  max_nodes: number
}

export interface SubsetSearchResult {
  /** Index lists into the input, each ascending; found in lexicographic order, so with the
   * input sorted oldest first, the first solution prefers the oldest items. */
  solutions: number[][]
  /** True when every subset was considered: then `solutions.length` is the true count
   * (capped at max_solutions). */
  complete: boolean
}

/**
 * Subsets of positive integer amounts (cents) that sum to exactly `target`, by depth-first
 * search with pruning on the remaining sum; bounded by `max_nodes` so a large input cannot
 * stall matching.
 */
export function findExactSubsets(
  amounts: readonly number[],
  target: number,
  options: SubsetSearchOptions
): SubsetSearchResult {
  if (amounts.some((amount) => !Number.isSafeInteger(amount) || amount <= 0)) {
    throw new Error("findExactSubsets: amounts must be positive integers (cents)")
  }
  const solutions: number[][] = []
  if (!Number.isSafeInteger(target) || target <= 0) {
    return { solutions, complete: true }
  }
  const suffixSums = new Array<number>(amounts.length + 1).fill(0)
  for (let index = amounts.length - 1; index >= 0; index--) {
    suffixSums[index] = suffixSums[index + 1] + amounts[index]
  }
  const chosen: number[] = []
  let nodes = 0
  let stopped = false
  let overBudget = false

  const search = (from: number, remaining: number): void => {
    for (let index = from; index < amounts.length && !stopped; index++) {
      if (suffixSums[index] < remaining) {
        return
      }
      nodes += 1
      if (nodes > options.max_nodes) {
        stopped = true
        overBudget = true
        return
      }
      const amount = amounts[index]
      if (amount > remaining) {
        continue
      }
      chosen.push(index)
      if (amount === remaining) {
        solutions.push([...chosen])
        if (solutions.length >= options.max_solutions) {
          stopped = true
        }
      } else {
        search(index + 1, remaining - amount)
      }
      chosen.pop()
    }
  }

  search(0, target)
  return { solutions, complete: !overBudget }
}
