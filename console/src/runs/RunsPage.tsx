import { useEffect, useMemo, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { usePayerName, usePayers, useRuns } from '../api/queries'
import type { RunFilters } from '../api/endpoints'
import type { RunSummary } from '../api/types'
import { may, useMe } from '../app/session'
import { formatDuration, humanize, PURPOSE_LABEL, shortId, SOURCE_LABEL } from '../ui/format'
import { Button, Empty, ErrorState, PageHeader, Spinner, StatusBadge, Time } from '../ui/kit'

const FILTER_KEYS = ['status', 'payer_id', 'purpose', 'source', 'from', 'to', 'batch_id'] as const
const PAGE = 50

/** Every check, newest first, with filters kept in the address (so a filtered list can be shared) and cursor paging. */
export default function RunsPage() {
  const [params, setParams] = useSearchParams()
  const me = useMe()
  const payers = usePayers()
  const payerName = usePayerName()
  const filters = useMemo(() => {
    const f: RunFilters = { limit: PAGE }
    for (const k of FILTER_KEYS) {
      const v = params.get(k)
      if (v) (f as Record<string, unknown>)[k] = v
    }
    return f
  }, [params])
  const filterKey = JSON.stringify(filters)
  const [cursors, setCursors] = useState<string[]>([])
  useEffect(() => setCursors([]), [filterKey])
  const cursor = cursors[cursors.length - 1]
  const query = useRuns({ ...filters, cursor })

  useEffect(() => {
    document.title = 'Runs · RCM OS'
  }, [])

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params)
    if (value) next.set(key, value)
    else next.delete(key)
    setParams(next, { replace: true })
  }
  const anyFilter = FILTER_KEYS.some((k) => params.get(k))

  return (
    <div>
      <PageHeader
        title="Runs"
        subtitle="Every eligibility and claim status check, newest first."
        actions={may(me.data?.role, 'newRun') && <Link to="/runs/new" className="inline-flex items-center rounded border border-blue-700 bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800">New check</Link>}
      />
      <form role="search" aria-label="Filter runs" onSubmit={(e) => e.preventDefault()} className="mb-3 flex flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-white p-3">
        <Select label="Status" value={params.get('status') ?? ''} onChange={(v) => set('status', v)} options={[
          ['', 'Any status'], ['queued', 'Queued'], ['running', 'Running'], ['waiting_for_human', 'Waiting for a person'],
          ['succeeded', 'Succeeded'], ['failed', 'Failed'], ['canceled', 'Canceled']]} />
        <Select label="Payer" value={params.get('payer_id') ?? ''} onChange={(v) => set('payer_id', v)}
          options={[['', 'Any payer'], ...(payers.data ?? []).map((p) => [p.payer_id, `${p.name} (${p.payer_id})`] as [string, string])]} />
        <Select label="Purpose" value={params.get('purpose') ?? ''} onChange={(v) => set('purpose', v)} options={[
          ['', 'Any purpose'], ['eligibility', 'Eligibility'], ['claim_status', 'Claim status']]} />
        <Select label="Answered by" value={params.get('source') ?? ''} onChange={(v) => set('source', v)} options={[
          ['', 'Anyone'], ['clearinghouse', 'Clearinghouse'], ['portal', 'Portal'], ['human', 'Person']]} />
        <label className="text-xs font-medium text-slate-700">From
          <input type="date" className="input mt-1 w-36" value={params.get('from') ?? ''} onChange={(e) => set('from', e.target.value)} />
        </label>
        <label className="text-xs font-medium text-slate-700">To
          <input type="date" className="input mt-1 w-36" value={params.get('to') ?? ''} onChange={(e) => set('to', e.target.value)} />
        </label>
        <label className="text-xs font-medium text-slate-700">Batch
          <input className="input mt-1 w-72 font-mono text-xs" placeholder="batch id" value={params.get('batch_id') ?? ''} onChange={(e) => set('batch_id', e.target.value.trim())} />
        </label>
        {anyFilter && <Button variant="ghost" onClick={() => setParams(new URLSearchParams(), { replace: true })}>Clear filters</Button>}
      </form>
      {query.isPending ? (
        <Spinner label="Loading runs…" />
      ) : query.isError ? (
        <ErrorState error={query.error} what="the runs" onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Empty title={anyFilter ? 'No run matches these filters' : 'No checks yet'}>
          {anyFilter ? 'Try a wider date range or clear the filters.' : 'Start one with New check, or upload a batch.'}
        </Empty>
      ) : (
        <>
          <div className={`overflow-x-auto rounded-md border border-slate-200 bg-white shadow-xs ${query.isPlaceholderData ? 'opacity-60' : ''}`}>
            <table className="table-dense w-full">
              <caption className="sr-only">Runs</caption>
              <thead>
                <tr>
                  <th scope="col">Started</th>
                  <th scope="col">Status</th>
                  <th scope="col">Purpose</th>
                  <th scope="col">Payer</th>
                  <th scope="col">Member</th>
                  <th scope="col">Answered by</th>
                  <th scope="col" className="text-right">Tries</th>
                  <th scope="col" className="text-right">Took</th>
                  <th scope="col">Problem</th>
                  <th scope="col">Run</th>
                </tr>
              </thead>
              <tbody>
                {query.data.items.map((r) => <RunRow key={r.run_id} run={r} payerName={payerName(r.payer_id)} />)}
              </tbody>
            </table>
          </div>
          <nav aria-label="Pages" className="mt-3 flex items-center gap-2">
            <Button disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>Previous</Button>
            <Button disabled={!query.data.next_cursor} onClick={() => query.data.next_cursor && setCursors((c) => [...c, query.data.next_cursor!])}>Next</Button>
            <span className="text-xs text-slate-600">Page {cursors.length + 1} · {query.data.items.length} runs</span>
          </nav>
        </>
      )}
    </div>
  )
}

function RunRow({ run, payerName }: { run: RunSummary; payerName: string }) {
  return (
    <tr>
      <td className="whitespace-nowrap"><Time iso={run.created_at} /></td>
      <td><StatusBadge status={run.status} /></td>
      <td>{PURPOSE_LABEL[run.purpose] ?? run.purpose}</td>
      <td>{payerName}</td>
      <td className="font-mono text-xs">{run.member_hint ?? '—'}</td>
      <td>{run.source ? SOURCE_LABEL[run.source] ?? run.source : <span className="text-slate-500">{run.route ? `via ${humanize(run.route).toLowerCase()}` : '—'}</span>}</td>
      <td className="text-right tabular-nums">{run.attempts}</td>
      <td className="text-right tabular-nums whitespace-nowrap">{formatDuration(run.duration_ms)}</td>
      <td className="max-w-[16rem] truncate text-xs text-red-800" title={run.error?.message}>{run.error ? (run.error.advice?.title ?? run.error.code) : ''}</td>
      <td className="whitespace-nowrap">
        <Link to={`/runs/${run.run_id}`} className="link font-mono text-xs" aria-label={`Open run ${shortId(run.run_id)}`}>{shortId(run.run_id)}</Link>
        {run.rerun_of && <span className="ml-1 text-xs text-slate-600" title={`Rerun of ${run.rerun_of}`}>(rerun)</span>}
      </td>
    </tr>
  )
}

function Select({ label, value, onChange, options }: { label: string; value: string; onChange: (v: string) => void; options: [string, string][] }) {
  return (
    <label className="text-xs font-medium text-slate-700">
      {label}
      <select className="input mt-1 w-44" value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </label>
  )
}
