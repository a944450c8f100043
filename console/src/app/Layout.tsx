import { Suspense, type ReactNode } from 'react'
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router'
import { useQueryClient } from '@tanstack/react-query'
import { isApiError } from '../api/client'
import { auth } from '../api/endpoints'
import type { Me, Role } from '../api/types'
import { Button, ErrorState, Spinner } from '../ui/kit'
import { ROLE_LABEL } from '../ui/format'
import { LiveEvents, LiveIndicator } from './live'
import { displayName, may, useMe, type Area } from './session'

const NAV: { to: string; label: string; area: Area }[] = [
  { to: '/inbox', label: 'Inbox', area: 'inbox' },
  { to: '/runs', label: 'Runs', area: 'runs' },
  { to: '/batches', label: 'Batches', area: 'batches' },
  { to: '/metrics', label: 'Metrics', area: 'metrics' },
  { to: '/admin', label: 'Admin', area: 'admin' },
]

export function navFor(role: Role) {
  return NAV.filter((n) => may(role, n.area))
}

export function Header({ me }: { me: Me }) {
  const client = useQueryClient()
  const navigate = useNavigate()
  const signOut = async () => {
    try {
      await auth.logout()
    } catch {
      // signed out either way
    }
    client.clear()
    navigate('/login', { replace: true })
  }
  return (
    <header className="bg-slate-900 text-white">
      <div className="mx-auto flex h-12 max-w-[1400px] items-center gap-6 px-4">
        <NavLink to="/" className="flex items-center gap-2 font-semibold tracking-tight text-white">
          <span aria-hidden className="grid h-6 w-6 place-items-center rounded bg-blue-600 text-xs font-bold">R</span>
          RCM OS
        </NavLink>
        <nav aria-label="Main" className="flex items-center gap-1">
          {navFor(me.role).map((n) => (
            <NavLink
              key={n.to}
              to={n.to}
              className={({ isActive }) => `rounded px-3 py-1.5 text-sm font-medium ${isActive ? 'bg-slate-700 text-white' : 'text-slate-300 hover:bg-slate-800 hover:text-white'}`}
            >
              {n.label}
            </NavLink>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <LiveIndicator />
          <NavLink to="/account" className="text-right leading-tight text-slate-200 hover:text-white" title="Your account">
            <span className="block font-medium">{displayName(me)}</span>
            <span className="block text-xs text-slate-400">{ROLE_LABEL[me.role] ?? me.role}{me.kind === 'token' ? ' · API token' : ''}</span>
          </NavLink>
          <button type="button" onClick={signOut} className="rounded border border-slate-600 px-2.5 py-1 text-xs font-medium text-slate-100 hover:bg-slate-800">
            Sign out
          </button>
        </div>
      </div>
    </header>
  )
}

/** The signed-in frame: asks who is signed in, sends others to /login (keeping where they were going). */
export function AppLayout() {
  const me = useMe()
  const location = useLocation()
  const here = location.pathname + location.search

  if (me.isPending) return <div className="p-8"><Spinner label="Checking your session…" /></div>
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) {
      const reason = me.error.code === 'session_expired' ? '&reason=idle' : ''
      return <Navigate to={`/login?next=${encodeURIComponent(here)}${reason}`} replace />
    }
    return <div className="p-8"><ErrorState error={me.error} what="your session" onRetry={() => void me.refetch()} /></div>
  }
  const user = me.data
  if (user.kind === 'user' && user.must_change_password && location.pathname !== '/account') {
    return <Navigate to="/account" replace state={{ next: here }} />
  }
  return (
    <LiveEvents>
      <div className="flex min-h-screen flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900">
          Skip to content
        </a>
        <Header me={user} />
        <main id="main" className="mx-auto w-full max-w-[1400px] flex-1 px-4 py-5">
          <Suspense fallback={<Spinner />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </LiveEvents>
  )
}

/** Shows a page only to the roles that may use it. */
export function RoleGate({ area, children }: { area: Area; children: ReactNode }) {
  const me = useMe()
  if (!me.data) return null
  if (!may(me.data.role, area)) {
    return (
      <div className="rounded border border-slate-200 bg-white p-6">
        <h1 className="text-lg font-semibold">Not available for your role</h1>
        <p className="mt-1 text-sm text-slate-600">
          You are signed in as {ROLE_LABEL[me.data.role] ?? me.data.role}. Ask an administrator if you need access to this page.
        </p>
      </div>
    )
  }
  return <>{children}</>
}

export function NotFound() {
  const navigate = useNavigate()
  return (
    <div className="rounded border border-slate-200 bg-white p-6">
      <h1 className="text-lg font-semibold">Page not found</h1>
      <p className="mt-1 text-sm text-slate-600">There is nothing at this address.</p>
      <Button className="mt-3" onClick={() => navigate('/')}>Go to the start page</Button>
    </div>
  )
}
