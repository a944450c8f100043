import type { TimelineEntry } from '../api/types'
import { formatTime, formatRelative } from '../ui/format'
import type { Tone } from '../ui/kit'

/** What happened to a run, in order, in words: routes chosen, fallbacks, throttling, breakpoints, who resolved. */

const DOT: Record<Tone, string> = {
  green: 'bg-emerald-600', red: 'bg-red-600', amber: 'bg-amber-500', blue: 'bg-blue-600', slate: 'bg-slate-400', violet: 'bg-violet-600',
}

function parseDetail(detail: string | null): Record<string, string> {
  const out: Record<string, string> = {}
  if (!detail) return out
  for (const m of detail.matchAll(/(\w+)=([^\s]+)/g)) out[m[1]] = m[2]
  return out
}

export function describe(entry: TimelineEntry): { title: string; tone: Tone; note: string | null } {
  const d = parseDetail(entry.detail)
  const t = entry.type
  const reasonText = entry.detail?.includes('reason=') ? entry.detail.slice(entry.detail.indexOf('reason=') + 7) : null
  if (t === 'run.created') return { title: 'Check requested', tone: 'slate', note: d.route ? `route asked: ${d.route}` : entry.detail }
  if (t === 'route.chosen') return { title: `Route chosen: ${d.route ?? '?'}`, tone: 'blue', note: reasonText }
  if (t === 'run.started') return { title: 'Started', tone: 'blue', note: entry.detail }
  if (t === 'run.attempted') return { title: `Attempt ${d.attempt ?? ''} via ${d.route ?? '?'}`.trim(), tone: 'blue', note: null }
  if (t === 'run.route.rejected') return { title: `Refused by ${d.route ?? 'the route'}: ${d.code ?? ''}`.trim(), tone: 'red', note: d.class ? `kind of problem: ${d.class}` : entry.detail }
  if (t === 'run.route.unavailable') return { title: `${d.route ?? 'Route'} unavailable`, tone: 'amber', note: entry.detail }
  if (t === 'route.fallback') return { title: `Fell back to ${d.route === 'human' ? 'a person' : d.route ?? '?'}`, tone: 'amber', note: reasonText }
  if (t === 'run.throttled') return { title: 'Waiting for the payer’s rate limit', tone: 'amber', note: entry.detail }
  if (t.startsWith('breakpoint.') && t.endsWith('.requested')) {
    const kind = t.split('.')[1]
    const names: Record<string, string> = { mfa: 'an MFA code', captcha: 'a CAPTCHA', review: 'a review', credentials: 'new credentials' }
    return { title: `Waiting for a person: ${names[kind] ?? kind}`, tone: 'amber', note: entry.detail }
  }
  if (t.startsWith('breakpoint.') && t.endsWith('.resolved') || t === 'breakpoint.resolved') {
    const who = d.by ?? d.resolved_by
    return { title: `Resolved by a person${who ? ` (${who})` : ''}: ${d.action ?? ''}`.trim(), tone: 'violet', note: null }
  }
  if (t === 'breakpoint.sla_breached') return { title: 'SLA breached', tone: 'red', note: entry.detail }
  if (t === 'run.input.corrected') return { title: 'Request corrected by a person', tone: 'violet', note: entry.detail }
  if (t === 'run.succeeded') return { title: 'Answered', tone: 'green', note: entry.detail }
  if (t === 'run.failed') return { title: 'Failed', tone: 'red', note: entry.detail }
  if (t === 'run.canceled') return { title: 'Canceled', tone: 'slate', note: entry.detail }
  return { title: t, tone: 'slate', note: entry.detail }
}

export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">Nothing has happened yet.</p>
  return (
    <ol className="relative ml-1.5 border-l border-slate-200">
      {entries.map((e, i) => {
        const { title, tone, note } = describe(e)
        return (
          <li key={i} className="mb-3 ml-4 last:mb-0">
            <span aria-hidden className={`absolute -left-[5px] mt-1.5 h-2.5 w-2.5 rounded-full ring-2 ring-white ${DOT[tone]}`} />
            <div className="flex flex-wrap items-baseline gap-x-2">
              <span className="text-sm font-medium text-slate-900">{title}</span>
              <time dateTime={e.ts} title={new Date(e.ts).toLocaleString()} className="text-xs text-slate-600 tabular-nums">
                {formatTime(e.ts)} · {formatRelative(e.ts)}
              </time>
            </div>
            {note && <p className="text-xs text-slate-600">{note}</p>}
            <p className="sr-only">event type {e.type}</p>
          </li>
        )
      })}
    </ol>
  )
}
