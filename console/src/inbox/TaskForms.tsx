import { useMemo, useState, type FormEvent, type ReactNode } from 'react'
import { useNavigate } from 'react-router'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { isApiError } from '../api/client'
import { inbox } from '../api/endpoints'
import type { Resolution, RunView, Task, TaskAction } from '../api/types'
import { ActionError, Button, Field } from '../ui/kit'
import { ProblemSummary, RequestFields } from '../runs/RequestFields'
import { checkInput, fromInput, mergePatch, problemsByField, type FormValues } from '../runs/request'

/** Sends a resolution; afterwards the run page shows what happened next. */
export function useResolve(task: Task) {
  const client = useQueryClient()
  const navigate = useNavigate()
  return useMutation({
    mutationFn: (r: Resolution) => inbox.resolve(task.id, r),
    onSuccess: (_, r) => {
      void client.invalidateQueries({ queryKey: ['inbox'] })
      void client.invalidateQueries({ queryKey: ['task', task.id] })
      void client.invalidateQueries({ queryKey: ['run', task.run_id] })
      navigate(`/runs/${task.run_id}`, { state: { resolved: r.action, taskType: task.type } })
    },
  })
}

function generalError(error: unknown): unknown {
  // field problems are shown beside their fields; only the rest goes on top
  if (isApiError(error) && error.errors.some((e) => e.field !== 'value' && e.field !== 'action' && e.field !== 'note')) return null
  if (isApiError(error) && error.errors.length > 0) {
    return new Error(error.errors.map((e) => e.message).join('; '))
  }
  return error
}

const CODE = /^[A-Za-z0-9]{4,12}$/

/** MFA: the one-time code the portal sent. */
export function MfaForm({ task }: { task: Task }) {
  return (
    <TypedAnswerForm task={task} label="Code" className="max-w-sm" autoComplete="one-time-code" inputClass="tracking-widest"
      intro="The payer’s portal sent a one-time code to the practice’s phone or e-mail. Type it here and the check continues." />
  )
}

/** CAPTCHA: the captured picture and what it says. */
export function CaptchaForm({ task, image }: { task: Task; image: ReactNode }) {
  return (
    <TypedAnswerForm task={task} label="Characters in the picture" className="max-w-lg" autoComplete="off" image={image}
      intro="The portal asks to prove a person is there. Type the characters in the picture." />
  )
}

/**
 * What a person types for the portal (an MFA code, a CAPTCHA's characters): checked here as the server checks it
 * (4 to 12 letters or digits), then `submit`; or `Fail` the check.
 */
function TypedAnswerForm({ task, label, intro, image, className, autoComplete, inputClass = '' }: {
  task: Task; label: string; intro: string; image?: ReactNode; className: string; autoComplete: string; inputClass?: string
}) {
  const resolve = useResolve(task)
  const [text, setText] = useState('')
  const [problem, setProblem] = useState<string>()
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const value = text.trim()
    if (!CODE.test(value)) {
      setProblem(`Enter the ${label === 'Code' ? 'code' : 'characters'}: 4 to 12 letters or digits.`)
      return
    }
    setProblem(undefined)
    resolve.mutate({ action: 'submit', value })
  }
  const serverProblem = isApiError(resolve.error) ? resolve.error.fieldMessage('value') : undefined
  return (
    <form onSubmit={submit} noValidate className={`grid gap-3 ${className}`}>
      <p className="text-sm text-slate-700">{intro}</p>
      {image}
      <ActionError error={serverProblem ? null : resolve.error} />
      <Field label={label} error={problem ?? (serverProblem ? `The ${label === 'Code' ? 'code' : 'text'} ${serverProblem}` : undefined)}>
        {(p) => (
          <input {...p} autoFocus autoComplete={autoComplete} className={`input font-mono text-lg ${inputClass}`}
            value={text} onChange={(e) => setText(e.target.value)} maxLength={12} />
        )}
      </Field>
      <div className="flex gap-2">
        <Button type="submit" variant="primary" busy={resolve.isPending && resolve.variables?.action === 'submit'}>Submit</Button>
        <Button variant="danger" disabled={resolve.isPending} onClick={() => resolve.mutate({ action: 'fail' })}>Fail</Button>
      </div>
    </form>
  )
}

/** Credentials: someone fixes the portal sign-in outside, then Retry, or Fail. */
export function CredentialsPanel({ task }: { task: Task }) {
  const resolve = useResolve(task)
  const [note, setNote] = useState('')
  return (
    <div className="grid max-w-xl gap-3">
      <p className="text-sm text-slate-700">
        The portal refused the saved sign-in (an expired password, a locked account or a new security question). Fix it
        in the portal and in the credential store, then choose Retry. Choose Fail if it cannot be fixed today.
      </p>
      <ActionError error={resolve.error} />
      <NoteField value={note} onChange={setNote} />
      <div className="flex gap-2">
        <Button variant="primary" busy={resolve.isPending && resolve.variables?.action === 'retry'} disabled={resolve.isPending}
          onClick={() => resolve.mutate({ action: 'retry', note: note || undefined })}>Retry</Button>
        <Button variant="danger" busy={resolve.isPending && resolve.variables?.action === 'fail'} disabled={resolve.isPending}
          onClick={() => resolve.mutate({ action: 'fail', note: note || undefined })}>Fail</Button>
      </div>
    </div>
  )
}

function NoteField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <Field label="Note (optional, kept with the task)">
      {(p) => <textarea {...p} rows={2} maxLength={2000} className="input" value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  )
}

const REVIEW_HELP: Record<string, string> = {
  accept: 'The payer’s answer stands as it is.',
  correct: 'Fix the request (member ID, name, birth date…) and check again.',
  answer: 'You found the result yourself (phone, fax, another portal): enter it.',
  retry: 'Send the same request again.',
  fail: 'End this check as failed.',
}

/** Review: accept, correct the input, answer by hand, retry or fail. */
export function ReviewPanel({ task, run }: { task: Task; run: RunView | undefined }) {
  const resolve = useResolve(task)
  const [mode, setMode] = useState<'correct' | 'answer' | null>(null)
  const [note, setNote] = useState('')
  const allowed = (a: TaskAction) => task.actions.length === 0 || task.actions.includes(a)
  const simple = (action: TaskAction) => resolve.mutate({ action, note: note || undefined })
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap gap-2">
        {allowed('accept') && <Button onClick={() => simple('accept')} busy={resolve.isPending && resolve.variables?.action === 'accept'} title={REVIEW_HELP.accept}>Accept</Button>}
        {allowed('correct') && <Button variant={mode === 'correct' ? 'primary' : 'secondary'} aria-expanded={mode === 'correct'} onClick={() => setMode(mode === 'correct' ? null : 'correct')} title={REVIEW_HELP.correct}>Correct</Button>}
        {allowed('answer') && <Button variant={mode === 'answer' ? 'primary' : 'secondary'} aria-expanded={mode === 'answer'} onClick={() => setMode(mode === 'answer' ? null : 'answer')} title={REVIEW_HELP.answer}>Answer</Button>}
        {allowed('retry') && <Button onClick={() => simple('retry')} busy={resolve.isPending && resolve.variables?.action === 'retry'} title={REVIEW_HELP.retry}>Retry</Button>}
        {allowed('fail') && <Button variant="danger" onClick={() => simple('fail')} busy={resolve.isPending && resolve.variables?.action === 'fail'} title={REVIEW_HELP.fail}>Fail</Button>}
      </div>
      <dl className="grid grid-cols-[6rem_1fr] gap-x-3 gap-y-1 text-xs text-slate-600">
        {(['accept', 'correct', 'answer', 'retry', 'fail'] as const).filter(allowed).map((a) => (
          <div key={a} className="contents"><dt className="font-semibold capitalize text-slate-700">{a}</dt><dd>{REVIEW_HELP[a]}</dd></div>
        ))}
      </dl>
      {mode === null && (
        <>
          <ActionError error={resolve.error} />
          <NoteField value={note} onChange={setNote} />
        </>
      )}
      {mode === 'correct' && <CorrectForm task={task} run={run} />}
      {mode === 'answer' && <AnswerForm task={task} />}
    </div>
  )
}

/** The run's input, pre-filled, checked like POST /runs; sends only what changed, as a JSON merge patch. */
export function CorrectForm({ task, run }: { task: Task; run: RunView | undefined }) {
  const resolve = useResolve(task)
  const before = useMemo(() => fromInput(task.purpose, run?.input), [task.purpose, run?.input])
  const [values, setValues] = useState<FormValues>(before)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [note, setNote] = useState('')
  const [seeded, setSeeded] = useState(!!run?.input)
  if (!seeded && run?.input) {
    setValues(before)
    setSeeded(true)
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const local = problemsByField(checkInput(task.purpose, values))
    const patch = mergePatch(task.purpose, before, values)
    if (Object.keys(local).length === 0 && Object.keys(patch).length === 0) local['input'] = 'has no change yet: change at least one field'
    setErrors(local)
    if (Object.keys(local).length > 0) return
    resolve.mutate({ action: 'correct', value: patch, note: note || undefined }, {
      onError: (err) => {
        if (isApiError(err) && err.errors.length > 0) setErrors(problemsByField(err.errors.filter((p) => p.field !== 'value' || err.errors.length === 1)))
      },
    })
  }

  if (!run) return <p className="text-sm text-slate-600">Loading the run’s request…</p>
  if (!run.input) return <p className="text-sm text-slate-600">The run’s request cannot be shown to your role.</p>
  return (
    <form onSubmit={submit} noValidate aria-label="Correct the request" className="grid gap-3 rounded-md border border-blue-200 bg-blue-50/40 p-3">
      <p className="text-sm text-slate-700">Fix what the payer could not match, then send: the check runs again with your changes.</p>
      <ProblemSummary errors={errors} />
      <ActionError error={generalError(resolve.error)} />
      <RequestFields purpose={task.purpose} values={values} onChange={setValues} errors={errors} highlight={task.advice?.check_fields} />
      <NoteField value={note} onChange={setNote} />
      <div><Button type="submit" variant="primary" busy={resolve.isPending}>Send correction</Button></div>
    </form>
  )
}

function num(v: string): number | undefined {
  const t = v.trim().replace(/[$,]/g, '')
  if (!t) return undefined
  const n = Number(t)
  return Number.isFinite(n) ? n : NaN
}

/** A result looked up by hand: for eligibility the figures a biller needs; for claims the claim's status. */
export function AnswerForm({ task }: { task: Task }) {
  const resolve = useResolve(task)
  const [v, setV] = useState<Record<string, string>>({ coverage_status: 'active' })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [note, setNote] = useState('')
  const set = (k: string) => (value: string) => setV((old) => ({ ...old, [k]: value }))

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const problems: Record<string, string> = {}
    const money = (k: string) => {
      const n = num(v[k] ?? '')
      if (Number.isNaN(n) || (n !== undefined && n < 0)) problems[k] = 'must be an amount of 0 or more'
      return Number.isNaN(n) ? undefined : n
    }
    let value: Record<string, unknown>
    if (task.purpose === 'claim_status') {
      if (!v.status_category_code?.trim()) problems.status_category_code = 'is required'
      const claim: Record<string, unknown> = {
        patient_control_number: v.patient_control_number?.trim() || undefined,
        payer_claim_number: v.payer_claim_number?.trim() || undefined,
        status_category_code: v.status_category_code?.trim().toUpperCase() || undefined,
        status_code: v.status_code?.trim() || undefined,
        status_description: v.status_description?.trim() || undefined,
        total_charge: money('total_charge'),
        amount_paid: money('amount_paid'),
        paid_date: v.paid_date?.trim() || undefined,
        check_number: v.check_number?.trim() || undefined,
      }
      if (v.paid_date && !/^\d{4}-\d{2}-\d{2}$/.test(v.paid_date.trim())) problems.paid_date = 'must be a date as YYYY-MM-DD'
      value = { claims: [claim] }
    } else {
      const coins = num(v.coinsurance ?? '')
      if (Number.isNaN(coins) || (coins !== undefined && (coins < 0 || coins > 100))) problems.coinsurance = 'must be a percentage from 0 to 100'
      const acc = (t: string, r: string) => {
        const total = money(t)
        const remaining = money(r)
        if (total !== undefined && remaining !== undefined && remaining > total) problems[r] = 'must not be more than the total'
        return total === undefined && remaining === undefined ? undefined : { total: total ?? null, remaining: remaining ?? null }
      }
      value = {
        coverage_status: v.coverage_status,
        plan: v.plan_name?.trim() ? { name: v.plan_name.trim() } : undefined,
        copay: money('copay'),
        coinsurance_percent: coins === undefined || Number.isNaN(coins) ? undefined : Math.round(coins * 100) / 10000,
        deductible: acc('deductible_total', 'deductible_remaining'),
        out_of_pocket: acc('oop_total', 'oop_remaining'),
      }
    }
    setErrors(problems)
    if (Object.keys(problems).length > 0) return
    resolve.mutate({ action: 'answer', value: JSON.parse(JSON.stringify(value)), note: note || undefined }, {
      onError: (err) => {
        if (isApiError(err)) {
          const map: Record<string, string> = {}
          for (const p of err.errors) map[p.field.replace(/^value\.?/, '') || 'value'] = p.message
          setErrors(map)
        }
      },
    })
  }

  const input = (key: string, label: string, props: { placeholder?: string; inputMode?: 'decimal' } = {}) => (
    <Field label={label} error={errors[key] ? `${label} ${errors[key]}` : undefined}>
      {(p) => <input {...p} {...props} className="input" value={v[key] ?? ''} onChange={(e) => set(key)(e.target.value)} />}
    </Field>
  )
  const generic = errors.value ?? errors.claims ?? errors[''] ?? null

  return (
    <form onSubmit={submit} noValidate aria-label="Enter the result" className="grid gap-3 rounded-md border border-blue-200 bg-blue-50/40 p-3">
      <p className="text-sm text-slate-700">Enter what you found out. The check finishes with this result, marked as answered by a person.</p>
      {generic && <p role="alert" className="text-sm font-medium text-red-700">{generic}</p>}
      <ActionError error={isApiError(resolve.error) && resolve.error.errors.length > 0 ? null : resolve.error} />
      {task.purpose === 'claim_status' ? (
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-3">
          {input('patient_control_number', 'Patient control number')}
          {input('payer_claim_number', 'Payer claim number')}
          {input('status_category_code', 'Status category code', { placeholder: 'e.g. F1' })}
          {input('status_code', 'Status code', { placeholder: 'e.g. 65' })}
          {input('status_description', 'Status in words')}
          {input('total_charge', 'Total charge ($)', { inputMode: 'decimal' })}
          {input('amount_paid', 'Amount paid ($)', { inputMode: 'decimal' })}
          {input('paid_date', 'Paid date', { placeholder: 'YYYY-MM-DD' })}
          {input('check_number', 'Check or EFT number')}
        </div>
      ) : (
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <Field label="Coverage status" error={errors.coverage_status}>
            {(p) => (
              <select {...p} className="input" value={v.coverage_status} onChange={(e) => set('coverage_status')(e.target.value)}>
                <option value="active">Active</option>
                <option value="inactive">Inactive</option>
                <option value="not_found">Member not found</option>
                <option value="unknown">Unknown</option>
              </select>
            )}
          </Field>
          {input('plan_name', 'Plan name')}
          {input('copay', 'Copay ($)', { inputMode: 'decimal' })}
          {input('coinsurance', 'Coinsurance (%)', { inputMode: 'decimal', placeholder: 'e.g. 20' })}
          {input('deductible_total', 'Deductible total ($)', { inputMode: 'decimal' })}
          {input('deductible_remaining', 'Deductible remaining ($)', { inputMode: 'decimal' })}
          {input('oop_total', 'Out-of-pocket total ($)', { inputMode: 'decimal' })}
          {input('oop_remaining', 'Out-of-pocket remaining ($)', { inputMode: 'decimal' })}
        </div>
      )}
      <NoteField value={note} onChange={setNote} />
      <div><Button type="submit" variant="primary" busy={resolve.isPending}>Send result</Button></div>
    </form>
  )
}
