import { spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { fileURLToPath, pathToFileURL } from 'node:url'

const REPO = fileURLToPath(new URL('../../../../', import.meta.url))
/** The file the root `pnpm start` script runs. */
export const SERVER_ENTRY = 'apps/api/src/server.ts'
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

/**
 * The real server in its own process: `node --import tsx apps/api/src/server.ts`, which is what
 * `pnpm start` runs (without pnpm's and tsx's wrapper processes, so a kill reaches the server
 * itself).
 */
export class ServerProcess {
  private output = ''
  private exited: Promise<number | null>

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()))
    this.exited = new Promise(resolve => child.once('exit', code => resolve(code)))
  }

  /** Starts a server with `env` on a free port and waits until it answers. */
  static async start(env: Record<string, string>, timeoutMs = 120_000): Promise<ServerProcess> {
    const port = await freePort()
    const child = spawn(process.execPath, ['--import', TSX, SERVER_ENTRY], {
      cwd: REPO,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PAIBAN_LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const server = new ServerProcess(child, `http://127.0.0.1:${port}`)
    const until = Date.now() + timeoutMs
    let gone = false
    void server.exited.then(() => (gone = true))
    for (;;) {
      if (gone) throw new Error(`the server exited while starting:\n${server.output}`)
      try {
        if ((await fetch(`${server.url}/api/health`)).ok) return server
      } catch {
        // not listening yet
      }
      if (Date.now() > until) {
        await server.kill()
        throw new Error(`the server did not start in ${timeoutMs} ms:\n${server.output}`)
      }
      await new Promise(resolve => setTimeout(resolve, 100))
    }
  }

  /** Everything the process printed. */
  get stdout(): string {
    return this.output
  }

  /** Waits until the output matches. */
  async waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs
    while (!pattern.test(this.output)) {
      if (Date.now() > until) throw new Error(`no ${pattern} in:\n${this.output.slice(-3000)}`)
      await new Promise(resolve => setTimeout(resolve, 20))
    }
  }

  /** kill -9: no cleanup of any kind. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL')
    await this.exited
  }

  /** SIGTERM: the graceful close. Returns the exit code. */
  async stop(): Promise<number | null> {
    this.child.kill('SIGTERM')
    return this.exited
  }

  async request(
    method: string,
    path: string,
    options: { body?: unknown; cookie?: string } = {},
  ): Promise<{ status: number; body: unknown; cookie?: string }> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.cookie ? { cookie: `paiban_session=${options.cookie}` } : {}),
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    })
    const text = await response.text()
    const cookie = /paiban_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1]
    return {
      status: response.status,
      body:
        text && response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as unknown) : text,
      ...(cookie ? { cookie } : {}),
    }
  }

  /** Signs in; returns the session cookie's value. */
  async signIn(login: string, password: string): Promise<string> {
    const response = await this.request('POST', '/api/session', { body: { login, password } })
    if (response.status !== 200 || !response.cookie) throw new Error(`sign-in ${login}: ${response.status}`)
    return response.cookie
  }
}
