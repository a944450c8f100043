import { useQuery } from '@tanstack/react-query'
import { auth } from '../api/endpoints'
import type { Me, Role } from '../api/types'

/** Who is signed in (GET /auth/me). A 401 means no session. */
export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: auth.me, retry: false, staleTime: 60_000 })
}

export function displayName(me: Me): string {
  if (me.kind === 'token') return me.name
  return me.display_name || me.username
}

/** What each role may open; navigation and route guards both read this. */
export const AREAS = {
  inbox: ['admin', 'operator', 'reviewer'],
  runs: ['admin', 'operator', 'reviewer', 'viewer'],
  newRun: ['admin', 'operator'],
  rerun: ['admin', 'operator'],
  batches: ['admin', 'operator', 'reviewer', 'viewer'],
  upload: ['admin', 'operator'],
  metrics: ['admin', 'operator', 'reviewer', 'viewer'],
  admin: ['admin'],
  artifacts: ['admin', 'operator', 'reviewer'],
  results: ['admin', 'operator', 'reviewer'],
} as const satisfies Record<string, readonly Role[]>

export type Area = keyof typeof AREAS

export function may(role: Role | undefined, area: Area): boolean {
  return !!role && (AREAS[area] as readonly Role[]).includes(role)
}

export function homeFor(role: Role): string {
  return may(role, 'inbox') ? '/inbox' : '/runs'
}

/** A `next` path from the query string, only when it is a path on this site. */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return null
  return next
}
