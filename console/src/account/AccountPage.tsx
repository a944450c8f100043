import { useState, type FormEvent } from 'react'
import { useLocation, useNavigate } from 'react-router'
import { useQueryClient } from '@tanstack/react-query'
import { isApiError } from '../api/client'
import { auth } from '../api/endpoints'
import { displayName, homeFor, safeNext, useMe } from '../app/session'
import { ROLE_LABEL } from '../ui/format'
import { ActionError, Button, Field, Notice, PageHeader, Section } from '../ui/kit'

/** Your own account: who you are and a password change (forced while must_change_password). */
export default function AccountPage() {
  const me = useMe()
  const client = useQueryClient()
  const navigate = useNavigate()
  const location = useLocation()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [confirm, setConfirm] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState(false)

  if (!me.data) return null
  const user = me.data
  const forced = user.kind === 'user' && !!user.must_change_password

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const problems: Record<string, string> = {}
    if (!current) problems.current_password = 'Enter your current password.'
    if (next.length < 12) problems.new_password = 'Use at least 12 characters.'
    else if (next === current) problems.new_password = 'Choose a password different from the current one.'
    if (confirm !== next) problems.confirm = 'The two new passwords do not match.'
    setErrors(problems)
    setError(null)
    if (Object.keys(problems).length > 0) return
    setBusy(true)
    try {
      await auth.changePassword(current, next)
      setDone(true)
      setCurrent('')
      setNext('')
      setConfirm('')
      await client.invalidateQueries({ queryKey: ['me'] })
      if (forced) {
        const back = safeNext((location.state as { next?: string } | null)?.next ?? null)
        navigate(back ?? homeFor(user.role), { replace: true })
      }
    } catch (err) {
      if (isApiError(err) && err.errors.length > 0) {
        setErrors(Object.fromEntries(err.errors.map((p) => [p.field, p.message])))
      } else {
        setError(err)
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="max-w-2xl">
      <PageHeader title="Your account" subtitle={`${displayName(user)} · ${ROLE_LABEL[user.role] ?? user.role}`} />
      {forced && (
        <div className="mb-4">
          <Notice tone="amber">
            An administrator set a temporary password for you. Choose your own password to continue.
          </Notice>
        </div>
      )}
      {user.kind === 'token' ? (
        <Section title="API token">
          <p className="text-sm text-slate-700">You are using the API token “{user.name}”. Tokens have no password.</p>
        </Section>
      ) : (
        <Section title="Change password">
          {done && !forced && <div className="mb-3"><Notice tone="green">Your password is changed.</Notice></div>}
          <form onSubmit={submit} noValidate className="grid max-w-md gap-3">
            <ActionError error={error} />
            <Field label="Current password" error={errors.current_password}>
              {(p) => <input {...p} type="password" autoComplete="current-password" className="input" value={current} onChange={(e) => setCurrent(e.target.value)} />}
            </Field>
            <Field label="New password" error={errors.new_password} hint="At least 12 characters. Common passwords are refused.">
              {(p) => <input {...p} type="password" autoComplete="new-password" className="input" value={next} onChange={(e) => setNext(e.target.value)} />}
            </Field>
            <Field label="Repeat new password" error={errors.confirm}>
              {(p) => <input {...p} type="password" autoComplete="new-password" className="input" value={confirm} onChange={(e) => setConfirm(e.target.value)} />}
            </Field>
            <div>
              <Button type="submit" variant="primary" busy={busy}>Change password</Button>
            </div>
          </form>
        </Section>
      )}
    </div>
  )
}
