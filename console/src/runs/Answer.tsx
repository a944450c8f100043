import { Fragment, useState } from 'react'
import type { AaaError, Accumulator, Benefit, ClaimStatusResult, EligibilityResult } from '../api/types'
import { formatDate, formatMoney, formatPercent } from '../ui/format'
import { Badge, type Tone } from '../ui/kit'
import { categoryTone, claimStatusText, COVERAGE_LEVEL, serviceTypeName, TIME_PERIOD } from './codes'

const COVERAGE: Record<string, [string, Tone]> = {
  active: ['Active coverage', 'green'],
  inactive: ['Inactive coverage', 'red'],
  not_found: ['Member not found', 'red'],
  error: ['Payer returned an error', 'red'],
  unknown: ['Coverage unknown', 'slate'],
}

export function CoverageBadge({ status }: { status: string | null | undefined }) {
  const [label, tone] = COVERAGE[status ?? 'unknown'] ?? [status ?? 'Unknown', 'slate' as Tone]
  return <Badge tone={tone}>{label}</Badge>
}

/** Used of total as a bar: `$120 used of $500`, with the remaining amount. */
export function UsedOfTotal({ label, acc }: { label: string; acc: Accumulator | null | undefined }) {
  const total = acc?.total ?? null
  const remaining = acc?.remaining ?? null
  if (total === null) {
    return (
      <div>
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">{label}</p>
        <p className="mt-1 text-sm text-slate-500">{remaining !== null ? `${formatMoney(remaining)} remaining (total not given)` : 'Not given by the payer'}</p>
      </div>
    )
  }
  const used = Math.max(0, Math.min(total, total - (remaining ?? total)))
  const pct = total > 0 ? (used / total) * 100 : 0
  const text = `${formatMoney(used)} used of ${formatMoney(total)}`
  return (
    <div>
      <div className="flex items-baseline justify-between gap-2">
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">{label}</p>
        <p className="text-sm tabular-nums"><span className="font-semibold">{formatMoney(remaining ?? total)}</span> <span className="text-slate-600">remaining</span></p>
      </div>
      <div
        role="meter"
        aria-label={`${label} used`}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={used}
        aria-valuetext={text}
        className="mt-1.5 h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full rounded-full bg-blue-600" style={{ width: `${pct}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-600 tabular-nums">{text}</p>
    </div>
  )
}

function network(n: string | null | undefined): string {
  if (n === 'yes') return 'In network'
  if (n === 'no') return 'Out of network'
  return 'Either network'
}

interface CostRow {
  stc: string
  network: string
  level: string | null
  copay: number | null
  coinsurance: number | null
  notes: string[]
}

/** Copay and coinsurance per service type × network × coverage level, from the benefit lines (EB codes B and A). */
export function costRows(benefits: Benefit[]): CostRow[] {
  const rows = new Map<string, CostRow>()
  for (const b of benefits) {
    if (b.code !== 'A' && b.code !== 'B') continue
    const stcs = b.service_type_codes.length > 0 ? b.service_type_codes : ['30']
    for (const stc of stcs) {
      const key = `${stc}|${b.in_network ?? ''}|${b.coverage_level ?? ''}`
      const row = rows.get(key) ?? { stc, network: network(b.in_network), level: b.coverage_level, copay: null, coinsurance: null, notes: [] }
      if (b.code === 'B' && b.amount !== null) row.copay = b.amount
      if (b.code === 'A' && b.percent !== null) row.coinsurance = b.percent
      for (const m of b.messages ?? []) if (!row.notes.includes(m)) row.notes.push(m)
      rows.set(key, row)
    }
  }
  return [...rows.values()].sort((a, b) => a.stc.localeCompare(b.stc, 'en', { numeric: true }) || a.network.localeCompare(b.network))
}

export function EligibilityAnswer({ result }: { result: EligibilityResult }) {
  const benefits = result.benefits ?? []
  const costs = costRows(benefits)
  const plan = result.plan
  return (
    <div className="grid gap-5">
      <div className="flex flex-wrap items-start gap-x-8 gap-y-3">
        <div>
          <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">Coverage</p>
          <div className="mt-1"><CoverageBadge status={result.coverage_status} /></div>
        </div>
        <Fact label="Payer" value={result.payer?.name ?? result.payer?.id} />
        <Fact label="Plan" value={plan?.name} />
        <Fact label="Group" value={plan?.group_number} mono />
        <Fact label="Plan dates" value={plan?.begin || plan?.end ? `${formatDate(plan?.begin)} – ${plan?.end ? formatDate(plan.end) : 'open'}` : null} />
        <Fact label="Office copay" value={result.copay !== null && result.copay !== undefined ? formatMoney(result.copay) : null} />
        <Fact label="Coinsurance" value={result.coinsurance_percent !== null && result.coinsurance_percent !== undefined ? formatPercent(result.coinsurance_percent) : null} />
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <UsedOfTotal label="Deductible" acc={result.deductible} />
        <UsedOfTotal label="Out-of-pocket maximum" acc={result.out_of_pocket} />
      </div>
      {costs.length > 0 && (
        <div>
          <h3 className="mb-1.5 text-sm font-semibold text-slate-800">Copay and coinsurance by service type</h3>
          <div className="overflow-x-auto rounded border border-slate-200">
            <table className="table-dense w-full">
              <thead>
                <tr>
                  <th scope="col">Service type</th>
                  <th scope="col">Network</th>
                  <th scope="col">Level</th>
                  <th scope="col" className="text-right">Copay</th>
                  <th scope="col" className="text-right">Coinsurance</th>
                  <th scope="col">Notes</th>
                </tr>
              </thead>
              <tbody>
                {costs.map((r) => (
                  <tr key={`${r.stc}|${r.network}|${r.level}`}>
                    <td>{serviceTypeName(r.stc)}</td>
                    <td>{r.network}</td>
                    <td>{r.level ? COVERAGE_LEVEL[r.level] ?? r.level : '—'}</td>
                    <td className="text-right tabular-nums">{formatMoney(r.copay)}</td>
                    <td className="text-right tabular-nums">{r.coinsurance === null ? '—' : formatPercent(r.coinsurance)}</td>
                    <td className="text-xs text-slate-600">{r.notes.join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {benefits.length > 0 && (
        <details className="rounded border border-slate-200">
          <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-700">All benefit lines ({benefits.length})</summary>
          <div className="overflow-x-auto">
            <table className="table-dense w-full">
              <thead>
                <tr>
                  <th scope="col">Benefit</th><th scope="col">Service types</th><th scope="col">Network</th><th scope="col">Level</th>
                  <th scope="col">Period</th><th scope="col" className="text-right">Amount</th><th scope="col" className="text-right">Percent</th><th scope="col">Notes</th>
                </tr>
              </thead>
              <tbody>
                {benefits.map((b, i) => (
                  <tr key={i}>
                    <td>{b.name ?? b.code} <span className="text-xs text-slate-600">({b.code})</span></td>
                    <td className="text-xs">{b.service_type_codes.map(serviceTypeName).join(', ') || '—'}</td>
                    <td>{network(b.in_network)}</td>
                    <td>{b.coverage_level ? COVERAGE_LEVEL[b.coverage_level] ?? b.coverage_level : '—'}</td>
                    <td>{b.time_period ? TIME_PERIOD[b.time_period] ?? b.time_period : '—'}</td>
                    <td className="text-right tabular-nums">{b.amount === null ? '—' : formatMoney(b.amount)}</td>
                    <td className="text-right tabular-nums">{b.percent === null ? '—' : formatPercent(b.percent)}</td>
                    <td className="text-xs text-slate-600">{[...(b.messages ?? []), b.plan_coverage, b.auth_required ? 'Authorization required' : null].filter(Boolean).join('; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
      <PayerErrors errors={result.errors} />
    </div>
  )
}

function Fact({ label, value, mono }: { label: string; value: string | null | undefined; mono?: boolean }) {
  return (
    <div>
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">{label}</p>
      <p className={`mt-1 text-sm ${mono ? 'font-mono' : ''} ${value ? 'text-slate-900' : 'text-slate-500'}`}>{value || '—'}</p>
    </div>
  )
}

export function PayerErrors({ errors }: { errors: AaaError[] | null | undefined }) {
  if (!errors || errors.length === 0) return null
  return (
    <div className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-900">
      <p className="font-semibold">The payer reported {errors.length === 1 ? 'a problem' : `${errors.length} problems`}</p>
      <ul className="mt-1 list-disc pl-5">
        {errors.map((e, i) => (
          <li key={i}>
            {e.description ?? 'Unspecified'}{e.code ? ` (AAA ${e.code}${e.loop ? `, loop ${e.loop}` : ''})` : ''}
            {e.follow_up ? ` — ${e.follow_up}` : ''}
          </li>
        ))}
      </ul>
    </div>
  )
}

export function ClaimAnswer({ result }: { result: ClaimStatusResult }) {
  const claims = result.claims ?? []
  const [open, setOpen] = useState<Record<number, boolean>>({})
  if (claims.length === 0) {
    return (
      <div className="grid gap-3">
        <p className="text-sm text-slate-600">The payer returned no claim for this request.</p>
        <PayerErrors errors={result.errors} />
      </div>
    )
  }
  return (
    <div className="grid gap-3">
      <div className="overflow-x-auto rounded border border-slate-200">
        <table className="table-dense w-full">
          <thead>
            <tr>
              <th scope="col">Patient control #</th>
              <th scope="col">Payer claim #</th>
              <th scope="col">Status</th>
              <th scope="col">As of</th>
              <th scope="col" className="text-right">Charged</th>
              <th scope="col" className="text-right">Paid</th>
              <th scope="col">Paid on</th>
              <th scope="col">Check / EFT</th>
              <th scope="col"><span className="sr-only">Lines</span></th>
            </tr>
          </thead>
          <tbody>
            {claims.map((c, i) => {
              const lines = c.service_lines ?? []
              return (
                <Fragment key={i}>
                  <tr>
                    <td className="font-mono text-xs">{c.patient_control_number ?? '—'}</td>
                    <td className="font-mono text-xs">{c.payer_claim_number ?? '—'}</td>
                    <td>
                      <Badge tone={categoryTone(c.status_category_code)}>{c.status_category_code ?? '—'}{c.status_code ? `/${c.status_code}` : ''}</Badge>
                      <div className="mt-0.5 text-xs text-slate-700">{c.status_description || claimStatusText(c.status_category_code, c.status_code)}</div>
                    </td>
                    <td>{formatDate(c.effective_date)}</td>
                    <td className="text-right tabular-nums">{formatMoney(c.total_charge)}</td>
                    <td className="text-right tabular-nums">{formatMoney(c.amount_paid)}</td>
                    <td>{formatDate(c.paid_date)}</td>
                    <td className="font-mono text-xs">{c.check_number ?? '—'}</td>
                    <td>
                      {lines.length > 0 && (
                        <button type="button" className="link text-xs" aria-expanded={!!open[i]} onClick={() => setOpen((o) => ({ ...o, [i]: !o[i] }))}>
                          {open[i] ? 'Hide' : 'Show'} {lines.length} line{lines.length === 1 ? '' : 's'}
                        </button>
                      )}
                    </td>
                  </tr>
                  {open[i] && (
                    <tr>
                      <td colSpan={9} className="bg-slate-50">
                        <table className="table-dense w-full">
                          <caption className="sr-only">Service lines of claim {c.patient_control_number}</caption>
                          <thead>
                            <tr>
                              <th scope="col">Procedure</th><th scope="col">Service date</th><th scope="col" className="text-right">Charged</th>
                              <th scope="col" className="text-right">Paid</th><th scope="col">Status</th>
                            </tr>
                          </thead>
                          <tbody>
                            {lines.map((l, j) => (
                              <tr key={j}>
                                <td className="font-mono text-xs">{l.procedure_code ?? '—'}</td>
                                <td>{formatDate(l.service_date)}</td>
                                <td className="text-right tabular-nums">{formatMoney(l.charge)}</td>
                                <td className="text-right tabular-nums">{formatMoney(l.paid)}</td>
                                <td className="text-xs">
                                  <span className="font-mono">{l.status_category_code ?? '—'}{l.status_code ? `/${l.status_code}` : ''}</span>{' '}
                                  {claimStatusText(l.status_category_code, l.status_code)}
                                </td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      </td>
                    </tr>
                  )}
                </Fragment>
              )
            })}
          </tbody>
        </table>
      </div>
      <PayerErrors errors={result.errors} />
    </div>
  )
}
