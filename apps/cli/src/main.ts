#!/usr/bin/env -S npx tsx
import { checkCommand, leaveCheckCommand, swapCheckCommand } from './commands/check'
import { InputError } from './io'

/** Where a command writes: stdout for machine output, stderr for people (spec/formats.md §2). */
export type Io = {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  readonly env: NodeJS.ProcessEnv
}

type Command = (args: string[], io: Io) => number | Promise<number>

const COMMANDS: Record<string, Command> = {
  check: checkCommand,
  'swap-check': swapCheckCommand,
  'leave-check': leaveCheckCommand,
}

const USAGE = `usage: paiban <command> …
  check FILE.month.json [--json] [--lang zh|en]
  swap-check FILE.month.json --request REQ.json [--json] [--lang zh|en]
  leave-check FILE.month.json --request REQ.json [--json] [--lang zh|en]`

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
  err: text => process.stderr.write(`${text}\n`),
  env: process.env,
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await run(process.argv.slice(2), io)
}
