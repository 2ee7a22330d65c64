// date-chinese 2.1.4 ships types its package.json "exports" does not expose; the part the tests use.
declare module 'date-chinese' {
  export class CalendarChinese {
    fromGregorian(year: number, month: number, day: number): this
    fromJDE(jde: number): this
    get(): [cycle: number, year: number, month: number, leap: boolean, day: number]
    set(cycle: number, year: number, month: number, leap: boolean, day: number): this
    toGregorian(): { year: number; month: number; day: number }
    qingming(gyear: number): number
  }
}
