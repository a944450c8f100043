import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import type { LiveEvent } from '../api/types'

/**
 * One EventSource on /events for the signed-in app. Each event invalidates the queries it changes; react-query refetches
 * what is on screen. Reconnects are EventSource's own (it resends Last-Event-ID).
 */

export type LiveStatus = 'connecting' | 'live' | 'offline'

const LiveContext = createContext<LiveStatus>('offline')

export function useLiveStatus(): LiveStatus {
  return useContext(LiveContext)
}

// The server names each message with its type (`event: run.succeeded`), so EventSource only delivers the ones we
// listen for by name. These are the types the server emits; `message` catches unnamed ones.
export const EVENT_TYPES = [
  'message',
  'run.created', 'run.started', 'run.attempted', 'run.updated', 'run.succeeded', 'run.failed', 'run.canceled',
  'run.throttled', 'run.input.corrected', 'run.route.rejected', 'run.route.unavailable', 'run.rerun',
  'route.chosen', 'route.fallback',
  'inbox.created', 'inbox.claimed', 'inbox.released', 'inbox.resolved', 'inbox.escalated', 'inbox.canceled', 'inbox.expired',
  'breakpoint.mfa.requested', 'breakpoint.captcha.requested', 'breakpoint.review.requested', 'breakpoint.credentials.requested',
  'breakpoint.mfa.resolved', 'breakpoint.captcha.resolved', 'breakpoint.review.resolved', 'breakpoint.credentials.resolved',
  'breakpoint.resolved', 'breakpoint.sla_breached',
  'batch.created', 'batch.started', 'batch.progressed', 'batch.completed', 'batch.canceled',
  'qa.sampled',
]

/** Which cached queries an event makes stale. */
export function invalidateFor(client: QueryClient, event: LiveEvent): void {
  const type = event.type ?? ''
  const payload = event.payload ?? {}
  const taskId = (payload.task_id ?? payload.breakpoint_id) as string | undefined
  if (type.startsWith('inbox.') || type.startsWith('breakpoint.')) {
    void client.invalidateQueries({ queryKey: ['inbox'] })
    if (taskId) void client.invalidateQueries({ queryKey: ['task', taskId] })
  }
  if (event.run_id && (type.startsWith('run.') || type.startsWith('route.') || type.startsWith('breakpoint.') || type.startsWith('inbox.'))) {
    void client.invalidateQueries({ queryKey: ['run', event.run_id] })
    void client.invalidateQueries({ queryKey: ['runs'] })
  }
  if (type.startsWith('batch.') && event.batch_id) {
    void client.invalidateQueries({ queryKey: ['batch', event.batch_id] })
    void client.invalidateQueries({ queryKey: ['batches'] })
  }
  if (type.startsWith('run.') && event.batch_id) {
    void client.invalidateQueries({ queryKey: ['batch', event.batch_id] })
  }
}

export function LiveEvents({ children, url = '/events' }: { children: ReactNode; url?: string }) {
  const client = useQueryClient()
  const [status, setStatus] = useState<LiveStatus>('connecting')
  // EventSource retries by itself after a dropped connection, but gives up for good on an HTTP error (a restart's
  // 503, say): then a new one is opened after a pause, and what changed meanwhile is fetched again.
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      setStatus('offline')
      return
    }
    const source = new EventSource(url)
    const onEvent = (e: MessageEvent) => {
      try {
        const data = JSON.parse(String(e.data)) as LiveEvent
        invalidateFor(client, { ...data, type: data.type ?? e.type })
      } catch {
        // a comment or keep-alive: nothing to refresh
      }
    }
    let retry: ReturnType<typeof setTimeout> | undefined
    source.onopen = () => {
      setStatus('live')
      if (attempt > 0) void client.invalidateQueries()
    }
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        setStatus('offline')
        retry = setTimeout(() => setAttempt((a) => a + 1), Math.min(30_000, 2_000 * 2 ** Math.min(attempt, 4)))
      } else {
        setStatus('connecting')
      }
    }
    for (const type of EVENT_TYPES) source.addEventListener(type, onEvent as EventListener)
    return () => {
      if (retry) clearTimeout(retry)
      for (const type of EVENT_TYPES) source.removeEventListener(type, onEvent as EventListener)
      source.close()
    }
  }, [client, url, attempt])

  return <LiveContext.Provider value={status}>{children}</LiveContext.Provider>
}

export function LiveIndicator() {
  const status = useLiveStatus()
  const label = status === 'live' ? 'Live' : status === 'connecting' ? 'Connecting…' : 'Offline'
  const title = status === 'live' ? 'Updates arrive as they happen'
    : status === 'connecting' ? 'Reconnecting to live updates' : 'Live updates are off: reload the page to see changes'
  const dot = status === 'live' ? 'bg-emerald-500' : status === 'connecting' ? 'bg-amber-400 animate-pulse' : 'bg-slate-400'
  return (
    <span role="status" aria-live="polite" title={title} className="inline-flex items-center gap-1.5 rounded-full border border-slate-600 px-2 py-0.5 text-xs text-slate-200">
      <span aria-hidden className={`h-2 w-2 rounded-full ${dot}`} />
      {label}
    </span>
  )
}
