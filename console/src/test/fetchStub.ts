import { vi } from 'vitest'

/**
 * A tiny fake server at the network boundary: `stubFetch({'GET /runs': body, 'POST /runs': (req) => reply(400, …)})`.
 * Keys match the method and the path (without the query); the longest matching key wins, and a key ending in `*`
 * matches a prefix. Every call is recorded with its parsed URL, headers and body.
 */

export interface StubRequest {
  method: string
  url: URL
  path: string
  headers: Record<string, string>
  body: unknown
  init: RequestInit | undefined
}

export interface StubReply {
  status?: number
  body?: unknown
  headers?: Record<string, string>
}

type Handler = unknown | ((req: StubRequest) => StubReply | Promise<StubReply>)

export function reply(status: number, body?: unknown, headers?: Record<string, string>): StubReply {
  return { status, body, headers }
}

export function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>): StubReply {
  return { status, body: { type: 'about:blank', title: 'Problem', status, code, detail, ...extra }, headers: { 'Content-Type': 'application/problem+json', ...headers } }
}

/** `{status: 201, body}` (a number status) is a reply; anything else is a 200 body. */
function isReply(v: unknown): v is StubReply {
  return !!v && typeof v === 'object' && typeof (v as StubReply).status === 'number' && ('body' in v || 'headers' in v)
}

export function stubFetch(routes: Record<string, Handler>) {
  const calls: StubRequest[] = []
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost')
    const method = (init?.method ?? 'GET').toUpperCase()
    const headers: Record<string, string> = {}
    new Headers(init?.headers).forEach((v, k) => { headers[k] = v })
    let body: unknown = init?.body
    if (typeof body === 'string') {
      try { body = JSON.parse(body) } catch { /* keep text */ }
    }
    const req: StubRequest = { method, url, path: url.pathname, headers, body, init }
    calls.push(req)
    const key = Object.keys(routes)
      .filter((k) => {
        const [m, p] = k.split(' ')
        if (m !== method) return false
        return p.endsWith('*') ? url.pathname.startsWith(p.slice(0, -1)) : url.pathname === p
      })
      .sort((a, b) => b.length - a.length)[0]
    if (!key) return new Response(JSON.stringify({ status: 404, code: 'not_found', detail: `no stub for ${method} ${url.pathname}` }), { status: 404, headers: { 'Content-Type': 'application/problem+json' } })
    const handler = routes[key]
    const out: StubReply = typeof handler === 'function'
      ? await (handler as (r: StubRequest) => StubReply | Promise<StubReply>)(req)
      : isReply(handler) ? handler : { status: 200, body: handler }
    const status = out.status ?? 200
    const text = out.body === undefined ? null : typeof out.body === 'string' ? out.body : JSON.stringify(out.body)
    return new Response(status === 204 ? null : text, { status, headers: { 'Content-Type': 'application/json', ...out.headers } })
  })
  vi.stubGlobal('fetch', fn)
  return {
    fn,
    calls,
    /** Calls to one method + path. */
    to: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path),
  }
}
