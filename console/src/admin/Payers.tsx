import { usePayers } from '../api/queries'
import type { RateLimit } from '../api/types'
import { PURPOSE_LABEL } from '../ui/format'
import { Empty, ErrorState, Section, Spinner } from '../ui/kit'

function rate(r: RateLimit | null | undefined): string {
  if (!r) return 'no limit set'
  return `${r.per_second}/s, bursts of ${r.burst}`
}

const purposes = (ps: string[] | undefined) => (ps ?? []).map((p) => PURPOSE_LABEL[p] ?? p).join(', ') || '—'

/** Payer setup as configured (read-only): channels, their limits, maintenance windows. */
export function PayersPanel() {
  const payers = usePayers()
  if (payers.isPending) return <Spinner label="Loading payers…" />
  if (payers.isError) return <ErrorState error={payers.error} what="the payers" onRetry={() => void payers.refetch()} />
  if (payers.data.length === 0) return <Empty title="No payer is configured">Payers are set up in the server’s configuration files.</Empty>
  return (
    <div className="grid gap-4">
      <p className="text-sm text-slate-600">Read-only: payers are configured in the server’s payer files.</p>
      {payers.data.map((p) => (
        <Section key={p.payer_id} title={<>{p.name} <span className="font-normal text-slate-500">({p.payer_id})</span></>}>
          <div className="grid gap-4 lg:grid-cols-3">
            <div>
              <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">Clearinghouse</h3>
              {p.channels.clearinghouse ? (
                <dl className="grid grid-cols-[7rem_1fr] gap-y-1 text-sm">
                  <dt className="text-slate-500">Partner id</dt><dd className="font-mono text-xs">{p.channels.clearinghouse.trading_partner_id ?? '—'}</dd>
                  <dt className="text-slate-500">Purposes</dt><dd>{purposes(p.channels.clearinghouse.purposes)}</dd>
                  <dt className="text-slate-500">Rate limit</dt><dd>{rate(p.channels.clearinghouse.rate_limit)}</dd>
                </dl>
              ) : <p className="text-sm text-slate-500">Not available</p>}
            </div>
            <div>
              <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">Portals</h3>
              {(p.channels.portals ?? []).length === 0 ? <p className="text-sm text-slate-500">None</p> : (
                <ul className="grid gap-2 text-sm">
                  {(p.channels.portals ?? []).map((x) => (
                    <li key={x.portal}>
                      <span className="font-medium">{x.portal}</span> — {purposes(x.purposes)}
                      <div className="text-xs text-slate-600">credential {x.credential ?? '—'} · {rate(x.rate_limit)}</div>
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <div>
              <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">Maintenance windows</h3>
              {p.maintenance_windows.length === 0 ? <p className="text-sm text-slate-500">None</p> : (
                <ul className="grid gap-1 text-sm">
                  {p.maintenance_windows.map((w, i) => (
                    <li key={i}><span className="font-medium">{w.channel}</span>: {w.day.charAt(0) + w.day.slice(1).toLowerCase()} {w.from.slice(0, 5)}–{w.to.slice(0, 5)} <span className="text-slate-500">({w.zone})</span></li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        </Section>
      ))}
    </div>
  )
}
