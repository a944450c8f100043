import { useEffect, useState, type MouseEvent } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { download } from '../api/client'
import { batches } from '../api/endpoints'
import { useBatch, useBatchErrors, usePayerName } from '../api/queries'
import type { Batch } from '../api/types'
import { may, useMe } from '../app/session'
import { formatCountdown, formatNumber, PURPOSE_LABEL, shortId } from '../ui/format'
import { ActionError, Button, ErrorState, PageHeader, Section, Spinner, StatusBadge, Time, useNow } from '../ui/kit'
import { RowProblems } from './Upload'

/** Rows that will not run again: finished (answered, failed, canceled) or refused at upload. */
export function doneRows(b: Pick<Batch, 'counts'>): number {
  const c = b.counts
  return (c.succeeded ?? 0) + (c.failed ?? 0) + (c.canceled ?? 0) + (c.invalid ?? 0)
}

/** Time left from the pace so far; null until there is a pace to go by. */
export function eta(b: Batch, now: number): number | null {
  if (b.status !== 'running' || !b.started_at) return null
  const ran = (b.counts.succeeded ?? 0) + (b.counts.failed ?? 0) + (b.counts.canceled ?? 0)
  const toRun = (b.counts.total ?? 0) - (b.counts.invalid ?? 0) - ran
  const elapsed = now - new Date(b.started_at).getTime()
  if (ran <= 0 || elapsed <= 0 || toRun <= 0) return null
  return (elapsed / ran) * toRun
}

export function BatchProgress({ batch, now }: { batch: Batch; now: number }) {
  const total = batch.counts.total ?? 0
  const done = Math.min(doneRows(batch), total)
  const pct = total > 0 ? Math.round((done / total) * 100) : 100
  const left = eta(batch, now)
  return (
    <div>
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{formatNumber(done)} of {formatNumber(total)} rows done</span>
        <span className="tabular-nums text-slate-700">
          {pct}%
          {batch.status === 'running' && <span className="ml-2 text-slate-500">{left !== null ? `about ${formatCountdown(left)} left` : 'estimating time left…'}</span>}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label="Batch progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total} rows done`}
        className="mt-1.5 h-3 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full rounded-full transition-[width] duration-500 ${batch.status === 'canceled' ? 'bg-slate-500' : 'bg-blue-600'}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  )
}

const COUNTS: [keyof Batch['counts'] | 'waiting', string, string][] = [
  ['queued', 'Queued', 'text-slate-700'],
  ['running', 'Running', 'text-blue-800'],
  ['waiting_for_human', 'Waiting for a person', 'text-amber-800'],
  ['succeeded', 'Succeeded', 'text-emerald-800'],
  ['failed', 'Failed', 'text-red-800'],
  ['canceled', 'Canceled', 'text-slate-700'],
  ['invalid', 'Refused at upload', 'text-red-800'],
]

export default function BatchPage() {
  const { id } = useParams()
  const batch = useBatch(id)
  useEffect(() => {
    document.title = `Batch ${shortId(id)} · RCM OS`
  }, [id])
  if (batch.isPending) return <Spinner label="Loading the batch…" />
  if (batch.isError) return <ErrorState error={batch.error} what="this batch" onRetry={() => void batch.refetch()} />
  return <BatchView batch={batch.data} />
}

function BatchView({ batch }: { batch: Batch }) {
  const me = useMe()
  const role = me.data?.role
  const client = useQueryClient()
  const now = useNow(1000)
  const payerName = usePayerName()
  const errors = useBatchErrors(batch.batch_id)
  const [confirming, setConfirming] = useState(false)
  const [downloadError, setDownloadError] = useState<unknown>(null)
  const cancel = useMutation({
    mutationFn: () => batches.cancel(batch.batch_id),
    onSuccess: (b) => {
      client.setQueryData(['batch', batch.batch_id], b)
      setConfirming(false)
    },
  })
  const navigate = useNavigate()
  const rerun = useMutation({
    mutationFn: () => batches.rerunFailed(batch.batch_id),
    onSuccess: (r) => {
      client.setQueryData(['batch', r.batch_id], r.batch)
      void client.invalidateQueries({ queryKey: ['batch', batch.batch_id] })
      void navigate(`/batches/${r.batch_id}`)
    },
  })
  const active = batch.status === 'running' || batch.status === 'validating'
  const failedRows = batch.counts.failed ?? 0
  const name = batch.file_name ?? `batch-${shortId(batch.batch_id)}`
  const base = name.replace(/\.[^.]+$/, '')
  const get = (path: string, file: string) => async (e: MouseEvent) => {
    e.preventDefault()
    setDownloadError(null)
    try {
      await download(path, file)
    } catch (err) {
      setDownloadError(err)
    }
  }
  const counts = batch.counts as unknown as Record<string, number>

  return (
    <div>
      <p className="mb-2 text-sm"><Link to="/batches" className="link">← Batches</Link></p>
      <PageHeader
        title={<span className="flex flex-wrap items-center gap-3">{batch.file_name ?? `Batch ${shortId(batch.batch_id)}`} <StatusBadge status={batch.status} /></span>}
        subtitle={
          <span className="flex flex-wrap gap-x-4">
            <span>{PURPOSE_LABEL[batch.purpose] ?? batch.purpose}</span>
            <span>{batch.payer_id ? payerName(batch.payer_id) : 'payer from the file'}</span>
            <span>Uploaded <Time iso={batch.created_at} /></span>
            {batch.finished_at && <span>Finished <Time iso={batch.finished_at} /></span>}
            {batch.canceled_at && <span>Canceled <Time iso={batch.canceled_at} /></span>}
            {batch.rerun_of && <span>Reruns the failed rows of <Link className="link" to={`/batches/${batch.rerun_of}`}>batch {shortId(batch.rerun_of)}</Link></span>}
            {(batch.reruns ?? []).map((r) => (
              <span key={r}>Failed rows rerun in <Link className="link" to={`/batches/${r}`}>batch {shortId(r)}</Link></span>
            ))}
          </span>
        }
        actions={!active && batch.finished_at && failedRows > 0 && may(role, 'upload') ? (
          <Button busy={rerun.isPending} onClick={() => rerun.mutate()}>Rerun {formatNumber(failedRows)} failed {failedRows === 1 ? 'row' : 'rows'}</Button>
        ) : active && may(role, 'upload') && (
          confirming ? (
            <span className="flex items-center gap-2 text-sm">
              Stop starting new rows? Rows already running finish.
              <Button variant="danger" busy={cancel.isPending} onClick={() => cancel.mutate()}>Yes, cancel the batch</Button>
              <Button variant="ghost" onClick={() => setConfirming(false)}>Keep going</Button>
            </span>
          ) : <Button variant="danger" onClick={() => setConfirming(true)}>Cancel</Button>
        )}
      />
      <ActionError error={cancel.error} />
      <ActionError error={rerun.error} />
      <div className="grid gap-4">
        <Section title="Progress">
          <BatchProgress batch={batch} now={now} />
          <dl className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
            {COUNTS.map(([key, label, cls]) => (
              <div key={key} className="rounded border border-slate-200 px-3 py-2">
                <dt className="text-xs text-slate-600">{label}</dt>
                <dd className={`text-lg font-semibold tabular-nums ${cls}`}>
                  {formatNumber(key === 'queued' ? (counts.pending ?? 0) + (counts.queued ?? 0) : counts[key] ?? 0)}
                </dd>
              </div>
            ))}
          </dl>
          {batch.counts.waiting_for_human > 0 && (
            <p className="mt-3 text-sm text-amber-900">Some rows wait for a person: they are in the <Link className="link" to="/inbox">inbox</Link>.</p>
          )}
        </Section>
        <Section title="Downloads">
          <div className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm">
            {may(role, 'results') ? (
              <>
                <a className="link font-medium" href={batches.resultsPath(batch.batch_id, 'csv')} onClick={get(batches.resultsPath(batch.batch_id, 'csv'), `${base}-results.csv`)}>Download results</a>
                <a className="link" aria-label="Results as JSON" href={batches.resultsPath(batch.batch_id, 'json')} onClick={get(batches.resultsPath(batch.batch_id, 'json'), `${base}-results.json`)}>JSON</a>
                <a className="link" href={batches.errorsPath(batch.batch_id)} onClick={get(batches.errorsPath(batch.batch_id), `${base}-errors.csv`)}>Download errors</a>
              </>
            ) : (
              <span className="text-slate-600">Results hold patient details; your role cannot download them.</span>
            )}
            <Link className="link" to={`/runs?batch_id=${batch.batch_id}`}>See this batch’s runs</Link>
          </div>
          <div className="mt-2"><ActionError error={downloadError} fallback="The download failed." /></div>
        </Section>
        <Section title={`Refused rows${errors.data ? ` (${formatNumber(errors.data.length)})` : ''}`}>
          {errors.isPending ? <Spinner label="Loading refused rows…" /> : errors.isError ? (
            <ErrorState error={errors.error} what="the refused rows" onRetry={() => void errors.refetch()} />
          ) : errors.data.length === 0 ? (
            <p className="text-sm text-slate-600">No row was refused.</p>
          ) : <RowProblems problems={errors.data} />}
        </Section>
      </div>
    </div>
  )
}
