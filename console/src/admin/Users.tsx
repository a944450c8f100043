import { useState, type FormEvent } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { isApiError } from '../api/client'
import { admin } from '../api/endpoints'
import { useUsers } from '../api/queries'
import { ROLES, type Role, type User } from '../api/types'
import { useMe } from '../app/session'
import { ROLE_LABEL } from '../ui/format'
import { ActionError, Badge, Button, Empty, ErrorState, Field, Notice, Section, Spinner, Time } from '../ui/kit'

function fieldErrors(err: unknown): Record<string, string> {
  if (!isApiError(err)) return {}
  const out: Record<string, string> = Object.fromEntries(err.errors.map((e) => [e.field, e.message]))
  if (err.code === 'username_taken') out.username = 'is already taken'
  return out
}

export function UsersPanel() {
  const users = useUsers()
  return (
    <div className="grid gap-4">
      <CreateUser />
      <Section title="People">
        {users.isPending ? <Spinner label="Loading people…" /> : users.isError ? (
          <ErrorState error={users.error} what="the people" onRetry={() => void users.refetch()} />
        ) : users.data.items.length === 0 ? <Empty title="No people yet" /> : (
          <div className="overflow-x-auto">
            <table className="table-dense w-full">
              <thead>
                <tr>
                  <th scope="col">Username</th><th scope="col">Display name</th><th scope="col">Role</th><th scope="col">Status</th>
                  <th scope="col">Last sign-in</th><th scope="col"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>{users.data.items.map((u) => <UserRow key={u.user_id} user={u} />)}</tbody>
            </table>
          </div>
        )}
      </Section>
    </div>
  )
}

function CreateUser() {
  const client = useQueryClient()
  const [v, setV] = useState({ username: '', display_name: '', role: 'operator' as Role, password: '', must_change_password: true })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [created, setCreated] = useState<string | null>(null)
  const create = useMutation({
    mutationFn: () => admin.createUser(v),
    onSuccess: (u) => {
      setCreated(u.must_change_password
        ? `${u.username} can now sign in with the temporary password and will be asked to choose their own.`
        : `${u.username} can now sign in with the password you gave.`)
      setV({ username: '', display_name: '', role: 'operator', password: '', must_change_password: true })
      void client.invalidateQueries({ queryKey: ['users'] })
    },
    onError: (err) => setErrors(fieldErrors(err)),
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const problems: Record<string, string> = {}
    if (!v.username.trim()) problems.username = 'is required'
    if (!v.display_name.trim()) problems.display_name = 'is required'
    if (v.password.length < 12) problems.password = 'must be at least 12 characters'
    setErrors(problems)
    setCreated(null)
    if (Object.keys(problems).length === 0) create.mutate()
  }
  const err = (k: string, label: string) => (errors[k] ? `${label} ${errors[k]}` : undefined)
  return (
    <Section title="Add a person">
      <form onSubmit={submit} noValidate className="grid gap-3">
        {created && <Notice tone="green">{created}</Notice>}
        <ActionError error={create.error && Object.keys(fieldErrors(create.error)).length === 0 ? create.error : null} />
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-5">
          <Field label="Username" error={err('username', 'Username')}>
            {(p) => <input {...p} className="input" autoComplete="off" value={v.username} onChange={(e) => setV({ ...v, username: e.target.value })} />}
          </Field>
          <Field label="Display name" error={err('display_name', 'Display name')}>
            {(p) => <input {...p} className="input" autoComplete="off" value={v.display_name} onChange={(e) => setV({ ...v, display_name: e.target.value })} />}
          </Field>
          <Field label="Role" error={err('role', 'Role')}>
            {(p) => (
              <select {...p} className="input" value={v.role} onChange={(e) => setV({ ...v, role: e.target.value as Role })}>
                {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABEL[r]}</option>)}
              </select>
            )}
          </Field>
          <Field label="Temporary password" error={err('password', 'Password')} hint="12+ characters, not a common password">
            {(p) => <input {...p} type="password" autoComplete="new-password" className="input" value={v.password} onChange={(e) => setV({ ...v, password: e.target.value })} />}
          </Field>
          <div className="self-start pt-5"><Button type="submit" variant="primary" busy={create.isPending}>Add person</Button></div>
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={v.must_change_password} onChange={(e) => setV({ ...v, must_change_password: e.target.checked })} />
          They choose their own password at first sign-in
        </label>
      </form>
    </Section>
  )
}

function UserRow({ user }: { user: User }) {
  const client = useQueryClient()
  const me = useMe()
  const self = me.data?.kind === 'user' && me.data.username === user.username
  const [editing, setEditing] = useState(false)
  const [name, setName] = useState(user.display_name)
  const [resetting, setResetting] = useState(false)
  const [password, setPassword] = useState('')
  const [resetDone, setResetDone] = useState(false)
  const update = useMutation({
    mutationFn: (body: { role?: Role; display_name?: string; disabled?: boolean }) => admin.updateUser(user.user_id, body),
    onSuccess: () => { setEditing(false); void client.invalidateQueries({ queryKey: ['users'] }) },
  })
  const reset = useMutation({
    mutationFn: () => admin.resetPassword(user.user_id, password),
    onSuccess: () => { setResetting(false); setPassword(''); setResetDone(true); void client.invalidateQueries({ queryKey: ['users'] }) },
  })
  const locked = user.locked_until && new Date(user.locked_until).getTime() > Date.now()
  const resetError = isApiError(reset.error) ? (reset.error.fieldMessage('password') ?? reset.error.detail) : null
  return (
    <>
      <tr>
        <td className="font-medium">{user.username}{self && <span className="ml-1 text-xs text-slate-600">(you)</span>}</td>
        <td>
          {editing ? (
            <form className="flex gap-1" onSubmit={(e) => { e.preventDefault(); update.mutate({ display_name: name.trim() }) }}>
              <input aria-label={`Display name of ${user.username}`} className="input w-44" value={name} onChange={(e) => setName(e.target.value)} />
              <Button type="submit" size="sm" variant="primary" busy={update.isPending}>Save</Button>
              <Button size="sm" variant="ghost" onClick={() => { setEditing(false); setName(user.display_name) }}>Cancel</Button>
            </form>
          ) : (
            <span className="flex items-center gap-2">{user.display_name}
              <button type="button" className="link text-xs" aria-label={`Rename ${user.username}`} onClick={() => setEditing(true)}>Rename</button>
            </span>
          )}
        </td>
        <td>
          <select
            aria-label={`Role of ${user.username}`}
            className="input w-32"
            value={user.role}
            disabled={update.isPending || self}
            title={self ? 'You cannot change your own role' : undefined}
            onChange={(e) => update.mutate({ role: e.target.value as Role })}
          >
            {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABEL[r]}</option>)}
          </select>
        </td>
        <td className="space-x-1">
          {user.disabled ? <Badge tone="slate">Disabled</Badge> : <Badge tone="green">Active</Badge>}
          {locked && <Badge tone="red" title={`Locked until ${new Date(user.locked_until!).toLocaleString()}`}>Locked</Badge>}
          {user.must_change_password && <Badge tone="amber">Must change password</Badge>}
        </td>
        <td className="whitespace-nowrap">{user.last_sign_in_at ? <Time iso={user.last_sign_in_at} /> : <span className="text-slate-500">never</span>}</td>
        <td className="whitespace-nowrap text-right">
          <Button size="sm" variant="ghost" onClick={() => { setResetting((r) => !r); setResetDone(false) }} aria-expanded={resetting}
            aria-label={`Reset password of ${user.username}`}>Reset password</Button>
          {!self && (
            <Button size="sm" variant={user.disabled ? 'secondary' : 'danger'} busy={update.isPending && update.variables?.disabled !== undefined}
              aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.username}`} onClick={() => update.mutate({ disabled: !user.disabled })}>
              {user.disabled ? 'Enable' : 'Disable'}
            </Button>
          )}
        </td>
      </tr>
      {(resetting || resetDone || update.isError) && (
        <tr>
          <td colSpan={6} className="bg-slate-50">
            {update.isError && <ActionError error={update.error} />}
            {resetDone && <Notice tone="green">Password reset. {user.username} must choose a new one at the next sign-in.</Notice>}
            {resetting && (
              <form className="flex flex-wrap items-end gap-2" onSubmit={(e) => { e.preventDefault(); reset.mutate() }}>
                <Field label={`New temporary password for ${user.username}`} error={resetError ?? (password && password.length < 12 ? 'Use at least 12 characters.' : undefined)}>
                  {(p) => <input {...p} type="password" autoComplete="new-password" className="input w-72" value={password} onChange={(e) => setPassword(e.target.value)} />}
                </Field>
                <Button type="submit" variant="primary" disabled={password.length < 12} busy={reset.isPending}>Set temporary password</Button>
                <Button variant="ghost" onClick={() => setResetting(false)}>Cancel</Button>
              </form>
            )}
          </td>
        </tr>
      )}
    </>
  )
}
