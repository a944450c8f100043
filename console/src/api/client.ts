import { personIsActive } from './activity'
import type { FieldProblem, Problem } from './types'

/**
 * The one way the console talks to the server: same-origin fetch with the session cookie, `Accept:
 * application/json` (the server answers navigations with index.html, API calls with JSON), and the CSRF token from
 * the readable `XSRF-TOKEN` cookie on every unsafe method. Problems (application/problem+json) become an ApiError.
 */

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly title: string
  readonly detail: string
  readonly errors: FieldProblem[]
  /** Seconds to wait before trying again (from `Retry-After` or `retry_after_seconds`), when the server said. */
  readonly retryAfterSeconds: number | null

  constructor(status: number, problem: Partial<Problem>, retryAfterSeconds: number | null) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.code = problem.code ?? (status === 0 ? 'network_error' : `http_${status}`)
    this.title = problem.title ?? ''
    this.detail = problem.detail ?? ''
    this.errors = Array.isArray(problem.errors) ? problem.errors : []
    this.retryAfterSeconds = retryAfterSeconds ?? problem.retry_after_seconds ?? null
  }

  /** The message of the first problem with this field (exact, or a child of it). */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

/** What the app does when the session ended (401) or a password change is owed (403 password_change_required). */
export interface SessionHandlers {
  /** `code` is the server's reason: `session_expired` after inactivity, `unauthenticated` otherwise. */
  onUnauthorized: (code: string) => void
  onPasswordChangeRequired: () => void
}

let handlers: SessionHandlers | null = null

export function setSessionHandlers(h: SessionHandlers | null): void {
  handlers = h
}

export function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) return decodeURIComponent(v.join('='))
  }
  return null
}

export type Query = Record<string, string | number | boolean | null | undefined>

export function withQuery(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  }
  const qs = params.toString()
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  query?: Query
  /** A JSON body (sent as application/json) or FormData (multipart). */
  body?: unknown
  signal?: AbortSignal
  /** Accept header other than JSON (downloads). */
  accept?: string
  /** Sign-in and the session probe handle 401 themselves instead of sending the person to /login. */
  skipSessionHandlers?: boolean
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export async function request(path: string, opts: RequestOptions = {}): Promise<Response> {
  const method = opts.method ?? 'GET'
  const headers: Record<string, string> = { Accept: opts.accept ?? 'application/json' }
  let body: BodyInit | undefined
  if (opts.body instanceof FormData) {
    body = opts.body
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  if (UNSAFE.has(method)) {
    const token = readCookie('XSRF-TOKEN')
    if (token) headers['X-XSRF-TOKEN'] = token
  } else if (!personIsActive()) {
    // the console refreshing on its own is not the person working: it must not extend the session
    headers['X-RCM-Background'] = '1'
  }
  let res: Response
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new ApiError(0, { title: 'Network error', detail: 'The server could not be reached. Check your connection and try again.' }, null)
  }
  if (!res.ok) {
    const error = await toError(res)
    if (!opts.skipSessionHandlers && handlers) {
      if (res.status === 401) handlers.onUnauthorized(error.code)
      else if (res.status === 403 && error.code === 'password_change_required') handlers.onPasswordChangeRequired()
    }
    throw error
  }
  return res
}

async function toError(res: Response): Promise<ApiError> {
  let problem: Partial<Problem> = { status: res.status }
  const text = await res.text().catch(() => '')
  if (text) {
    try {
      const parsed = JSON.parse(text) as unknown
      if (parsed && typeof parsed === 'object') problem = { ...(parsed as Partial<Problem>), status: res.status }
    } catch {
      problem = { status: res.status, title: res.statusText }
    }
  }
  if (!problem.detail && !problem.title) problem.title = defaultTitle(res.status)
  const header = res.headers.get('Retry-After')
  let retryAfter: number | null = null
  if (header) {
    const seconds = Number(header)
    if (Number.isFinite(seconds)) retryAfter = seconds
    else {
      const at = Date.parse(header)
      if (!Number.isNaN(at)) retryAfter = Math.max(0, Math.round((at - Date.now()) / 1000))
    }
  }
  return new ApiError(res.status, problem, retryAfter)
}

function defaultTitle(status: number): string {
  if (status === 401) return 'You are signed out'
  if (status === 403) return 'Your role may not do this'
  if (status === 404) return 'Not found'
  if (status >= 500) return 'The server had a problem'
  return `Request failed (HTTP ${status})`
}

/** A JSON call: the parsed body, or undefined for 204. */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await request(path, opts)
  if (res.status === 204) return undefined as T
  const text = await res.text()
  if (!text) return undefined as T
  return JSON.parse(text) as T
}

/**
 * Downloads a file through fetch (so the request carries `Accept` other than text/html — a plain navigation to a
 * console path would get index.html) and hands it to the browser as a download.
 */
export async function download(path: string, fileName: string, accept = 'text/csv, application/json;q=0.9, */*;q=0.5'): Promise<void> {
  const res = await request(path, { accept })
  const blob = await res.blob()
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
