import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseNrpInstance } from '../../src/lab/nrp/instance'
import type { NrpInstance } from '../../src/lab/nrp/instance'

/** The shared benchmark folder: /work/shared/bench/curtois, beside the repository root. */
export const CURTOIS_DIR = fileURLToPath(new URL('../../../../../shared/bench/curtois/', import.meta.url))

export const hasCurtois = existsSync(CURTOIS_DIR)

export function readCurtois(name: string): string {
  return readFileSync(`${CURTOIS_DIR}${name}`, 'utf8')
}

export function loadInstance(n: number): NrpInstance {
  return parseNrpInstance(readCurtois(`Instance${n}.txt`))
}

export type BestKnown = {
  readonly instance: string
  readonly employees: number
  readonly days: number
  readonly shiftTypes: number
  readonly bestKnown: number
}

export function bestKnown(): BestKnown[] {
  const [, ...lines] = readCurtois('best-known.csv').trim().split(/\r?\n/)
  return lines.map(line => {
    const [instance = '', employees, days, shiftTypes, best] = line.split(',')
    return {
      instance,
      employees: Number(employees),
      days: Number(days),
      shiftTypes: Number(shiftTypes),
      bestKnown: Number(best),
    }
  })
}
