import { useEffect, useState, type FormEvent } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { useQueryClient } from '@tanstack/react-query'
import { ApiError, isApiError } from '../api/client'
import { auth } from '../api/endpoints'
import type { Me } from '../api/types'
import { homeFor, safeNext } from '../app/session'
import { formatTime } from '../ui/format'

/** Why sign-in failed, in words, with the time to try again when the server gave one. */
export function signInMessage(error: unknown, now: number = Date.now()): string {
  if (!isApiError(error)) return 'Sign-in failed. Try again.'
  if (error.status === 0) return 'The server could not be reached. Check your connection and try again.'
  if (error.status === 401 || error.code === 'bad_credentials') return 'Wrong username or password.'
  if (error.status === 429) {
    const seconds = error.retryAfterSeconds
    const when = seconds !== null ? waitText(seconds, now) : 'later'
    if (error.code === 'account_locked') {
      return `This account is locked after too many failed sign-ins. Try again ${when}.`
    }
    return `Too many sign-in attempts from this computer. Try again ${when}.`
  }
  return error.detail || 'Sign-in failed. Try again.'
}

function waitText(seconds: number, now: number): string {
  const at = formatTime(new Date(now + seconds * 1000).toISOString())
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? '' : 's'} (at ${at})`
  const minutes = Math.ceil(seconds / 60)
  return `in ${minutes} minute${minutes === 1 ? '' : 's'} (at ${at})`
}

export function LoginPage() {
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const client = useQueryClient()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const next = safeNext(params.get('next'))
  const idle = params.get('reason') === 'idle'

  useEffect(() => {
    document.title = 'Sign in · RCM OS'
  }, [])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!username.trim() || !password) {
      setError(new ApiError(400, { detail: 'Enter your username and password.' }, null))
      return
    }
    setBusy(true)
    setError(null)
    try {
      const user = await auth.login(username.trim(), password)
      const { csrf_token, csrf_header, ...me } = user
      client.clear()
      client.setQueryData<Me>(['me'], { ...me, kind: 'user' })
      if (me.must_change_password) navigate('/account', { replace: true, state: { next } })
      // a link to evidence (from a results file) is the server's, not a console page: load it for real
      else if (next && next.startsWith('/artifacts/')) window.location.assign(next)
      else navigate(next ?? homeFor(me.role), { replace: true })
    } catch (err) {
      setError(err)
      setPassword('')
    } finally {
      setBusy(false)
    }
  }

  const message = error ? (isApiError(error) && error.status === 400 ? error.detail : signInMessage(error)) : null

  return (
    <div className="flex min-h-screen items-center justify-center bg-slate-100 px-4">
      <main className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2 text-lg font-semibold text-slate-900">
          <span aria-hidden className="grid h-8 w-8 place-items-center rounded bg-blue-700 text-sm font-bold text-white">R</span>
          RCM OS
        </div>
        <form onSubmit={submit} noValidate className="rounded-md border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-1 text-lg font-semibold">Sign in</h1>
          <p className="mb-4 text-sm text-slate-600">Eligibility and claim status checks for your billing team.</p>
          {idle && !error && (
            <p role="status" className="mb-3 rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              You were signed out after 30 minutes without activity, to protect patient data. Sign in to go on where you were.
            </p>
          )}
          {next && !idle && !error && <p className="mb-3 text-sm text-slate-600">Sign in to continue.</p>}
          {message && (
            <p role="alert" className="mb-4 rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">{message}</p>
          )}
          <label htmlFor="username" className="mb-1 block text-xs font-medium text-slate-700">Username</label>
          <input
            id="username"
            name="username"
            autoComplete="username"
            autoFocus
            className="input mb-3"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
          <label htmlFor="password" className="mb-1 block text-xs font-medium text-slate-700">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            className="input mb-5"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <button
            type="submit"
            disabled={busy}
            className="w-full rounded bg-blue-700 px-3 py-2 text-sm font-semibold text-white hover:bg-blue-800 disabled:bg-blue-300"
          >
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="mt-4 text-center text-xs text-slate-600">
          You are signed out after 30 minutes without activity. Forgot your password? Ask an administrator to reset it.
        </p>
      </main>
    </div>
  )
}
