#!/usr/bin/env -S npx tsx
import { pathToFileURL } from 'node:url'
import { backupCommand, restoreCommand } from './commands/backup'
import { checkCommand, leaveCheckCommand, swapCheckCommand } from './commands/check'
import { exportCommand } from './commands/export'
import { generateCommand } from './commands/generate'
import { importCommand } from './commands/import'
import { monthCommand } from './commands/month'
import { nrpCommand } from './commands/nrp'
import { InputError } from './io'

/** Where a command writes: stdout for machine output, stderr for people (spec/formats.md §2). */
export type Io = {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  /** A transient progress line for people (stderr); may be a no-op. */
  readonly progress: (text: string) => void
  readonly env: NodeJS.ProcessEnv
}

type Command = (args: string[], io: Io) => number | Promise<number>

const COMMANDS: Record<string, Command> = {
  check: checkCommand,
  'swap-check': swapCheckCommand,
  'leave-check': leaveCheckCommand,
  generate: generateCommand,
  export: exportCommand,
  import: importCommand,
  nrp: nrpCommand,
  month: monthCommand,
  backup: backupCommand,
  restore: restoreCommand,
}

const USAGE = `usage: paiban <command> …
  check FILE.month.json [--json] [--lang zh|en]
  swap-check FILE.month.json --request REQ.json [--json] [--lang zh|en]
  leave-check FILE.month.json --request REQ.json [--json] [--lang zh|en]
  generate FILE.month.json [--seconds S] [--seed N] [--out OUT.month.json] [--keep REF.month.json] [--json]
  export payroll FILE.month.json [--format csv|xlsx] [--out F] [--lang zh|en]
  export ical FILE.month.json --agent ID [--out F]
  export roster FILE.month.json --format xlsx --out F [--lang zh|en]
  export swaps|leaves FILE.month.json [--format csv|xlsx] [--out F] [--lang zh|en]
  import roster SHEET.xlsx|SHEET.csv --month FILE.month.json [--out F] [--mapping MAP.json] [--json]
  (check, swap-check, leave-check, generate, export, import: --holidays FILE.holidays.json reads the year's arrangement)
  nrp solve INSTANCE.txt [--seconds S] [--seed N] [--json]
  nrp eval INSTANCE.txt ROSTER.json [--json]
  month next FILE.month.json [--out F]
  backup --out F [--data-dir D]      (PGlite; stop the server first)
  restore F [--data-dir D]           (into an empty directory)`

/** Runs one command line; returns the exit code: 0 ok, 1 hard violations remain, 2 bad input or usage. */
export async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv
  const command = name === undefined ? undefined : COMMANDS[name]
  if (!command) {
    io.err(name === undefined ? USAGE : `unknown command ${name}\n${USAGE}`)
    return 2
  }
  try {
    return await command(args, io)
  } catch (error) {
    if (error instanceof InputError) {
      io.err(error.message)
      return 2
    }
    // A bug, not bad input: say so in one line; the stack only when asked for.
    io.err(`internal error: ${(error as Error).message}`)
    if (io.env.PAIBAN_DEBUG) io.err((error as Error).stack ?? '')
    return 70
  }
}

const io: Io = {
  out: text => process.stdout.write(`${text}\n`),
  // On a terminal, first clear a progress line left by `progress`.
  err: text => process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[K' : ''}${text}\n`),
  // Rewrite one line on a terminal; in a log, a line every few seconds is plenty.
  progress: (() => {
    let last = 0
    return (text: string) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${text}\x1b[K`)
      else if (Date.now() - last > 2000) {
        last = Date.now()
        process.stderr.write(`${text}\n`)
      }
    }
  })(),
  env: process.env,
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await run(process.argv.slice(2), io)
}
