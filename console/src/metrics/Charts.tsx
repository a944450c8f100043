import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { MetricsGroup } from '../api/types'
import { formatPercent } from '../ui/format'

// Charts are drawn by recharts; this module is only loaded with the metrics page.

export function RatesChart({ groups, label }: { groups: MetricsGroup[]; label: (g: MetricsGroup) => string }) {
  const data = groups.map((g) => ({
    name: label(g),
    automation: g.automation_rate === null ? null : Math.round(g.automation_rate * 1000) / 10,
    human: g.human_touch_rate === null ? null : Math.round(g.human_touch_rate * 1000) / 10,
  }))
  if (data.length === 0) return <p className="text-sm text-slate-600">No finished checks in this period.</p>
  return (
    <figure>
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 560, height: 256 }}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="name" tick={{ fontSize: 11, fill: '#475569' }} interval={0} />
            <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} tick={{ fontSize: 11, fill: '#475569' }} width={44} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? formatPercent(v / 100) : String(v))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar maxBarSize={48} dataKey="automation" name="Automated" fill="#1d4ed8" radius={[2, 2, 0, 0]} />
            <Bar maxBarSize={48} dataKey="human" name="Needed a person" fill="#d97706" radius={[2, 2, 0, 0]} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-xs text-slate-600">Share of finished checks per payer and purpose. The table below gives the same figures.</figcaption>
    </figure>
  )
}

export function FailuresChart({ failures }: { failures: Record<string, number> }) {
  const data = Object.entries(failures).map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count).slice(0, 12)
  if (data.length === 0) return <p className="text-sm text-slate-600">No failures in this period.</p>
  return (
    <figure>
      <div className="w-full" style={{ height: Math.max(120, data.length * 28 + 40) }}>
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 560, height: 256 }}>
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e2e8f0" />
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11, fill: '#475569' }} />
            <YAxis type="category" dataKey="code" width={150} tick={{ fontSize: 11, fill: '#475569' }} />
            <Tooltip />
            <Bar dataKey="count" name="Failures" fill="#b91c1c" radius={[0, 2, 2, 0]} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-1 text-xs text-slate-600">
        {data.map((d) => `${d.code}: ${d.count}`).join(' · ')}
      </figcaption>
    </figure>
  )
}
