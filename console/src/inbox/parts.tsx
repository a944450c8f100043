import { useMutation, useQueryClient } from '@tanstack/react-query'
import { isApiError } from '../api/client'
import { inbox } from '../api/endpoints'
import type { Advice, Me, Task } from '../api/types'
import { formatCountdown, humanize, TASK_TYPE_LABEL } from '../ui/format'
import { Badge, type Tone } from '../ui/kit'
import { labelOf } from '../runs/request'

const TYPE_TONE: Record<string, Tone> = { mfa: 'blue', captcha: 'violet', review: 'amber', credentials: 'red' }

export function TaskTypeBadge({ type }: { type: string }) {
  return <Badge tone={TYPE_TONE[type] ?? 'slate'}>{TASK_TYPE_LABEL[type] ?? type}</Badge>
}

/** Time left until the task's SLA; red with "Overdue" once breached. `now` ticks every second. */
export function SlaCountdown({ dueAt, now, done }: { dueAt: string | null; now: number; done?: boolean }) {
  if (!dueAt || done) return <span className="text-slate-500">—</span>
  const left = new Date(dueAt).getTime() - now
  if (left <= 0) {
    return (
      <span data-breached="true" className="inline-flex items-center gap-1 font-semibold text-red-700 tabular-nums" title={`Due ${new Date(dueAt).toLocaleString()}`}>
        <span aria-hidden>⚠</span> Overdue {formatCountdown(left)}
      </span>
    )
  }
  const soon = left < 15 * 60_000
  return (
    <span data-breached="false" className={`tabular-nums ${soon ? 'font-medium text-amber-800' : 'text-slate-700'}`} title={`Due ${new Date(dueAt).toLocaleString()}`}>
      {formatCountdown(left)} left
    </span>
  )
}

export function whoAmI(me: Me | undefined): string | undefined {
  if (!me) return undefined
  return me.kind === 'user' ? me.username : me.name
}

const TYPE_REASON: Record<string, string> = {
  mfa: 'One-time code needed',
  captcha: 'Picture test (CAPTCHA) to solve',
  credentials: 'Portal sign-in refused',
}

/** The task's reason in words: the advice title, else the payer's words at the end of the prompt, else the code. */
export function taskReason(task: Task): string {
  if (task.advice?.title) return task.advice.title
  const tail = task.prompt?.includes(' — ') ? task.prompt.slice(task.prompt.lastIndexOf(' — ') + 3).trim() : ''
  if (tail && /^aaa_/i.test(task.reason_code ?? '')) return capitalize(tail)
  if (task.type !== 'review' || !task.reason_code) return TYPE_REASON[task.type] ?? humanize(task.reason_code)
  return humanize(task.reason_code)
}

export function capitalize(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s
}

/** Claim and release, with "someone else has it" in words. */
export function useClaim(task: Pick<Task, 'id' | 'run_id'>) {
  const client = useQueryClient()
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['inbox'] })
    void client.invalidateQueries({ queryKey: ['task', task.id] })
  }
  const claim = useMutation({ mutationFn: () => inbox.claim(task.id), onSettled: refresh })
  const release = useMutation({ mutationFn: () => inbox.release(task.id), onSettled: refresh })
  return { claim, release }
}

export function claimErrorText(error: unknown): string | null {
  if (!error) return null
  if (isApiError(error) && error.code === 'task_claimed') return `Someone else is already working on this task. ${error.detail}`.trim()
  if (isApiError(error)) return error.detail || error.title || 'That did not work.'
  return 'That did not work.'
}

/** The payer's code in plain words, with the fields to check first. */
export function AdviceBox({ advice, prompt }: { advice: Advice | null | undefined; prompt?: string | null }) {
  if (!advice && !prompt) return null
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
      <p className="font-semibold">{advice?.title ?? 'Why this needs a person'}</p>
      {advice?.explanation && <p className="mt-1">{advice.explanation}</p>}
      {!advice && prompt && <p className="mt-1">{capitalize(prompt)}</p>}
      {advice && advice.check_fields.length > 0 && (
        <div className="mt-2">
          <span className="font-medium">Check first: </span>
          {advice.check_fields.map((f) => (
            <mark key={f} className="mr-1.5 rounded bg-amber-200 px-1.5 py-0.5 font-medium text-amber-950">{labelOf(f)}</mark>
          ))}
        </div>
      )}
      {advice?.next_step && <p className="mt-2"><span className="font-medium">Next step: </span>{advice.next_step}</p>}
      {advice?.retry_later && <p className="mt-1 font-medium">The payer’s system is having trouble: trying again later usually works.</p>}
      {advice && prompt && <details className="mt-2 text-xs text-amber-900"><summary>What the system recorded</summary><p className="mt-1">{capitalize(prompt)}</p></details>}
    </div>
  )
}
