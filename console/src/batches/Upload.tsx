import { useEffect, useRef, useState, type DragEvent } from 'react'
import { useNavigate } from 'react-router'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { isApiError } from '../api/client'
import { batches, type UploadParams } from '../api/endpoints'
import { usePayers } from '../api/queries'
import type { BatchPreview, Purpose } from '../api/types'
import { formatNumber } from '../ui/format'
import { ActionError, Badge, Button, Field, Section } from '../ui/kit'
import { labelOf } from '../runs/request'

/**
 * Upload a file, see what the server makes of it (POST /batches/preview: nothing is stored), fix the column mapping,
 * then Start (POST /batches with the same mapping).
 */
export function Upload() {
  const navigate = useNavigate()
  const client = useQueryClient()
  const payers = usePayers()
  const [file, setFile] = useState<File | null>(null)
  const [purpose, setPurpose] = useState<Purpose>('eligibility')
  const [payerId, setPayerId] = useState('')
  const [route, setRoute] = useState('auto')
  const [mapping, setMapping] = useState<Record<string, string>>({})
  const [dragging, setDragging] = useState(false)
  const inputRef = useRef<HTMLInputElement>(null)

  const params: UploadParams = { purpose, payer_id: payerId || undefined, route, mapping }
  const preview = useMutation({ mutationFn: (p: { file: File; params: UploadParams }) => batches.preview(p.file, p.params) })
  const start = useMutation({
    mutationFn: (p: { file: File; params: UploadParams }) => batches.start(p.file, p.params),
    onSuccess: (created) => {
      void client.invalidateQueries({ queryKey: ['batches'] })
      navigate(`/batches/${created.batch_id}`)
    },
  })
  const mappingKey = JSON.stringify(mapping)

  // a new file, purpose, payer or mapping: ask for a new preview
  useEffect(() => {
    if (file) preview.mutate({ file, params })
  }, [file, purpose, payerId, route, mappingKey])

  const choose = (f: File | null | undefined) => {
    if (!f) return
    setFile(f)
    setMapping({})
    start.reset()
  }
  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setDragging(false)
    choose(e.dataTransfer.files?.[0])
  }
  const data = preview.data
  // a server without POST /batches/preview: starting still checks every row and lists the refused ones afterwards
  const noPreview = preview.isError && isApiError(preview.error) && [403, 404, 405, 501].includes(preview.error.status)
  const canStart = !!file && !preview.isPending && ((!!data && data.counts.valid > 0) || noPreview)

  return (
    <Section title="New batch">
      <div className="grid gap-4">
        <div className="flex flex-wrap items-start gap-4">
          <div
            onDragOver={(e) => { e.preventDefault(); setDragging(true) }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            className={`flex min-w-[22rem] flex-1 items-center gap-3 rounded-md border-2 border-dashed px-4 py-3 ${dragging ? 'border-blue-600 bg-blue-50' : 'border-slate-300 bg-slate-50'}`}
          >
            <div className="grow">
              <label htmlFor="batch-file" className="block text-xs font-medium text-slate-700">File</label>
              <input
                ref={inputRef}
                id="batch-file"
                type="file"
                accept=".csv,.ndjson,.jsonl,.txt,text/csv,application/x-ndjson"
                aria-describedby="batch-file-hint"
                onChange={(e) => choose(e.target.files?.[0])}
                className="mt-1 block w-full text-sm file:mr-3 file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:py-1 file:text-sm file:font-medium hover:file:bg-slate-50"
              />
              <p id="batch-file-hint" className="mt-1 text-xs text-slate-600">
                Drop a CSV or NDJSON file here, or choose one. One patient per row; a header row names the columns.
              </p>
            </div>
          </div>
          <Field label="Purpose" className="w-44">
            {(p) => (
              <select {...p} className="input" value={purpose} onChange={(e) => { setPurpose(e.target.value as Purpose); setMapping({}) }}>
                <option value="eligibility">Eligibility</option>
                <option value="claim_status">Claim status</option>
              </select>
            )}
          </Field>
          <Field label="Payer" className="w-60" hint="Or a payer column in the file">
            {(p) => (
              <select {...p} className="input" value={payerId} onChange={(e) => setPayerId(e.target.value)}>
                <option value="">From the file</option>
                {payers.data?.map((x) => <option key={x.payer_id} value={x.payer_id}>{x.name} ({x.payer_id})</option>)}
              </select>
            )}
          </Field>
          <Field label="Route" className="w-44">
            {(p) => (
              <select {...p} className="input" value={route} onChange={(e) => setRoute(e.target.value)}>
                <option value="auto">Automatic</option>
                <option value="clearinghouse">Clearinghouse only</option>
                <option value="portal">Portal only</option>
              </select>
            )}
          </Field>
        </div>
        {!file && <p className="text-sm text-slate-600">Nothing runs until you have seen the preview and pressed Start.</p>}
        {file && preview.isPending && <p role="status" className="text-sm text-slate-600">Reading {file.name}…</p>}
        {file && preview.isError && (noPreview ? (
          <p role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            This server cannot show a preview. You can still start: every row is checked, and rows that are refused are listed on the batch page.
          </p>
        ) : <ActionError error={preview.error} fallback="The file could not be read." />)}
        {file && data && (
          <PreviewView
            preview={data}
            mapping={mapping}
            onMap={(column, field) => setMapping((m) => {
              // "not used" drops the explicit choice (the mapping names fields only; a column the server reads by
              // its name cannot be switched off, so that option is disabled for those)
              const next = { ...m }
              if (field) next[column] = field
              else delete next[column]
              return next
            })}
            stale={preview.isPending}
          />
        )}
        {file && (
          <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-3">
            <Button variant="primary" disabled={!canStart} busy={start.isPending} onClick={() => file && start.mutate({ file, params })}>Start</Button>
            {data && (
              <span className="text-sm text-slate-700">
                {formatNumber(data.counts.valid)} row{data.counts.valid === 1 ? '' : 's'} will be checked
                {data.counts.invalid > 0 && <>; {formatNumber(data.counts.invalid)} will be refused (listed above)</>}.
              </span>
            )}
            <Button variant="ghost" onClick={() => { setFile(null); setMapping({}); preview.reset(); if (inputRef.current) inputRef.current.value = '' }}>Choose another file</Button>
            <ActionError error={start.error} fallback="The batch could not be started." />
          </div>
        )}
      </div>
    </Section>
  )
}

const HOW: Record<string, [string, 'green' | 'blue' | 'amber']> = {
  alias: ['by its name', 'green'],
  mapping: ['your choice', 'blue'],
  unmapped: ['not used', 'amber'],
}

export function PreviewView({ preview, mapping, onMap, stale }: {
  preview: BatchPreview
  mapping: Record<string, string>
  onMap: (column: string, field: string) => void
  stale?: boolean
}) {
  const fieldLabel = (field: string | null) => preview.fields.find((f) => f.field === field)?.label ?? field ?? ''
  const effective = (col: BatchPreview['columns'][number]) => mapping[col.name] ?? (col.how === 'mapping' ? '' : col.field ?? '')
  const mapped = new Set(preview.columns.map(effective).filter(Boolean))
  const missing = preview.fields.filter((f) => f.required && !mapped.has(f.field))
  const refusedRows = new Map<number, string[]>()
  for (const e of preview.errors) {
    if (e.row === null) continue
    refusedRows.set(e.row, [...(refusedRows.get(e.row) ?? []), `${e.column ?? e.field ?? ''}: ${e.message}`])
  }
  const firstRow = preview.rows[0]

  return (
    <div className={`grid gap-4 ${stale ? 'opacity-60' : ''}`} aria-busy={stale || undefined}>
      <h3 className="sr-only">Preview</h3>
      <div className="flex flex-wrap gap-2 text-sm">
        <Badge tone="slate">{preview.format.toUpperCase()}</Badge>
        <Badge tone="blue">{formatNumber(preview.counts.total)} rows</Badge>
        <Badge tone="green">{formatNumber(preview.counts.valid)} valid</Badge>
        <Badge tone={preview.counts.invalid > 0 ? 'red' : 'slate'}>{formatNumber(preview.counts.invalid)} would be refused</Badge>
        {preview.duplicates > 0 && <Badge tone="amber">{formatNumber(preview.duplicates)} duplicates</Badge>}
      </div>
      {missing.length > 0 && (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          No column gives {missing.map((f) => f.label).join(', ')}. Choose the column that holds {missing.length === 1 ? 'it' : 'them'} below.
        </p>
      )}
      <div>
        <h4 className="mb-1 text-sm font-semibold text-slate-800">Columns → fields</h4>
        <div className="overflow-x-auto rounded border border-slate-200">
          <table className="table-dense w-full">
            <thead>
              <tr><th scope="col">Your column</th><th scope="col">First value</th><th scope="col">Read as</th><th scope="col">How</th><th scope="col">Suggestion</th></tr>
            </thead>
            <tbody>
              {preview.columns.map((col) => {
                const value = effective(col)
                const how = mapping[col.name] ? 'mapping' : col.how === 'alias' ? 'alias' : 'unmapped'
                const [howLabel, tone] = HOW[how] ?? [how, 'blue']
                return (
                  <tr key={col.name}>
                    <td className="font-medium">{col.name}</td>
                    <td className="max-w-[12rem] truncate font-mono text-xs text-slate-600">{firstRow ? String(firstRow.cells[col.name] ?? '') : ''}</td>
                    <td>
                      <select aria-label={`Field for column ${col.name}`} className="input w-56" value={value} onChange={(e) => onMap(col.name, e.target.value)}>
                        <option value="" disabled={col.how === 'alias'}>— not used —</option>
                        {preview.fields.map((f) => <option key={f.field} value={f.field}>{f.label}{f.required ? ' *' : ''}</option>)}
                      </select>
                    </td>
                    <td><Badge tone={tone}>{howLabel}</Badge></td>
                    <td>
                      {!value && col.suggested_field && (
                        <Button size="sm" onClick={() => onMap(col.name, col.suggested_field!)}>Use {fieldLabel(col.suggested_field)}</Button>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      </div>
      {preview.rows.length > 0 && (
        <div>
          <h4 className="mb-1 text-sm font-semibold text-slate-800">First {preview.rows.length} rows</h4>
          {/* a scrolling region must be reachable by keyboard (tabIndex) and named for screen readers */}
          <div tabIndex={0} role="region" aria-label={`First ${preview.rows.length} rows of the file`} className="max-h-80 overflow-auto rounded border border-slate-200">
            <table className="table-dense w-full">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  {preview.columns.map((c) => <th key={c.name} scope="col">{c.name}</th>)}
                  <th scope="col">Check</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => {
                  const problems = refusedRows.get(r.row)
                  return (
                    <tr key={r.row} className={problems ? 'bg-red-50' : ''}>
                      <td className="tabular-nums">{r.row}</td>
                      {preview.columns.map((c) => <td key={c.name} className="max-w-[10rem] truncate text-xs">{String(r.cells[c.name] ?? '')}</td>)}
                      <td className="text-xs">{problems ? <span className="font-medium text-red-800">Refused: {problems.join('; ')}</span> : <span className="text-emerald-800">OK</span>}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {preview.errors.length > 0 && (
        <div>
          <h4 className="mb-1 text-sm font-semibold text-slate-800">Rows that would be refused</h4>
          <RowProblems problems={preview.errors} />
        </div>
      )}
    </div>
  )
}

export function RowProblems({ problems }: { problems: { row: number | null; line: number | null; column: string | null; field: string | null; message: string }[] }) {
  return (
    <div tabIndex={0} role="region" aria-label="Refused rows" className="max-h-80 overflow-auto rounded border border-slate-200">
      <table className="table-dense w-full">
        <thead>
          <tr><th scope="col">Row</th><th scope="col">Line</th><th scope="col">Column</th><th scope="col">Field</th><th scope="col">Problem</th></tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i}>
              <td className="tabular-nums">{p.row ?? '—'}</td>
              <td className="tabular-nums">{p.line ?? '—'}</td>
              <td>{p.column ?? '—'}</td>
              <td title={p.field ?? undefined}>{p.field ? labelOf(p.field) : '—'}</td>
              <td className="text-red-800">{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
