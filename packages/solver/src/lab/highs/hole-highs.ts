import highsLoader from 'highs'
import type { Highs } from 'highs'
import { LEAD_PENALTY } from '../../month/fill-hole'
import type { HoleChoice, HoleProblem } from '../../month/fill-hole'

/**
 * The hole ILP of `fillHole` solved by HiGHS instead of javascript-lp-solver, in this thread: the
 * other side of the measurement in bench/exact.ts. Not used by the product (HiGHS is 1.2 MB of
 * gzipped Wasm and synchronous; the browser helper keeps javascript-lp-solver).
 */
export type HoleHighs = {
  /** Writes the problem as CPLEX LP text and solves it with `highs.solve`. */
  readonly solveText: (problem: HoleProblem) => HoleChoice
  /** Passes the problem as sparse arrays (`createModel`), runs, reads the columns, disposes. */
  readonly solveArrays: (problem: HoleProblem) => HoleChoice
  /** Milliseconds it took to load and compile the Wasm module. */
  readonly loadMs: number
}

/** Loads HiGHS once and returns the two ways of solving a hole problem with it. */
export async function createHoleHighs(now: () => number = () => performance.now()): Promise<HoleHighs> {
  const started = now()
  const highs = await highsLoader()
  return {
    solveText: problem => solveText(highs, problem),
    solveArrays: problem => solveArrays(highs, problem),
    loadMs: now() - started,
  }
}

/** The hole ILP in CPLEX LP form: binaries `c{k}`, `pick` = min(needed, n), `lead` + gap ≥ leads needed. */
export function holeLpText(problem: HoleProblem): string {
  const n = problem.costs.length
  const k = Math.min(problem.needed, n)
  const names = problem.costs.map((_, j) => `c${j}`)
  const objective = problem.costs.map((cost, j) => `${cost < 0 ? '-' : '+'} ${Math.abs(cost)} ${names[j]}`)
  const leads = names.filter((_, j) => problem.leads[j])
  return [
    'Minimize',
    ` obj: ${objective.join(' ')} + ${LEAD_PENALTY} gap`,
    'Subject To',
    ` pick: ${names.join(' + ')} = ${k}`,
    ` lead: ${[...leads, 'gap'].join(' + ')} >= ${Math.min(problem.leadsNeeded, k)}`,
    'Binary',
    ` ${names.join(' ')}`,
    'End',
    '',
  ].join('\n')
}

function choice(problem: HoleProblem, values: (j: number) => number, objective: number): HoleChoice {
  const chosen = problem.costs.flatMap((_, j) => (values(j) > 0.5 ? [j] : []))
  const leads = chosen.filter(j => problem.leads[j]).length
  return { chosen, missingLeads: Math.max(0, problem.leadsNeeded - leads), objective }
}

function solveText(highs: Highs, problem: HoleProblem): HoleChoice {
  if (problem.costs.length === 0) return { chosen: [], missingLeads: problem.leadsNeeded, objective: 0 }
  const result = highs.solve(holeLpText(problem), { output_flag: false })
  if (result.Status !== 'Optimal') throw new Error(`hole ILP: HiGHS says ${result.Status}`)
  return choice(
    problem,
    j => {
      const column = result.Columns[`c${j}`]
      return column && 'Primal' in column ? column.Primal : 0
    },
    result.ObjectiveValue,
  )
}

function solveArrays(highs: Highs, problem: HoleProblem): HoleChoice {
  const n = problem.costs.length
  if (n === 0) return { chosen: [], missingLeads: problem.leadsNeeded, objective: 0 }
  const k = Math.min(problem.needed, n)
  const leadCols = problem.leads.flatMap((lead, j) => (lead ? [j] : []))
  const model = highs.createModel({
    numCols: n + 1,
    numRows: 2,
    colCost: [...problem.costs, LEAD_PENALTY],
    colLower: new Float64Array(n + 1),
    colUpper: [...problem.costs.map(() => 1), highs.infinity],
    rowLower: [k, Math.min(problem.leadsNeeded, k)],
    rowUpper: [k, highs.infinity],
    integrality: [...problem.costs.map(() => 1 as const), 0 as const],
    matrix: {
      format: 'csr',
      numRows: 2,
      numCols: n + 1,
      starts: [0, n, n + leadCols.length + 1],
      indices: [...problem.costs.map((_, j) => j), ...leadCols, n],
      values: [...problem.costs.map(() => 1), ...leadCols.map(() => 1), 1],
    },
  })
  try {
    model.options.set({ output_flag: false })
    model.run()
    const values = model.getSolution().colValue
    return choice(problem, j => values[j] ?? 0, model.getObjectiveValue())
  } finally {
    model.dispose()
  }
}
