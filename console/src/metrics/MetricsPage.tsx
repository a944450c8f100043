import { useEffect, useId, useMemo, useState, type ReactNode } from 'react'
import { useMetrics, usePayerName } from '../api/queries'
import type { MetricsGroup, MetricsSummary } from '../api/types'
import { formatDuration, formatMinutes, formatNumber, formatPercent, PURPOSE_LABEL } from '../ui/format'
import { Button, Empty, ErrorState, PageHeader, Section, Spinner, Time } from '../ui/kit'
import { FailuresChart, RatesChart } from './Charts'

type Range = '24h' | '7d' | '30d' | 'custom'
const SPANS: Record<Exclude<Range, 'custom'>, number> = { '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 }
const RANGE_LABEL: Record<Range, string> = { '24h': 'Last 24 h', '7d': 'Last 7 days', '30d': 'Last 30 days', custom: 'Custom' }

function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** The window asked of GET /metrics/summary, as instants; a custom "to" day is included whole (browser time zone). */
export function windowFor(range: Range, anchor: number, customFrom: string, customTo: string): { from: string; to: string } | null {
  if (range !== 'custom') return { from: new Date(anchor - SPANS[range]).toISOString(), to: new Date(anchor).toISOString() }
  if (!customFrom || !customTo) return null
  const from = new Date(`${customFrom}T00:00:00`)
  const to = new Date(`${customTo}T00:00:00`)
  to.setDate(to.getDate() + 1)
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to <= from) return null
  return { from: from.toISOString(), to: to.toISOString() }
}

/** How well the automation works: the exit figures of GET /metrics/summary, as tiles and charts. */
export default function MetricsPage() {
  const [range, setRange] = useState<Range>('24h')
  const [anchor, setAnchor] = useState(() => Date.now())
  const [customFrom, setCustomFrom] = useState(() => localDay(new Date(Date.now() - 7 * 86_400_000)))
  const [customTo, setCustomTo] = useState(() => localDay(new Date()))
  const span = windowFor(range, anchor, customFrom, customTo)
  useEffect(() => {
    document.title = 'Metrics · RCM OS'
  }, [])
  return (
    <div>
      <PageHeader
        title="Metrics"
        subtitle="How many checks ran without a person, how long they took, and the staff time saved."
        actions={<Button onClick={() => setAnchor(Date.now())}>Refresh</Button>}
      />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <div role="radiogroup" aria-label="Time range" className="flex rounded border border-slate-300 bg-white p-0.5">
          {(Object.keys(RANGE_LABEL) as Range[]).map((r) => (
            <button
              key={r}
              type="button"
              role="radio"
              aria-checked={range === r}
              onClick={() => { setRange(r); setAnchor(Date.now()) }}
              className={`rounded px-3 py-1 text-sm ${range === r ? 'bg-blue-700 text-white' : 'text-slate-700 hover:bg-slate-50'}`}
            >
              {RANGE_LABEL[r]}
            </button>
          ))}
        </div>
        {range === 'custom' && (
          <>
            <label className="text-xs font-medium text-slate-700">From
              <input type="date" className="input mt-1 w-40" value={customFrom} onChange={(e) => setCustomFrom(e.target.value)} />
            </label>
            <label className="text-xs font-medium text-slate-700">To (included)
              <input type="date" className="input mt-1 w-40" value={customTo} onChange={(e) => setCustomTo(e.target.value)} />
            </label>
          </>
        )}
      </div>
      {span ? <Figures from={span.from} to={span.to} /> : <p role="alert" className="text-sm text-red-800">Choose a start day on or before the end day.</p>}
    </div>
  )
}

function Figures({ from, to }: { from: string; to: string }) {
  const query = useMetrics(from, to)
  const payerName = usePayerName()
  if (query.isPending) return <Spinner label="Loading figures…" />
  if (query.isError) return <ErrorState error={query.error} what="the metrics" onRetry={() => void query.refetch()} />
  const data = query.data
  return (
    <div className={`grid gap-4 ${query.isPlaceholderData ? 'opacity-60' : ''}`}>
      <p className="text-xs text-slate-600">From <Time iso={data.from} relative={false} /> to <Time iso={data.to} relative={false} /></p>
      <Tiles summary={data} />
      {data.totals.runs === 0 ? (
        <Empty title="No checks in this period">Choose a longer time range.</Empty>
      ) : (
        <>
          <div className="grid gap-4 lg:grid-cols-2">
            <Section title="Automation and human touch by payer and purpose">
              <RatesChart groups={data.by_payer} label={(g) => groupLabel(g, payerName)} />
            </Section>
            <Section title="Failures by code">
              <FailuresChart failures={data.totals.failures} />
            </Section>
          </div>
          <Section title="By payer and purpose"><GroupTable groups={data.by_payer} payerName={payerName} /></Section>
        </>
      )}
    </div>
  )
}

export function groupLabel(g: MetricsGroup, payerName: (id: string | null) => string): string {
  return `${payerName(g.payer_id)} · ${PURPOSE_LABEL[g.purpose ?? ''] ?? g.purpose ?? 'all'}`
}

function Tile({ label, value, sub }: { label: string; value: ReactNode; sub?: ReactNode }) {
  const id = useId()
  return (
    <div role="group" aria-labelledby={id} className="rounded-md border border-slate-200 bg-white px-4 py-3 shadow-xs">
      <p id={id} className="text-xs font-medium text-slate-600">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</p>
      {sub && <p className="mt-0.5 text-xs text-slate-600">{sub}</p>}
    </div>
  )
}

export function Tiles({ summary }: { summary: MetricsSummary }) {
  const t = summary.totals
  const qa = t.qa
  const perCheck = summary.minutes_per_manual_check
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
      <Tile label="Automation rate" value={formatPercent(t.automation_rate)} sub={`${formatNumber(t.automated)} of ${formatNumber(t.finished)} finished checks without a person`} />
      <Tile label="Human-touch rate" value={formatPercent(t.human_touch_rate)} sub={`${formatNumber(t.human_touched)} ${t.human_touched === 1 ? 'check' : 'checks'} needed a person`} />
      <Tile label="Duration p50" value={formatDuration(t.duration_ms.p50)} sub={`median of ${formatNumber(t.duration_ms.count)} ${t.duration_ms.count === 1 ? 'check' : 'checks'}`} />
      <Tile label="Duration p95" value={formatDuration(t.duration_ms.p95)} sub="95 of 100 checks were faster" />
      <Tile label="Checks" value={formatNumber(t.runs)} sub={`${formatNumber(t.succeeded)} succeeded · ${formatNumber(t.failed)} failed · ${formatNumber(t.in_progress)} in progress`} />
      <Tile label="Time to human" value={formatDuration(t.time_to_human_ms.p50)} sub={`p50 · p95 ${formatDuration(t.time_to_human_ms.p95)}`} />
      <Tile label="Time in queue" value={formatDuration(t.time_in_queue_ms.p50)} sub={`p50 · p95 ${formatDuration(t.time_in_queue_ms.p95)}`} />
      <Tile label="QA agree" value={qa ? formatNumber(qa.agree) : '—'} sub={qa ? `of ${formatNumber(qa.reviewed)} reviewed (${formatNumber(qa.sampled)} sampled)` : 'not reported by this server'} />
      <Tile label="QA disagree" value={qa ? formatNumber(qa.disagree) : '—'} sub={qa && qa.reviewed > 0 ? `${formatPercent(qa.disagree / qa.reviewed)} of reviewed` : undefined} />
      <Tile label="Staff time saved" value={formatMinutes(t.staff_minutes_saved)} sub={perCheck ? `${formatNumber(t.automated)} automated × ${formatNumber(perCheck)} min per manual check` : undefined} />
    </div>
  )
}

function GroupTable({ groups, payerName }: { groups: MetricsGroup[]; payerName: (id: string | null) => string }) {
  const rows = useMemo(() => [...groups].sort((a, b) => b.runs - a.runs), [groups])
  return (
    <div className="overflow-x-auto">
      <table className="table-dense w-full">
        <thead>
          <tr>
            <th scope="col">Payer · purpose</th>
            <th scope="col" className="text-right">Checks</th>
            <th scope="col" className="text-right">Succeeded</th>
            <th scope="col" className="text-right">Failed</th>
            <th scope="col" className="text-right">In progress</th>
            <th scope="col" className="text-right">Automation</th>
            <th scope="col" className="text-right">Human touch</th>
            <th scope="col" className="text-right">p50</th>
            <th scope="col" className="text-right">p95</th>
            <th scope="col" className="text-right">Staff time saved</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr key={`${g.payer_id}|${g.purpose}`}>
              <td>{groupLabel(g, payerName)}</td>
              <td className="text-right tabular-nums">{formatNumber(g.runs)}</td>
              <td className="text-right tabular-nums">{formatNumber(g.succeeded)}</td>
              <td className="text-right tabular-nums">{formatNumber(g.failed)}</td>
              <td className="text-right tabular-nums">{formatNumber(g.in_progress)}</td>
              <td className="text-right tabular-nums">{formatPercent(g.automation_rate)}</td>
              <td className="text-right tabular-nums">{formatPercent(g.human_touch_rate)}</td>
              <td className="text-right tabular-nums">{formatDuration(g.duration_ms.p50)}</td>
              <td className="text-right tabular-nums">{formatDuration(g.duration_ms.p95)}</td>
              <td className="text-right tabular-nums">{formatMinutes(g.staff_minutes_saved)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
