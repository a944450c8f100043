// How numbers, money, durations and times read in the console. Times are shown in the browser's time zone.

/** A rate 0..1 as a percentage with one decimal (`0.6667` → `66.7%`); null → `—`. */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—'
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`
}

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 })
const moneyWhole = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 })

export function formatMoney(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—'
  return Number.isInteger(n) ? moneyWhole.format(n) : money.format(n)
}

export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—'
  return new Intl.NumberFormat('en-US').format(n)
}

/** Milliseconds as people say them: `954 ms`, `1.1 s`, `4 min 2 s`, `2 h 5 min`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—'
  if (ms < 1000) return `${Math.round(ms)} ms`
  const s = ms / 1000
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`
  const totalSeconds = Math.round(s)
  const h = Math.floor(totalSeconds / 3600)
  const m = Math.floor((totalSeconds % 3600) / 60)
  const sec = totalSeconds % 60
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`
  return sec > 0 ? `${m} min ${sec} s` : `${m} min`
}

/** Minutes of staff time as hours when large: `42 min`, `12.5 h`. */
export function formatMinutes(min: number | null | undefined): string {
  if (min === null || min === undefined || Number.isNaN(min)) return '—'
  if (min < 60) return `${formatNumber(Math.round(min))} min`
  return `${formatNumber(Math.round((min / 60) * 10) / 10)} h`
}

const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
})
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
const dateOnly = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return dateTime.format(d)
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : timeOnly.format(d)
}

/** A calendar date (`2026-01-01`, no time zone) as `Jan 1, 2026`. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—'
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`)
  return Number.isNaN(d.getTime()) ? date : dateOnly.format(d)
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' })

/** `3 minutes ago`, `in 2 hours`. */
export function formatRelative(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return ''
  const t = new Date(iso).getTime()
  if (Number.isNaN(t)) return ''
  const diff = (t - now) / 1000
  const abs = Math.abs(diff)
  if (abs < 45) return diff < 0 ? 'just now' : 'in a few seconds'
  if (abs < 3600) return relative.format(Math.round(diff / 60), 'minute')
  if (abs < 86400) return relative.format(Math.round(diff / 3600), 'hour')
  return relative.format(Math.round(diff / 86400), 'day')
}

/** A countdown as `1:02:03` / `4:05` style with words: `2 h 14 min`, `4 min 05 s`. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.floor(Math.abs(ms) / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`
  return `${m} min ${String(s).padStart(2, '0')} s`
}

/** Masks an identifier for lists: `••••2649`. */
export function maskId(id: string | null | undefined): string {
  if (!id) return '—'
  return `••••${id.slice(-4)}`
}

export function humanize(code: string | null | undefined): string {
  if (!code) return '—'
  const s = code.replace(/[_.]/g, ' ')
  return s.charAt(0).toUpperCase() + s.slice(1)
}

export const PURPOSE_LABEL: Record<string, string> = { eligibility: 'Eligibility', claim_status: 'Claim status' }
export const ROLE_LABEL: Record<string, string> = { admin: 'Admin', operator: 'Operator', reviewer: 'Reviewer', viewer: 'Viewer' }
export const TASK_TYPE_LABEL: Record<string, string> = { mfa: 'MFA code', captcha: 'CAPTCHA', review: 'Review', credentials: 'Credentials' }
export const SOURCE_LABEL: Record<string, string> = { clearinghouse: 'Clearinghouse', portal: 'Portal', human: 'Person', demo: 'Demo' }

export function shortId(id: string | null | undefined): string {
  return id ? id.slice(0, 8) : '—'
}
