import { useState } from 'react'
import { Link } from 'react-router'
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query'
import { admin } from '../api/endpoints'
import { formatNumber, shortId } from '../ui/format'
import { ActionError, Button, Empty, ErrorState, Section, Spinner, Time } from '../ui/kit'

const TAMPER: Record<string, string> = {
  edited: 'an entry was changed',
  deleted: 'entries were removed',
  inserted: 'an entry was added',
  reordered: 'entries were moved',
  truncated: 'the newest entries were cut off',
  rewritten: 'the log was rewritten without the audit key',
  checkpoint_mismatch: 'the log differs from a signed checkpoint',
  checkpoint_forged: 'a checkpoint is not validly signed',
  checkpoint_missing: 'a checkpoint was removed from the store',
  epoch_altered: 'the start of the keyed chain was moved',
}

/** The audit log (keyed hash chain and signed checkpoints), filtered and paged, with a check of both. */
export function AuditPanel() {
  const [filters, setFilters] = useState({ actor: '', run_id: '', action: '' })
  const [applied, setApplied] = useState(filters)
  const [cursors, setCursors] = useState<string[]>([])
  const cursor = cursors[cursors.length - 1]
  const query = useQuery({
    queryKey: ['audit', applied, cursor ?? ''],
    queryFn: ({ signal }) => admin.audit({
      actor: applied.actor || undefined, run_id: applied.run_id || undefined, action: applied.action || undefined, cursor,
    }, signal),
    placeholderData: keepPreviousData,
  })
  const verify = useMutation({ mutationFn: admin.verifyAudit })

  return (
    <div className="grid gap-4">
      <Section title="Integrity" actions={<Button busy={verify.isPending} onClick={() => verify.mutate()}>Verify</Button>}>
        {verify.data ? (
          verify.data.ok ? (
            <p role="status" className="text-sm text-emerald-800">
              <span aria-hidden>✓ </span>The chain is intact: {formatNumber(verify.data.entries_checked)} entries checked
              {verify.data.checkpoints.newest_seq !== null
                ? <>, signed checkpoints up to #{verify.data.checkpoints.newest_seq} ({formatNumber(verify.data.checkpoints.entries_after_newest)} newer entries not yet in a checkpoint).</>
                : <>; no signed checkpoint yet.</>}
            </p>
          ) : verify.data.first_broken ? (
            <p role="alert" className="text-sm font-medium text-red-800">
              {verify.data.first_broken.seq !== null
                ? <>The log is broken at entry #{verify.data.first_broken.seq}</>
                : <>Checkpoint #{verify.data.first_broken.checkpoint} is broken</>}
              {' '}({TAMPER[verify.data.first_broken.kind] ?? verify.data.first_broken.kind}): {verify.data.first_broken.reason}
              {' '}({formatNumber(verify.data.entries_checked)} entries checked).
            </p>
          ) : null
        ) : verify.isError ? <ActionError error={verify.error} /> : (
          <p className="text-sm text-slate-600">
            Each entry carries a keyed hash of the one before, and signed checkpoints kept outside the database fix the chain
            as it was. Verify recomputes the whole chain and checks every checkpoint.
          </p>
        )}
      </Section>
      <Section title="Entries">
        <form
          role="search"
          aria-label="Filter the audit log"
          className="mb-3 flex flex-wrap items-end gap-3"
          onSubmit={(e) => { e.preventDefault(); setApplied(filters); setCursors([]) }}
        >
          <label className="text-xs font-medium text-slate-700">Actor
            <input className="input mt-1 w-44" value={filters.actor} onChange={(e) => setFilters({ ...filters, actor: e.target.value })} />
          </label>
          <label className="text-xs font-medium text-slate-700">Action
            <input className="input mt-1 w-44" placeholder="e.g. auth.login" value={filters.action} onChange={(e) => setFilters({ ...filters, action: e.target.value })} />
          </label>
          <label className="text-xs font-medium text-slate-700">Run id
            <input className="input mt-1 w-80 font-mono text-xs" value={filters.run_id} onChange={(e) => setFilters({ ...filters, run_id: e.target.value.trim() })} />
          </label>
          <Button type="submit">Apply filters</Button>
        </form>
        {query.isPending ? <Spinner label="Loading the audit log…" /> : query.isError ? (
          <ErrorState error={query.error} what="the audit log" onRetry={() => void query.refetch()} />
        ) : query.data.items.length === 0 ? <Empty title="No entry matches" /> : (
          <>
            <div className={`overflow-x-auto ${query.isPlaceholderData ? 'opacity-60' : ''}`}>
              <table className="table-dense w-full">
                <thead>
                  <tr><th scope="col">#</th><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Run</th><th scope="col">Details</th></tr>
                </thead>
                <tbody>
                  {query.data.items.map((a) => (
                    <tr key={a.seq}>
                      <td className="tabular-nums text-slate-500">{a.seq}</td>
                      <td className="whitespace-nowrap"><Time iso={a.ts} /></td>
                      <td>{a.actor} <span className="text-xs text-slate-600">({a.actor_type})</span></td>
                      <td className="font-mono text-xs">{a.action}</td>
                      <td className="text-xs">{a.target_type ? `${a.target_type} ` : ''}<span className="font-mono">{a.target_id && a.target_id.length > 20 ? shortId(a.target_id) : a.target_id}</span></td>
                      <td>{a.run_id ? <Link className="link font-mono text-xs" to={`/runs/${a.run_id}`}>{shortId(a.run_id)}</Link> : ''}</td>
                      <td className="max-w-[24rem] truncate font-mono text-xs text-slate-600" title={JSON.stringify(a.details)}>
                        {a.details && Object.keys(a.details).length > 0 ? JSON.stringify(a.details) : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <nav aria-label="Pages" className="mt-3 flex gap-2">
              <Button disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>Previous</Button>
              <Button disabled={!query.data.next_cursor} onClick={() => query.data.next_cursor && setCursors((c) => [...c, query.data.next_cursor!])}>Next</Button>
            </nav>
          </>
        )}
      </Section>
    </div>
  )
}
