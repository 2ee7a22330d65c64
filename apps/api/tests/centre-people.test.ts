import type { MonthFile, Staff } from '@paiban/domain'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { json, signIn, testApp, type Client } from './helpers/app'
import { describeEachDb, freshDatabase, type TestDatabase } from './helpers/databases'

const ADMIN_PASSWORD = 'admin-people-edit'
const person = (team: string, id: string) => `/api/teams/${team}/people/${id}`

describeEachDb('editing and moving a person', kind => {
  let db: TestDatabase
  let app: FastifyInstance
  let admin: Client

  beforeAll(async () => {
    db = await freshDatabase(kind, false)
    app = await testApp(db.config, {
      demo: { enabled: false, seconds: 1 },
      admin: { password: ADMIN_PASSWORD },
      clock: () => new Date('2026-12-20T02:00:00Z'),
      announce: () => undefined,
    })
    admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    for (const id of ['cs-a', 'cs-b'])
      expect((await admin.post('/api/teams', { id, name: id, timeZone: 'Asia/Shanghai' })).statusCode).toBe(
        201,
      )
    const add = (team: string, s: Record<string, unknown>) => admin.post(`/api/teams/${team}/people`, s)
    expect(
      (await add('cs-a', { id: 'L1', name: '班长甲', job: 'phone', level: 'senior', role: 'teamLeader' }))
        .statusCode,
    ).toBe(201)
    expect(
      (await add('cs-a', { id: 'P1', name: '员工一', job: 'phone', level: 'junior', teamLeaderId: 'L1' }))
        .statusCode,
    ).toBe(201)
    expect(
      (await add('cs-b', { id: 'L2', name: '班长乙', job: 'phone', level: 'senior', role: 'teamLeader' }))
        .statusCode,
    ).toBe(201)
  })
  afterAll(async () => {
    await app?.close()
    await db?.drop()
  })

  const staffOf = async (team: string) => json<Staff[]>(await admin.get(`/api/teams/${team}/people`))

  it('edits every field of a person, and refuses an edit made on what someone else has changed since (409)', async () => {
    const seen = (await staffOf('cs-a')).find(s => s.id === 'P1')
    expect(seen).toBeDefined()
    const edit = {
      name: '员工壹',
      job: 'chat',
      level: 'intermediate',
      role: 'teamLeader',
      nights: false,
      contractDays: 20,
      was: seen,
    }
    const saved = await admin.patch(person('cs-a', 'P1'), edit)
    expect(saved.statusCode, saved.body).toBe(200)
    expect(json(saved)).toMatchObject({
      name: '员工壹',
      job: 'chat',
      level: 'intermediate',
      role: 'teamLeader',
      nights: false,
      contractDays: 20,
    })
    // The same edit again, made on the person as they were before the first one.
    const stale = await admin.patch(person('cs-a', 'P1'), { ...edit, name: '员工一号' })
    expect(stale.statusCode).toBe(409)
    expect(json<{ error: { issues: Array<{ path: string }> } }>(stale).error.issues.map(i => i.path)).toEqual(
      ['was'],
    )
    expect((await staffOf('cs-a')).find(s => s.id === 'P1')?.name).toBe('员工壹')

    const badLeader = await admin.patch(person('cs-a', 'P1'), { teamLeaderId: 'NOBODY' })
    expect(badLeader.statusCode).toBe(400)
    expect(badLeader.body).toContain('teamLeaderId')
    const back = await admin.patch(person('cs-a', 'P1'), {
      role: 'agent',
      contractDays: null,
      teamLeaderId: 'L1',
    })
    expect(back.statusCode, back.body).toBe(200)
    expect(json<Staff>(back).contractDays).toBeUndefined()
    const noLeader = await admin.patch(person('cs-a', 'P1'), { teamLeaderId: null })
    expect(json<Staff>(noLeader).teamLeaderId).toBeUndefined()
    expect((await admin.patch(person('cs-a', 'P1'), { teamLeaderId: 'L1' })).statusCode).toBe(200)
  })

  it('moves a person from a date: the old team keeps them as a leaver from it, the new team’s next month has them', async () => {
    const janA = await admin.post('/api/teams/cs-a/months/2027-01/start')
    expect(janA.statusCode, janA.body).toBe(201)
    const moved = await admin.patch(person('cs-a', 'P1'), {
      team: 'cs-b',
      from: '2027-02-10',
      teamLeaderId: 'L2',
    })
    expect(moved.statusCode, moved.body).toBe(200)
    expect((await staffOf('cs-a')).find(s => s.id === 'P1')?.leftOn).toBe('2027-02-10')
    expect((await staffOf('cs-b')).find(s => s.id === 'P1')).toMatchObject({
      teamLeaderId: 'L2',
      leftOn: null,
    })

    const janFile = json<{ file: MonthFile }>(await admin.get('/api/teams/cs-a/months/2027-01')).file
    expect(janFile.agents.map(a => a.id)).toContain('P1')
    expect((await admin.post('/api/teams/cs-a/months/2027-02/start')).statusCode).toBe(201)
    const febA = json<{ file: MonthFile }>(await admin.get('/api/teams/cs-a/months/2027-02')).file
    expect(febA.roster?.P1?.slice(9)).toMatch(/^-+$/)
    expect(febA.roster?.P1?.slice(0, 9)).toMatch(/^\?+$/)
    expect((await admin.post('/api/teams/cs-b/months/2027-03/start')).statusCode).toBe(201)
    const marB = json<{ file: MonthFile }>(await admin.get('/api/teams/cs-b/months/2027-03')).file
    expect(marB.agents.find(a => a.id === 'P1')).toMatchObject({ teamLeaderId: 'L2' })
    expect((await admin.post('/api/teams/cs-a/months/2027-03/start')).statusCode).toBe(201)
    const marA = json<{ file: MonthFile }>(await admin.get('/api/teams/cs-a/months/2027-03')).file
    expect(marA.agents.map(a => a.id)).not.toContain('P1')

    const again = await admin.patch(person('cs-b', 'P1'), { team: 'cs-a' })
    expect(again.statusCode, 'still on cs-a as a leaver').toBe(409)
    const fromWithoutTeam = await admin.patch(person('cs-b', 'P1'), { from: '2027-04-01' })
    expect(fromWithoutTeam.statusCode).toBe(400)
    expect(fromWithoutTeam.body).toContain('from')
  })
})
