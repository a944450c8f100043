import { useEffect } from 'react'
import { Link, useParams } from 'react-router'
import { usePayerName, useRun, useTask } from '../api/queries'
import type { Evidence, Task } from '../api/types'
import { useMe } from '../app/session'
import { formatDateTime, humanize, PURPOSE_LABEL, shortId, TASK_TYPE_LABEL } from '../ui/format'
import { Button, ErrorState, Notice, PageHeader, Section, Spinner, StatusBadge, Time, useNow } from '../ui/kit'
import { AdviceBox, claimErrorText, SlaCountdown, TaskTypeBadge, taskReason, useClaim, whoAmI } from './parts'
import { CaptchaForm, CredentialsPanel, MfaForm, ReviewPanel } from './TaskForms'

/** One task: the run's context, the evidence, and the form for its type. */
export default function TaskPage() {
  const { id } = useParams()
  const task = useTask(id)
  useEffect(() => {
    document.title = `${task.data ? TASK_TYPE_LABEL[task.data.type] : 'Task'} · Inbox · RCM OS`
  }, [task.data])

  if (task.isPending) return <Spinner label="Loading the task…" />
  if (task.isError) return <ErrorState error={task.error} what="this task" onRetry={() => void task.refetch()} />
  return <TaskView task={task.data} />
}

function TaskView({ task }: { task: Task }) {
  const run = useRun(task.run_id)
  const me = useMe()
  const now = useNow(1000)
  const payerName = usePayerName()
  const { claim, release } = useClaim(task)
  const open = task.status === 'open' || task.status === 'claimed'
  const mine = task.status === 'claimed' && task.assignee === whoAmI(me.data)
  const heldByOther = task.status === 'claimed' && !mine
  const screenshots = task.evidence.filter((e) => e.kind === 'screenshot' && e.url)
  const otherEvidence = task.evidence.filter((e) => (e.kind === 'x12' || e.kind === 'json') && e.url)
  const claimError = claimErrorText(claim.error ?? release.error)

  return (
    <div>
      <p className="mb-2 text-sm"><Link to="/inbox" className="link">← Inbox</Link></p>
      <PageHeader
        title={<span className="flex items-center gap-2"><TaskTypeBadge type={task.type} /> {taskReason(task)}</span>}
        subtitle={<>{payerName(task.payer_id)} · {PURPOSE_LABEL[task.purpose] ?? task.purpose} · opened <Time iso={task.created_at} /></>}
        actions={open && (
          <>
            <span className="text-sm">SLA: <SlaCountdown dueAt={task.due_at} now={now} /></span>
            {task.status === 'open' && <Button busy={claim.isPending} onClick={() => claim.mutate()}>Claim</Button>}
            {task.status === 'claimed' && (mine || me.data?.role === 'admin') && (
              <Button variant="ghost" busy={release.isPending} onClick={() => release.mutate()}>Release</Button>
            )}
          </>
        )}
      />
      {claimError && <p role="alert" className="mb-3 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">{claimError}</p>}
      <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
        <div className="grid content-start gap-4">
          {!open && (
            <Notice tone={task.status === 'resolved' ? 'green' : 'amber'}>
              {task.status === 'resolved'
                ? <>Resolved by <strong>{task.resolved_by ?? 'someone'}</strong>{task.action ? <> ({humanize(task.action)})</> : null} at {formatDateTime(task.resolved_at)}.</>
                : <>This task is {task.status}. Nothing more to do here.</>}
              {' '}<Link to={`/runs/${task.run_id}`} className="link">Open the run</Link>
            </Notice>
          )}
          {heldByOther && <Notice tone="amber"><strong>{task.assignee}</strong> is working on this task. You can still see it; resolving it is theirs unless they release it.</Notice>}
          <AdviceBox advice={task.advice} prompt={task.prompt} />
          {open && (
            <Section title={ACTION_TITLE[task.type]}>
              {task.type === 'mfa' && <MfaForm task={task} />}
              {task.type === 'captcha' && <CaptchaForm task={task} image={<CaptchaImage evidence={screenshots} />} />}
              {task.type === 'review' && <ReviewPanel task={task} run={run.data} />}
              {task.type === 'credentials' && <CredentialsPanel task={task} />}
            </Section>
          )}
          <Section title="Evidence">
            {screenshots.length === 0 && otherEvidence.length === 0 ? (
              <p className="text-sm text-slate-600">No evidence was captured for this task.</p>
            ) : (
              <>
                {screenshots.length > 0 && (
                  <ul className="flex gap-3 overflow-x-auto pb-2">
                    {screenshots.map((e) => (
                      <li key={e.artifact_id} className="shrink-0">
                        <figure>
                          <a href={e.url!} target="_blank" rel="noreferrer" className="block rounded border border-slate-200 hover:border-blue-500">
                            <img src={e.url!} alt={`Screenshot of step ${e.step}`} loading="lazy" className="h-36 w-56 object-cover object-top" />
                          </a>
                          <figcaption className="mt-1 text-xs text-slate-600">{e.step}</figcaption>
                        </figure>
                      </li>
                    ))}
                  </ul>
                )}
                {otherEvidence.length > 0 && (
                  <ul className="mt-2 flex flex-wrap gap-3 text-sm">
                    {otherEvidence.map((e) => (
                      <li key={e.artifact_id}><a className="link" href={e.url!} target="_blank" rel="noreferrer">{e.kind === 'x12' ? `X12 ${e.step} (payer’s reply)` : `${e.kind.toUpperCase()} ${e.step}`}</a></li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </Section>
        </div>
        <aside aria-label="Run context" className="grid content-start gap-4">
          <Section title="The check">
            <dl className="grid grid-cols-[7rem_1fr] gap-y-1.5 text-sm">
              <dt className="text-slate-500">Payer</dt><dd>{payerName(task.payer_id)} <span className="text-slate-500">({task.payer_id})</span></dd>
              <dt className="text-slate-500">Purpose</dt><dd>{PURPOSE_LABEL[task.purpose] ?? task.purpose}</dd>
              <dt className="text-slate-500">Member</dt>
              <dd className="font-mono text-xs">{task.subject?.member_hint ?? '—'} {task.subject?.name_initials && <span className="ml-1 text-slate-600">{task.subject.name_initials}</span>}</dd>
              <dt className="text-slate-500">Run</dt><dd><Link to={`/runs/${task.run_id}`} className="link font-mono text-xs">{shortId(task.run_id)}</Link></dd>
              <dt className="text-slate-500">Run status</dt><dd><StatusBadge status={task.run_status ?? run.data?.status} /></dd>
              <dt className="text-slate-500">Route</dt><dd>{humanize(task.route ?? run.data?.route)}</dd>
            </dl>
          </Section>
          <Section title="The task">
            <dl className="grid grid-cols-[7rem_1fr] gap-y-1.5 text-sm">
              <dt className="text-slate-500">Status</dt><dd><StatusBadge status={task.status} /></dd>
              <dt className="text-slate-500">Held by</dt><dd>{task.assignee ?? 'nobody'}</dd>
              <dt className="text-slate-500">Due</dt><dd>{formatDateTime(task.due_at)}</dd>
              <dt className="text-slate-500">For</dt><dd>{task.audience.map(humanize).join(', ') || '—'}</dd>
              {task.escalation_level > 0 && (<><dt className="text-slate-500">Escalated</dt><dd>{task.escalation_level}×</dd></>)}
              <dt className="text-slate-500">Reason code</dt><dd className="font-mono text-xs">{task.reason_code ?? '—'}</dd>
            </dl>
          </Section>
        </aside>
      </div>
    </div>
  )
}

const ACTION_TITLE: Record<string, string> = {
  mfa: 'Type what the portal sent',
  captcha: 'Solve the picture test',
  review: 'Decide what happens next',
  credentials: 'Fix the portal sign-in',
}

function CaptchaImage({ evidence }: { evidence: Evidence[] }) {
  const shot = evidence.find((e) => /captcha/i.test(e.step)) ?? evidence[evidence.length - 1]
  if (!shot?.url) return <p className="text-sm text-slate-600">No picture was captured. Fail the task if you cannot solve it.</p>
  return <img src={shot.url} alt={`Picture to read (step ${shot.step})`} className="max-h-64 rounded border border-slate-300" />
}
