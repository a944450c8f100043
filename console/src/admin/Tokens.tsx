import { useState, type FormEvent } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { admin } from '../api/endpoints'
import { useTokens } from '../api/queries'
import { ROLES, type ApiToken, type Role } from '../api/types'
import { ROLE_LABEL } from '../ui/format'
import { ActionError, Badge, Button, Empty, ErrorState, Field, Section, Spinner, Time } from '../ui/kit'

/** Tokens for machines (scripts, integrations). The secret is shown once, right after it is issued. */
export function TokensPanel() {
  const tokens = useTokens()
  const client = useQueryClient()
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('operator')
  const [nameError, setNameError] = useState<string>()
  const [issued, setIssued] = useState<{ name: string; token: string } | null>(null)
  const [copied, setCopied] = useState(false)
  const issue = useMutation({
    mutationFn: () => admin.issueToken(name.trim(), role),
    onSuccess: (t) => {
      setIssued({ name: name.trim(), token: t.token })
      setCopied(false)
      setName('')
      void client.invalidateQueries({ queryKey: ['tokens'] })
    },
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!name.trim()) {
      setNameError('Name is required: say what will use the token')
      return
    }
    setNameError(undefined)
    issue.mutate()
  }
  const copy = async () => {
    if (!issued) return
    try {
      await navigator.clipboard.writeText(issued.token)
      setCopied(true)
    } catch {
      setCopied(false)
    }
  }
  return (
    <div className="grid gap-4">
      <Section title="Issue a token">
        <form onSubmit={submit} noValidate className="flex flex-wrap items-start gap-3">
          <Field label="Name" error={nameError} className="w-72" hint="What uses it, e.g. “nightly EHR sync”">
            {(p) => <input {...p} className="input" value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label="Role" className="w-40">
            {(p) => (
              <select {...p} className="input" value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABEL[r]}</option>)}
              </select>
            )}
          </Field>
          <div className="pt-5"><Button type="submit" variant="primary" busy={issue.isPending}>Issue token</Button></div>
        </form>
        <div className="mt-3"><ActionError error={issue.error} /></div>
        {issued && (
          <div role="status" className="mt-3 rounded border border-emerald-300 bg-emerald-50 p-3 text-sm">
            <p className="font-semibold text-emerald-900">Token “{issued.name}” issued. Copy it now: it is shown only once.</p>
            <div className="mt-2 flex items-center gap-2">
              <code aria-label="New token" className="min-w-0 flex-1 truncate rounded border border-emerald-200 bg-white px-2 py-1 font-mono text-xs">{issued.token}</code>
              <Button size="sm" onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>
              <Button size="sm" variant="ghost" onClick={() => setIssued(null)}>Done</Button>
            </div>
          </div>
        )}
      </Section>
      <Section title="Tokens">
        {tokens.isPending ? <Spinner label="Loading tokens…" /> : tokens.isError ? (
          <ErrorState error={tokens.error} what="the tokens" onRetry={() => void tokens.refetch()} />
        ) : tokens.data.length === 0 ? <Empty title="No tokens" /> : (
          <div className="overflow-x-auto">
            <table className="table-dense w-full">
              <thead>
                <tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Issued by</th><th scope="col">Issued</th><th scope="col">Last used</th><th scope="col">Status</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
              </thead>
              <tbody>{tokens.data.map((t) => <TokenRow key={t.token_id} token={t} />)}</tbody>
            </table>
          </div>
        )}
      </Section>
    </div>
  )
}

function TokenRow({ token }: { token: ApiToken }) {
  const client = useQueryClient()
  const [confirm, setConfirm] = useState(false)
  const revoke = useMutation({
    mutationFn: () => admin.revokeToken(token.token_id),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['tokens'] }),
  })
  return (
    <tr>
      <td className="font-medium">{token.name}</td>
      <td>{ROLE_LABEL[token.role] ?? token.role}</td>
      <td>{token.created_by ?? '—'}</td>
      <td className="whitespace-nowrap"><Time iso={token.created_at} /></td>
      <td className="whitespace-nowrap">{token.last_used_at ? <Time iso={token.last_used_at} /> : <span className="text-slate-500">never</span>}</td>
      <td>{token.revoked_at ? <Badge tone="slate">Revoked</Badge> : <Badge tone="green">Active</Badge>}</td>
      <td className="whitespace-nowrap text-right">
        {!token.revoked_at && (confirm ? (
          <span className="inline-flex items-center gap-1 text-xs">
            Scripts using it stop working.
            <Button size="sm" variant="danger" busy={revoke.isPending} onClick={() => revoke.mutate()} aria-label={`Confirm revoking ${token.name}`}>Revoke now</Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirm(false)}>Keep</Button>
          </span>
        ) : (
          <Button size="sm" variant="danger" onClick={() => setConfirm(true)} aria-label={`Revoke ${token.name}`}>Revoke</Button>
        ))}
        {revoke.isError && <ActionError error={revoke.error} />}
      </td>
    </tr>
  )
}
