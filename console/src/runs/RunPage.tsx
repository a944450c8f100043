import { useEffect, useState } from 'react'
import { Link, useLocation, useNavigate, useParams } from 'react-router'
import { useMutation } from '@tanstack/react-query'
import { runs } from '../api/endpoints'
import { useArtifacts, useInbox, usePayerName, useRun } from '../api/queries'
import type { ClaimStatusResult, EligibilityResult, RunView } from '../api/types'
import { may, useMe } from '../app/session'
import { formatDate, formatDateTime, formatDuration, humanize, PURPOSE_LABEL, shortId, SOURCE_LABEL, TASK_TYPE_LABEL } from '../ui/format'
import { ActionError, Button, ErrorState, Notice, PageHeader, Section, Spinner, StatusBadge, Time } from '../ui/kit'
import { AdviceBox } from '../inbox/parts'
import { ClaimAnswer, EligibilityAnswer } from './Answer'
import { EvidenceView } from './Evidence'
import { Timeline } from './Timeline'

/** One check: where it stands, what happened, the answer as a biller reads it, and the evidence. */
export default function RunPage() {
  const { id } = useParams()
  const run = useRun(id)
  useEffect(() => {
    document.title = `Run ${shortId(id)} · RCM OS`
  }, [id])
  if (run.isPending) return <Spinner label="Loading the run…" />
  if (run.isError) return <ErrorState error={run.error} what="this run" onRetry={() => void run.refetch()} />
  return <RunDetail run={run.data} />
}

export function RunDetail({ run }: { run: RunView }) {
  const me = useMe()
  const role = me.data?.role
  const location = useLocation()
  const navigate = useNavigate()
  const payerName = usePayerName()
  const [raw, setRaw] = useState(false)
  const artifacts = useArtifacts(run.run_id, may(role, 'artifacts'))
  const rerun = useMutation({
    mutationFn: () => runs.rerun(run.run_id),
    onSuccess: (created) => navigate(`/runs/${created.run_id}`, { state: { rerunOf: run.run_id } }),
  })
  const state = (location.state ?? {}) as { resolved?: string; existing?: boolean; rerunOf?: string }
  const finished = ['succeeded', 'failed', 'canceled'].includes(run.status)
  const source = run.output && 'source' in run.output ? run.output.source : null

  return (
    <div>
      <p className="mb-2 text-sm"><Link to="/runs" className="link">← Runs</Link></p>
      <PageHeader
        title={<span className="flex flex-wrap items-center gap-3">{PURPOSE_LABEL[run.purpose] ?? run.purpose} · {payerName(run.payer_id)} <StatusBadge status={run.status} /></span>}
        subtitle={
          <span className="flex flex-wrap gap-x-4 gap-y-1">
            <span>Run <span className="font-mono text-xs">{run.run_id}</span></span>
            <span>Requested <Time iso={run.created_at} /></span>
            <span>{finished ? 'Took' : 'Running for'} {formatDuration(run.duration_ms)}</span>
            <span>Route {humanize(run.route)}{run.requested_route && run.requested_route !== run.route ? ` (asked: ${run.requested_route})` : ''}</span>
            <span>{run.attempts} attempt{run.attempts === 1 ? '' : 's'}</span>
            {source && run.status === 'succeeded' && <span>Answered by {SOURCE_LABEL[source] ?? source}</span>}
            <span>Business day {formatDate(run.business_date)}</span>
          </span>
        }
        actions={
          <>
            <Button aria-pressed={raw} onClick={() => setRaw((r) => !r)}>Raw JSON</Button>
            {may(role, 'rerun') && (
              <Button variant="primary" busy={rerun.isPending} onClick={() => rerun.mutate()} title="Ask the payer again as a new run, linked to this one">Rerun</Button>
            )}
          </>
        }
      />
      <div className="mb-4 grid gap-2">
        {state.resolved && <Notice tone="green">Your answer ({humanize(state.resolved)}) was sent. The check continues below, live.</Notice>}
        {state.existing && <Notice>The same question was already asked today, so this is that earlier check. Use Rerun to ask again.</Notice>}
        {(run.rerun_of || state.rerunOf) && (
          <Notice>This is a rerun of <Link className="link font-mono" to={`/runs/${run.rerun_of ?? state.rerunOf}`}>{shortId(run.rerun_of ?? state.rerunOf)}</Link>.</Notice>
        )}
        {run.reruns && run.reruns.length > 0 && (
          <Notice>Rerun as {run.reruns.map((r, i) => <span key={r}>{i > 0 && ', '}<Link className="link font-mono" to={`/runs/${r}`}>{shortId(r)}</Link></span>)}.</Notice>
        )}
        <ActionError error={rerun.error} />
        {run.phi_redacted && <Notice tone="amber">Patient details and the answer are hidden for your role.</Notice>}
      </div>
      {run.error && (
        <div className="mb-4 grid gap-2">
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
            <span className="font-semibold">{run.status === 'failed' ? 'The check failed' : 'Problem'}: </span>
            {run.error.message} <span className="font-mono text-xs">({run.error.code}{run.error.retryable ? ', can be retried' : ''})</span>
          </div>
          {run.error.advice && <AdviceBox advice={run.error.advice} />}
        </div>
      )}
      {run.status === 'waiting_for_human' && (
        <div className="mb-4">
          <Notice tone="amber">This check waits for a person. {may(role, 'inbox') && <OpenTask runId={run.run_id} />}</Notice>
        </div>
      )}
      <div className="grid gap-4 xl:grid-cols-[1fr_22rem]">
        <div className="grid min-w-0 content-start gap-4">
          {raw ? (
            <Section title="Raw JSON">
              <pre aria-label="Raw JSON of the run" className="max-h-[600px] overflow-auto rounded bg-slate-900 p-3 text-xs leading-relaxed text-slate-100">{JSON.stringify(run, null, 2)}</pre>
            </Section>
          ) : (
            <Section title="Answer">
              {run.output ? (
                run.purpose === 'claim_status'
                  ? <ClaimAnswer result={run.output as ClaimStatusResult} />
                  : <EligibilityAnswer result={run.output as EligibilityResult} />
              ) : (
                <p className="text-sm text-slate-600">
                  {run.phi_redacted ? 'Hidden for your role.' : finished ? 'This check ended without an answer.' : 'No answer yet. This page updates by itself.'}
                </p>
              )}
            </Section>
          )}
          {may(role, 'artifacts') && (
            <Section title="Evidence">
              {artifacts.isPending ? <Spinner label="Loading evidence…" /> : artifacts.isError ? (
                <ErrorState error={artifacts.error} what="the evidence" onRetry={() => void artifacts.refetch()} />
              ) : <EvidenceView artifacts={artifacts.data} isAdmin={role === 'admin'} />}
            </Section>
          )}
        </div>
        <div className="grid content-start gap-4">
          <Section title="Timeline"><Timeline entries={run.timeline} /></Section>
          {may(role, 'inbox') && <PeopleSteps runId={run.run_id} />}
          {run.input && <RequestSummary run={run} />}
          {run.batch_id && (
            <Section title="Batch"><Link className="link font-mono text-xs" to={`/batches/${run.batch_id}`}>{run.batch_id}</Link></Section>
          )}
        </div>
      </div>
    </div>
  )
}

function RequestSummary({ run }: { run: RunView }) {
  const i = run.input!
  const rows: [string, string | null | undefined][] = [
    ['Provider NPI', i.provider?.npi],
    ['Provider', i.provider?.organization_name ?? [i.provider?.first_name, i.provider?.last_name].filter(Boolean).join(' ')],
    ['Member ID', i.subscriber?.member_id],
    ['Subscriber', [i.subscriber?.first_name, i.subscriber?.last_name].filter(Boolean).join(' ')],
    ['Date of birth', i.subscriber?.date_of_birth ? formatDate(i.subscriber.date_of_birth) : null],
    ['Dependent', i.dependent ? `${i.dependent.first_name ?? ''} ${i.dependent.last_name ?? ''}`.trim() : null],
    ['Date of service', i.date_of_service ? formatDate(i.date_of_service) : null],
    ['Service types', i.service_type_codes?.join(', ')],
    ['Patient control #', i.claim?.patient_control_number],
    ['Payer claim #', i.claim?.payer_claim_number],
    ['Service dates', i.claim ? `${formatDate(i.claim.service_date_from)} – ${formatDate(i.claim.service_date_to)}` : null],
  ]
  return (
    <Section title="Request">
      <dl className="grid grid-cols-[8rem_1fr] gap-y-1 text-sm">
        {rows.filter(([, v]) => v).map(([k, v]) => (
          <div key={k} className="contents"><dt className="text-slate-500">{k}</dt><dd className="break-words">{v}</dd></div>
        ))}
      </dl>
    </Section>
  )
}

/** A link to the run's open inbox task (or the inbox when there is none yet). */
function OpenTask({ runId }: { runId: string }) {
  const tasks = useInbox({ run_id: runId })
  const open = tasks.data?.items.find((t) => t.status === 'open' || t.status === 'claimed')
  return open ? <Link className="link" to={`/inbox/${open.id}`}>Open the task</Link> : <Link className="link" to="/inbox">Open the inbox</Link>
}

/** Every inbox task of the run: who took it, what they did, when. */
function PeopleSteps({ runId }: { runId: string }) {
  const tasks = useInbox({ run_id: runId, status: 'open,claimed,resolved,expired,canceled' })
  const items = tasks.data?.items ?? []
  if (items.length === 0) return null
  return (
    <Section title="People who worked on it">
      <ul className="grid gap-2 text-sm">
        {items.map((t) => (
          <li key={t.id}>
            <Link className="link font-medium" to={`/inbox/${t.id}`}>{TASK_TYPE_LABEL[t.type] ?? t.type}</Link>{' '}
            <StatusBadge status={t.status} />
            <div className="text-xs text-slate-600">
              {t.status === 'resolved'
                ? <>{t.resolved_by ?? 'someone'} chose {humanize(t.action)} · {formatDateTime(t.resolved_at)}</>
                : t.assignee ? <>held by {t.assignee}</> : <>waiting since {formatDateTime(t.created_at)}</>}
            </div>
          </li>
        ))}
      </ul>
    </Section>
  )
}
