import { describe, expect, it } from 'vitest'
import { DICT } from '../src/i18n/dict'
import { dateLabel, monthLabel, translate, weekdayName, weekdayNames } from '../src/i18n/format'

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map(m => m[1]).sort()

describe('the dictionary', () => {
  it('has every text in Chinese and English, with the same placeholders', () => {
    for (const [key, text] of Object.entries(DICT)) {
      expect(text.zh.trim(), `${key}.zh`).not.toBe('')
      expect(text.en.trim(), `${key}.en`).not.toBe('')
      expect(placeholders(text.zh), key).toEqual(placeholders(text.en))
    }
  })

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh', 'hardCount', { n: 3 })).toBe('3 项硬性违规')
    expect(translate('en', 'hardCount')).toBe('{n} hard')
  })
})

describe('local dates', () => {
  it('names weekdays the Chinese way, Monday first', () => {
    expect(weekdayNames('zh')).toEqual(['周一', '周二', '周三', '周四', '周五', '周六', '周日'])
    expect(weekdayName('2026-10-01', 'zh')).toBe('周四')
    expect(weekdayName('2026-10-04', 'en')).toBe('Sun')
  })

  it('writes dates and months per language', () => {
    expect(dateLabel('2026-12-03', 'zh')).toBe('12月3日 周四')
    expect(dateLabel('2026-12-03', 'en')).toBe('Thu 3 Dec')
    expect(monthLabel('2026-12', 'zh')).toBe('2026年12月')
    expect(monthLabel('2026-12', 'en')).toBe('December 2026')
  })
})
