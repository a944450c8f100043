import { useEffect, useMemo, useRef, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { usePayerName, usePayers, useInbox } from '../api/queries'
import type { Task } from '../api/types'
import { useMe } from '../app/session'
import { formatRelative, PURPOSE_LABEL, TASK_TYPE_LABEL } from '../ui/format'
import { Button, Empty, ErrorState, PageHeader, Spinner, StatusBadge, useNow } from '../ui/kit'
import { claimErrorText, SlaCountdown, TaskTypeBadge, taskReason, useClaim, whoAmI } from './parts'

const TYPES = ['mfa', 'captcha', 'review', 'credentials'] as const
const STATUSES = [
  ['', 'Open and claimed'],
  ['open', 'Open'],
  ['claimed', 'Claimed'],
  ['resolved', 'Resolved'],
  ['expired', 'Expired'],
  ['canceled', 'Canceled'],
] as const

/**
 * The work queue: one row per task, live. Type is filtered here (so the counts per type stay whole); payer and
 * status are asked of the server. j/k move, Enter opens.
 */
export default function InboxPage() {
  const [params, setParams] = useSearchParams()
  const type = params.get('type') ?? ''
  const payer = params.get('payer_id') ?? ''
  const status = params.get('status') ?? ''
  const query = useInbox({ payer_id: payer || undefined, status: status || undefined, limit: 200 })
  const payers = usePayers()
  const payerName = usePayerName()
  const me = useMe()
  const now = useNow(1000)
  const navigate = useNavigate()
  const [selected, setSelected] = useState(0)
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([])
  const [actionError, setActionError] = useState<string | null>(null)

  const all = useMemo(() => query.data?.items ?? [], [query.data])
  const counts = useMemo(() => {
    const c: Record<string, number> = {}
    for (const t of all) c[t.type] = (c[t.type] ?? 0) + 1
    return c
  }, [all])
  const tasks = useMemo(() => (type ? all.filter((t) => t.type === type) : all), [all, type])

  useEffect(() => {
    document.title = `Inbox (${all.filter((t) => t.status === 'open').length}) · RCM OS`
  }, [all])

  useEffect(() => {
    if (selected >= tasks.length && tasks.length > 0) setSelected(tasks.length - 1)
  }, [tasks.length, selected])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return
      const target = e.target as HTMLElement | null
      if (target && (['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName) || target.isContentEditable)) return
      if (tasks.length === 0) return
      if (e.key === 'j' || e.key === 'k') {
        e.preventDefault()
        const next = e.key === 'j' ? Math.min(selected + 1, tasks.length - 1) : Math.max(selected - 1, 0)
        setSelected(next)
        rowRefs.current[next]?.focus()
      } else if (e.key === 'Enter') {
        if (target && (target.tagName === 'BUTTON' || target.tagName === 'A')) return
        const task = tasks[selected]
        if (task) {
          e.preventDefault()
          navigate(`/inbox/${task.id}`)
        }
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [tasks, selected, navigate])

  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params)
    if (value) next.set(key, value)
    else next.delete(key)
    setParams(next, { replace: true })
    setSelected(0)
  }

  return (
    <div>
      <PageHeader
        title="Inbox"
        subtitle="Checks waiting for a person: codes to type, answers to review, credentials to fix. Keys: j / k to move, Enter to open."
      />
      <div className="mb-3 flex flex-wrap items-end gap-3">
        <div role="group" aria-label="Counts per type" className="flex flex-wrap gap-1.5">
          <TypeChip label="All" count={all.length} active={!type} onClick={() => setFilter('type', '')} />
          {TYPES.map((t) => (
            <TypeChip key={t} label={TASK_TYPE_LABEL[t]} count={counts[t] ?? 0} active={type === t} onClick={() => setFilter('type', type === t ? '' : t)} />
          ))}
        </div>
        <div className="ml-auto flex flex-wrap items-end gap-3">
          <label className="text-xs font-medium text-slate-700">
            Type
            <select className="input mt-1 w-40" value={type} onChange={(e) => setFilter('type', e.target.value)}>
              <option value="">All types</option>
              {TYPES.map((t) => <option key={t} value={t}>{TASK_TYPE_LABEL[t]}</option>)}
            </select>
          </label>
          <label className="text-xs font-medium text-slate-700">
            Payer
            <select className="input mt-1 w-48" value={payer} onChange={(e) => setFilter('payer_id', e.target.value)}>
              <option value="">All payers</option>
              {payers.data?.map((p) => <option key={p.payer_id} value={p.payer_id}>{p.name} ({p.payer_id})</option>)}
            </select>
          </label>
          <label className="text-xs font-medium text-slate-700">
            Status
            <select className="input mt-1 w-44" value={status} onChange={(e) => setFilter('status', e.target.value)}>
              {STATUSES.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
            </select>
          </label>
        </div>
      </div>
      {actionError && <p role="alert" className="mb-3 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">{actionError}</p>}
      {query.isPending ? (
        <Spinner label="Loading tasks…" />
      ) : query.isError ? (
        <ErrorState error={query.error} what="the inbox" onRetry={() => void query.refetch()} />
      ) : tasks.length === 0 ? (
        <Empty title={all.length === 0 ? 'Nothing is waiting for a person' : 'No task of this type'}>
          New tasks appear here by themselves as checks need help.
        </Empty>
      ) : (
        <div className="overflow-x-auto rounded-md border border-slate-200 bg-white shadow-xs">
          <table className="table-dense w-full">
            <caption className="sr-only">Tasks waiting for a person</caption>
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Why</th>
                <th scope="col">Payer</th>
                <th scope="col">Member</th>
                <th scope="col">Status</th>
                <th scope="col">Waiting</th>
                <th scope="col">SLA</th>
                <th scope="col"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((task, i) => (
                <TaskRow
                  key={task.id}
                  task={task}
                  now={now}
                  selected={i === selected}
                  me={whoAmI(me.data)}
                  isAdmin={me.data?.role === 'admin'}
                  payerName={payerName(task.payer_id)}
                  rowRef={(el) => { rowRefs.current[i] = el }}
                  onSelect={() => setSelected(i)}
                  onOpen={() => navigate(`/inbox/${task.id}`)}
                  onError={setActionError}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}

function TypeChip({ label, count, active, onClick }: { label: string; count: number; active: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      aria-pressed={active}
      onClick={onClick}
      className={`inline-flex items-center gap-2 rounded-full border px-3 py-1 text-xs font-medium ${active ? 'border-blue-700 bg-blue-700 text-white' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`}
    >
      {label}
      <span data-testid={`count-${label}`} className={`rounded-full px-1.5 tabular-nums ${active ? 'bg-blue-900/40' : 'bg-slate-100'}`}>{count}</span>
    </button>
  )
}

function TaskRow({ task, now, selected, me, isAdmin, payerName, rowRef, onSelect, onOpen, onError }: {
  task: Task
  now: number
  selected: boolean
  me: string | undefined
  isAdmin: boolean
  payerName: string
  rowRef: (el: HTMLTableRowElement | null) => void
  onSelect: () => void
  onOpen: () => void
  onError: (message: string | null) => void
}) {
  const { claim, release } = useClaim(task)
  const done = !['open', 'claimed'].includes(task.status)
  const mine = task.status === 'claimed' && task.assignee === me
  const member = task.subject?.member_hint
  return (
    <tr
      ref={rowRef}
      tabIndex={-1}
      aria-current={selected ? 'true' : undefined}
      data-selected={selected ? 'true' : undefined}
      onClick={(e) => {
        onSelect()
        if (!(e.target as HTMLElement).closest('button, a')) onOpen()
      }}
      className={`cursor-pointer ${selected ? 'bg-blue-50 outline-2 -outline-offset-2 outline-blue-500' : ''}`}
    >
      <td><TaskTypeBadge type={task.type} /></td>
      <td className="max-w-[22rem]">
        <Link to={`/inbox/${task.id}`} className="link font-medium">{taskReason(task)}</Link>
        <div className="text-xs text-slate-600">{PURPOSE_LABEL[task.purpose] ?? task.purpose}{task.escalation_level > 0 ? ` · escalated ×${task.escalation_level}` : ''}</div>
      </td>
      <td>{payerName}</td>
      <td className="font-mono text-xs">
        {member ?? '—'}
        {task.subject?.name_initials && <span className="ml-1 text-slate-600">{task.subject.name_initials}</span>}
      </td>
      <td>
        <StatusBadge status={task.status} />
        {task.assignee && <div className="mt-0.5 text-xs text-slate-600">{mine ? 'by you' : `by ${task.assignee}`}</div>}
      </td>
      <td className="whitespace-nowrap text-slate-600"><time dateTime={task.created_at} title={new Date(task.created_at).toLocaleString()}>{formatRelative(task.created_at, now)}</time></td>
      <td className="whitespace-nowrap"><SlaCountdown dueAt={task.due_at} now={now} done={done} /></td>
      <td className="whitespace-nowrap text-right">
        {task.status === 'open' && (
          <Button size="sm" busy={claim.isPending} aria-label={`Claim task ${taskReason(task)}`}
            onClick={() => claim.mutate(undefined, { onError: (e) => onError(claimErrorText(e)), onSuccess: () => onError(null) })}>
            Claim
          </Button>
        )}
        {task.status === 'claimed' && (mine || isAdmin) && (
          <Button size="sm" variant="ghost" busy={release.isPending} aria-label={`Release task ${taskReason(task)}`}
            onClick={() => release.mutate(undefined, { onError: (e) => onError(claimErrorText(e)), onSuccess: () => onError(null) })}>
            Release
          </Button>
        )}
      </td>
    </tr>
  )
}
