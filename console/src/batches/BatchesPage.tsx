import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { useBatches, usePayerName } from '../api/queries'
import type { BatchListItem } from '../api/types'
import { may, useMe } from '../app/session'
import { formatNumber, PURPOSE_LABEL, shortId } from '../ui/format'
import { Button, Empty, ErrorState, PageHeader, Spinner, StatusBadge, Time } from '../ui/kit'
import { Upload } from './Upload'

/** Files of many checks: upload one (with a preview first) and follow the ones already sent. */
export default function BatchesPage() {
  const me = useMe()
  const [cursors, setCursors] = useState<string[]>([])
  const list = useBatches(cursors[cursors.length - 1])
  const payerName = usePayerName()
  useEffect(() => {
    document.title = 'Batches · RCM OS'
  }, [])

  return (
    <div className="grid gap-4">
      <PageHeader title="Batches" subtitle="Check a whole file of patients at once: upload, look at the preview, start, then follow its progress." />
      {may(me.data?.role, 'upload') && <Upload />}
      <section aria-labelledby="batches-heading">
        <h2 id="batches-heading" className="mb-2 text-sm font-semibold text-slate-800">Recent batches</h2>
        {list.isPending ? <Spinner label="Loading batches…" /> : list.isError ? (
          <ErrorState error={list.error} what="the batches" onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <Empty title="No batch yet">Upload a CSV or NDJSON file to check many patients at once.</Empty>
        ) : (
          <>
            <div className="overflow-x-auto rounded-md border border-slate-200 bg-white shadow-xs">
              <table className="table-dense w-full">
                <caption className="sr-only">Batches</caption>
                <thead>
                  <tr>
                    <th scope="col">Uploaded</th><th scope="col">File</th><th scope="col">Purpose</th><th scope="col">Payer</th>
                    <th scope="col">Status</th><th scope="col" className="text-right">Rows</th><th scope="col" className="text-right">Refused</th><th scope="col">Finished</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((b) => <BatchRow key={b.batch_id} batch={b} payerName={b.payer_id ? payerName(b.payer_id) : 'from the file'} />)}
                </tbody>
              </table>
            </div>
            {(cursors.length > 0 || list.data.next_cursor) && (
              <nav aria-label="Pages" className="mt-3 flex gap-2">
                <Button disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>Previous</Button>
                <Button disabled={!list.data.next_cursor} onClick={() => list.data.next_cursor && setCursors((c) => [...c, list.data.next_cursor!])}>Next</Button>
              </nav>
            )}
          </>
        )}
      </section>
    </div>
  )
}

function BatchRow({ batch, payerName }: { batch: BatchListItem; payerName: string }) {
  const total = batch.total ?? batch.counts?.total
  const invalid = batch.invalid ?? batch.counts?.invalid
  return (
    <tr>
      <td className="whitespace-nowrap"><Time iso={batch.created_at} /></td>
      <td><Link className="link font-medium" to={`/batches/${batch.batch_id}`}>{batch.file_name ?? `Batch ${shortId(batch.batch_id)}`}</Link></td>
      <td>{PURPOSE_LABEL[batch.purpose] ?? batch.purpose}</td>
      <td>{payerName}</td>
      <td><StatusBadge status={batch.status} /></td>
      <td className="text-right tabular-nums">{formatNumber(total)}</td>
      <td className={`text-right tabular-nums ${invalid ? 'text-red-800' : ''}`}>{formatNumber(invalid)}</td>
      <td className="whitespace-nowrap">{batch.finished_at ? <Time iso={batch.finished_at} /> : <span className="text-slate-500">—</span>}</td>
    </tr>
  )
}
