import { useEffect, useId, useState, type ButtonHTMLAttributes, type ReactNode } from 'react'
import { isApiError } from '../api/client'
import { formatDateTime, formatRelative } from './format'

// The console's small set of building blocks: buttons, badges, states, fields, sections, time.

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost'

const VARIANT: Record<Variant, string> = {
  primary: 'bg-blue-700 text-white hover:bg-blue-800 border-blue-700 disabled:bg-blue-300 disabled:border-blue-300',
  secondary: 'bg-white text-slate-800 hover:bg-slate-50 border-slate-300 disabled:text-slate-500',
  danger: 'bg-white text-red-700 hover:bg-red-50 border-red-300 disabled:text-red-300',
  ghost: 'bg-transparent text-slate-700 hover:bg-slate-100 border-transparent disabled:text-slate-500',
}

export function Button({ variant = 'secondary', size = 'md', className = '', busy, children, ...rest }:
  ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; size?: 'sm' | 'md'; busy?: boolean }) {
  const sizing = size === 'sm' ? 'px-2 py-1 text-xs' : 'px-3 py-1.5 text-sm'
  return (
    <button
      type="button"
      {...rest}
      disabled={rest.disabled || busy}
      aria-busy={busy || undefined}
      className={`inline-flex items-center justify-center gap-1.5 rounded border font-medium whitespace-nowrap shadow-xs transition-colors ${sizing} ${VARIANT[variant]} ${className}`}
    >
      {busy && <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-current border-t-transparent" />}
      {children}
    </button>
  )
}

export type Tone = 'green' | 'red' | 'amber' | 'blue' | 'slate' | 'violet'

const TONE: Record<Tone, string> = {
  green: 'bg-emerald-50 text-emerald-800 ring-emerald-600/30',
  red: 'bg-red-50 text-red-800 ring-red-600/30',
  amber: 'bg-amber-50 text-amber-900 ring-amber-600/40',
  blue: 'bg-blue-50 text-blue-800 ring-blue-600/30',
  slate: 'bg-slate-100 text-slate-700 ring-slate-500/30',
  violet: 'bg-violet-50 text-violet-800 ring-violet-600/30',
}

const DOT: Record<Tone, string> = {
  green: 'bg-emerald-600', red: 'bg-red-600', amber: 'bg-amber-500', blue: 'bg-blue-600', slate: 'bg-slate-400', violet: 'bg-violet-600',
}

/** A status in words with a coloured dot (never colour alone). */
export function Badge({ tone = 'slate', children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${TONE[tone]}`}>
      <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${DOT[tone]}`} />
      {children}
    </span>
  )
}

const RUN_STATUS: Record<string, [string, Tone]> = {
  queued: ['Queued', 'slate'],
  running: ['Running', 'blue'],
  waiting_for_human: ['Waiting for a person', 'amber'],
  succeeded: ['Succeeded', 'green'],
  failed: ['Failed', 'red'],
  canceled: ['Canceled', 'slate'],
  // tasks
  open: ['Open', 'amber'],
  claimed: ['Claimed', 'blue'],
  resolved: ['Resolved', 'green'],
  expired: ['Expired', 'red'],
  // batches
  validating: ['Validating', 'slate'],
  completed: ['Completed', 'green'],
}

export function StatusBadge({ status }: { status: string | null | undefined }) {
  if (!status) return <span className="text-slate-500">—</span>
  const [label, tone] = RUN_STATUS[status] ?? [status.replace(/_/g, ' '), 'slate' as Tone]
  return <Badge tone={tone}>{label}</Badge>
}

export function Spinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <div role="status" className="flex items-center gap-2 py-6 text-sm text-slate-600">
      <span aria-hidden className="h-4 w-4 animate-spin rounded-full border-2 border-slate-400 border-t-transparent" />
      {label}
    </div>
  )
}

/** What went wrong in plain words, and a Retry. */
export function ErrorState({ error, onRetry, what = 'this' }: { error: unknown; onRetry?: () => void; what?: string }) {
  let message = 'Something went wrong.'
  let detail = ''
  if (isApiError(error)) {
    if (error.status === 0) message = 'The server could not be reached.'
    else if (error.status === 403) message = `Your role may not see ${what}.`
    else if (error.status === 404) message = `We could not find ${what}.`
    else if (error.status >= 500) message = `The server had a problem loading ${what}.`
    else message = `Could not load ${what}.`
    detail = error.detail || error.title
  } else if (error instanceof Error) {
    detail = error.message
  }
  return (
    <div role="alert" className="rounded border border-red-200 bg-red-50 p-4 text-sm text-red-900">
      <p className="font-semibold">{message}</p>
      {detail && <p className="mt-1 text-red-800">{detail}</p>}
      {onRetry && (
        <Button className="mt-3" onClick={onRetry}>Retry</Button>
      )}
    </div>
  )
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <p className="font-medium text-slate-800">{title}</p>
      {children && <div className="mt-1 text-sm text-slate-600">{children}</div>}
    </div>
  )
}

export function PageHeader({ title, subtitle, actions, children }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode; children?: ReactNode }) {
  return (
    <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
        {subtitle && <div className="mt-0.5 text-sm text-slate-600">{subtitle}</div>}
        {children}
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </div>
  )
}

export function Section({ title, actions, children, className = '', id }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string; id?: string }) {
  const headingId = useId()
  return (
    <section aria-labelledby={title ? headingId : undefined} id={id} className={`rounded-md border border-slate-200 bg-white shadow-xs ${className}`}>
      {title && (
        <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-2.5">
          <h2 id={headingId} className="text-sm font-semibold text-slate-800">{title}</h2>
          {actions && <div className="flex items-center gap-2">{actions}</div>}
        </div>
      )}
      <div className="p-4">{children}</div>
    </section>
  )
}

/** A labelled control with its error next to it. */
export function Field({ label, error, hint, highlight, children, className = '' }: {
  label: ReactNode
  error?: string
  hint?: ReactNode
  highlight?: boolean
  className?: string
  children: (props: { id: string; 'aria-invalid': boolean | undefined; 'aria-describedby': string | undefined }) => ReactNode
}) {
  const id = useId()
  const errorId = `${id}-error`
  const hintId = `${id}-hint`
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined
  return (
    <div className={`${highlight ? 'rounded bg-amber-50 p-1.5 ring-2 ring-amber-400' : ''} ${className}`}>
      <div className="mb-1 flex items-center gap-1.5">
        <label htmlFor={id} className="block text-xs font-medium text-slate-700">{label}</label>
        {highlight && <span className="rounded bg-amber-200 px-1 text-[10px] font-semibold uppercase text-amber-900">check first</span>}
      </div>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint && !error && <p id={hintId} className="mt-1 text-xs text-slate-600">{hint}</p>}
      {error && <p id={errorId} className="mt-1 text-xs font-medium text-red-700">{error}</p>}
    </div>
  )
}

/** Re-renders every `ms` with the current time (for countdowns). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(t)
  }, [ms])
  return now
}

/** A timestamp in the browser's time zone with a relative hint (`3 minutes ago`). */
export function Time({ iso, relative = true, className = '' }: { iso: string | null | undefined; relative?: boolean; className?: string }) {
  if (!iso) return <span className="text-slate-500">—</span>
  const rel = formatRelative(iso)
  return (
    <time dateTime={iso} title={iso} className={className}>
      {formatDateTime(iso)}
      {relative && rel && <span className="ml-1 text-xs text-slate-600">({rel})</span>}
    </time>
  )
}

/** A problem from an action (not a load): a short alert above the form. */
export function ActionError({ error, fallback = 'That did not work.' }: { error: unknown; fallback?: string }) {
  if (!error) return null
  const text = isApiError(error) ? (error.detail || error.title || fallback) : error instanceof Error ? error.message : fallback
  return (
    <p role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">{text}</p>
  )
}

export function Notice({ tone = 'blue', children }: { tone?: 'blue' | 'green' | 'amber'; children: ReactNode }) {
  const cls = tone === 'green' ? 'border-emerald-200 bg-emerald-50 text-emerald-900'
    : tone === 'amber' ? 'border-amber-300 bg-amber-50 text-amber-950' : 'border-blue-200 bg-blue-50 text-blue-900'
  return <div role="status" className={`rounded border px-3 py-2 text-sm ${cls}`}>{children}</div>
}

export function Mono({ children }: { children: ReactNode }) {
  return <span className="font-mono text-xs">{children}</span>
}
