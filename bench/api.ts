import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type Autocannon from '../apps/api/node_modules/@types/autocannon'
import { machineLine, table, writeSection } from './report'

// autocannon is a devDependency of apps/api (the workspace root takes no new dependencies): resolve it there.
const autocannon = createRequire(new URL('../apps/api/package.json', import.meta.url))(
  'autocannon',
) as typeof Autocannon

const REPO = fileURLToPath(new URL('..', import.meta.url))
const PASSWORD = 'bench-password'
const CONNECTIONS = 50
const SECONDS = 10

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

/** The API server in its own process (what `pnpm start` runs), on PGlite in a temp dir. */
async function startServer(dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort()
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
  const child = spawn(process.execPath, ['--import', tsx, 'apps/api/src/server.ts'], {
    cwd: REPO,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PAIBAN_DATA_DIR: dataDir,
      PAIBAN_DEMO_PASSWORD: PASSWORD,
      PAIBAN_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break
    } catch {
      // still starting (initdb and the demo's solver runs take a few seconds)
    }
    if (i > 1200 || child.exitCode !== null) throw new Error('the API server did not start')
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM')
      await exited
    },
  }
}

async function signIn(url: string, login: string): Promise<string> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: PASSWORD }),
  })
  const cookie = /paiban_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0]
  if (!response.ok || !cookie) throw new Error(`sign-in of ${login}: ${response.status}`)
  return cookie
}

type Row = { route: string; as: string; connections: number; result: Autocannon.Result; note: string }

async function load(options: Autocannon.Options, connections = CONNECTIONS): Promise<Autocannon.Result> {
  // A short warm-up (JIT, caches), then the measured run.
  await autocannon({ ...options, connections, duration: 2 })
  return autocannon({ ...options, connections, duration: SECONDS })
}

const count = (result: Autocannon.Result, status: number) => result.statusCodeStats?.[`${status}`]?.count ?? 0

/**
 * HTTP load on loopback: month read, cell edit and swap-check, each at 50 concurrent connections
 * for 10 s, against the real server process on PGlite with the demo centre.
 */
export async function benchApi(): Promise<string> {
  // Other work on the machine shows in these numbers: say how busy it was.
  const busy = loadavg()[0] ?? 0
  const dir = mkdtempSync(join(tmpdir(), 'paiban-bench-api-'))
  const server = await startServer(join(dir, 'data'))
  try {
    const { url } = server
    const supervisor = await signIn(url, 'supervisor')
    const agent = await signIn(url, 'agent1')
    const teams = (await (
      await fetch(`${url}/api/teams`, { headers: { cookie: supervisor } })
    ).json()) as Array<{
      months: Array<{ month: string }>
    }>
    const month = teams[0]?.months.at(-1)?.month ?? ''
    const base = `/api/teams/cs-1/months/${month}`
    const view = (await (await fetch(`${url}${base}`, { headers: { cookie: supervisor } })).json()) as {
      version: number
      file: { agents: Array<{ id: string }>; roster: Record<string, string> }
    }
    const rows: Row[] = []

    // 1. Month read: an agent opening the published month (the whole month file, redacted for them).
    rows.push({
      route: `GET ${base}`,
      as: 'agent1',
      connections: CONNECTIONS,
      result: await load({ url: `${url}${base}`, headers: { cookie: agent } }),
      note: `month file of ${view.file.agents.length} agents`,
    })

    // 2. Cell edit: every request carries the latest version the load generator has seen; a 409
    // (someone else's edit won) teaches it the current version from the answer, and the next
    // request uses it. 50 connections editing one month is a worst case: they serialise on it.
    let version = view.version
    let edit = 0
    const ids = view.file.agents.map(a => a.id)
    const days = Object.values(view.file.roster)[0]?.length ?? 28
    const editRequest: Autocannon.Request = {
      method: 'PATCH',
      path: `${base}/cells`,
      headers: { cookie: supervisor, 'content-type': 'application/json' },
      setupRequest: request => {
        edit++
        const cell = {
          agentId: ids[edit % ids.length],
          date: `${month}-${String(1 + (edit % days)).padStart(2, '0')}`,
          cell: edit % 2 ? 'D' : '-',
        }
        return { ...request, body: JSON.stringify({ version, edits: [cell] }) }
      },
      onResponse: (status, body) => {
        const answer = JSON.parse(body) as { version?: number; error?: { currentVersion?: number } }
        const seen = status === 200 ? answer.version : answer.error?.currentVersion
        if (seen !== undefined && seen > version) version = seen
      },
    }
    for (const connections of [CONNECTIONS, 1]) {
      const edits = await load({ url, requests: [editRequest] }, connections)
      rows.push({
        route: `PATCH ${base}/cells`,
        as: 'supervisor',
        connections,
        result: edits,
        note: `${count(edits, 200)} edits written (${(count(edits, 200) / SECONDS).toFixed(0)}/s), ${count(edits, 409)} answered 409 (stale version; the next request carries the current one)${connections === 1 ? '; one supervisor editing alone' : ''}`,
      })
    }

    // 3. Swap-check: agent1 asks whether swapping a day with a colleague would be allowed.
    const swap = { requester: 'a02', counterpart: 'a04', date: `${month}-15` }
    rows.push({
      route: `POST ${base}/swap-check`,
      as: 'agent1',
      connections: CONNECTIONS,
      result: await load({
        url: `${url}${base}/swap-check`,
        method: 'POST',
        headers: { cookie: agent, 'content-type': 'application/json' },
        body: JSON.stringify(swap),
      }),
      note: 'checkSwap against the published month',
    })

    const body = [
      '## HTTP API (`apps/api`)',
      '',
      `${machineLine()} Load average at the start: ${busy.toFixed(1)}.`,
      `The server runs in its own process (\`node --import tsx apps/api/src/server.ts\`, what \`pnpm start\` runs) on PGlite in a temp dir with the demo centre (42 agents), log level warn; autocannon runs in the bench process on the same machine, ${CONNECTIONS} connections (and one for a lone editor) for ${SECONDS} s per row after a 2 s warm-up, over 127.0.0.1. Requests/s count every answer; the statuses column says what they were.`,
      '',
      table(
        ['route', 'as', 'connections', 'requests/s', 'p50 ms', 'p99 ms', 'statuses', 'note'],
        rows.map(({ route, as, connections, result, note }) => [
          route.replace(`/api/teams/cs-1/months/${month}`, '…/:month'),
          as,
          connections,
          result.requests.average.toFixed(0),
          result.latency.p50.toFixed(1),
          result.latency.p99.toFixed(1),
          Object.entries(result.statusCodeStats ?? {})
            .map(([status, s]) => `${status}: ${s.count ?? 0}`)
            .join(', ') + (result.errors ? `, errors: ${result.errors}` : ''),
          note,
        ]),
      ),
    ].join('\n')
    writeSection('api', body)
    return body
  } finally {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
