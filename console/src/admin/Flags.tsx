import { useState } from 'react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { admin } from '../api/endpoints'
import { useFlags, usePayers } from '../api/queries'
import type { Flag, Payer, Purpose } from '../api/types'
import { PURPOSE_LABEL } from '../ui/format'
import { ActionError, Button, ErrorState, Section, Spinner, Time } from '../ui/kit'

/** The server's defaults for a payer × purpose without a saved flag (Flags.Flag.defaults). */
function defaults(payer_id: string, purpose: Purpose): Flag {
  return { payer_id, purpose, clearinghouse_enabled: true, portal_enabled: true, prefer: 'clearinghouse', human_fallback: true, updated_by: null, updated_at: null }
}

function purposesOf(p: Payer): Purpose[] {
  const set = new Set<Purpose>([...(p.channels.clearinghouse?.purposes ?? []), ...(p.channels.portals ?? []).flatMap((x) => x.purposes)])
  return (['eligibility', 'claim_status'] as const).filter((x) => set.has(x))
}

/** Per payer × purpose: which channels may be used, which first, and whether a person takes over. The next run follows. */
export function FlagsPanel() {
  const payers = usePayers()
  const flags = useFlags()
  if (payers.isPending || flags.isPending) return <Spinner label="Loading routing flags…" />
  if (payers.isError) return <ErrorState error={payers.error} what="the payers" onRetry={() => void payers.refetch()} />
  if (flags.isError) return <ErrorState error={flags.error} what="the routing flags" onRetry={() => void flags.refetch()} />
  const rows = payers.data.flatMap((p) => purposesOf(p).map((purpose) => ({
    payer: p,
    flag: flags.data.find((f) => f.payer_id === p.payer_id && f.purpose === purpose) ?? defaults(p.payer_id, purpose),
    saved: flags.data.some((f) => f.payer_id === p.payer_id && f.purpose === purpose),
  })))
  return (
    <Section title="Routing flags">
      <p className="mb-3 text-sm text-slate-600">Changes apply to the next check, without a restart, and are recorded in the audit log.</p>
      <div className="overflow-x-auto">
        <table className="table-dense w-full">
          <thead>
            <tr>
              <th scope="col">Payer</th><th scope="col">Purpose</th><th scope="col">Clearinghouse</th><th scope="col">Portal</th>
              <th scope="col">Try first</th><th scope="col">Person as last resort</th><th scope="col">Last change</th><th scope="col"><span className="sr-only">Save</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => <FlagRow key={`${r.payer.payer_id}|${r.flag.purpose}`} payerName={r.payer.name} flag={r.flag} saved={r.saved} />)}
          </tbody>
        </table>
      </div>
    </Section>
  )
}

function Switch({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      onClick={() => onChange(!checked)}
      className="inline-flex items-center gap-2 text-sm"
    >
      <span aria-hidden className={`relative inline-block h-5 w-9 rounded-full transition-colors ${checked ? 'bg-blue-700' : 'bg-slate-300'}`}>
        <span className={`absolute top-0.5 h-4 w-4 rounded-full bg-white shadow transition-all ${checked ? 'left-[18px]' : 'left-0.5'}`} />
      </span>
      <span className={checked ? 'text-slate-900' : 'text-slate-500'}>{checked ? 'On' : 'Off'}</span>
    </button>
  )
}

function FlagRow({ payerName, flag, saved }: { payerName: string; flag: Flag; saved: boolean }) {
  const client = useQueryClient()
  const [draft, setDraft] = useState<Flag>(flag)
  const [base, setBase] = useState<Flag>(flag)
  if (base !== flag) {
    setBase(flag)
    setDraft(flag)
  }
  const save = useMutation({
    mutationFn: () => admin.setFlag(draft),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['flags'] }),
  })
  const dirty = draft.clearinghouse_enabled !== flag.clearinghouse_enabled || draft.portal_enabled !== flag.portal_enabled
    || draft.prefer !== flag.prefer || draft.human_fallback !== flag.human_fallback
  const what = `${payerName} ${PURPOSE_LABEL[flag.purpose]}`
  const nothing = !draft.clearinghouse_enabled && !draft.portal_enabled && !draft.human_fallback
  return (
    <tr className={dirty ? 'bg-amber-50/60' : ''}>
      <td className="font-medium">{payerName} <span className="text-xs text-slate-600">({flag.payer_id})</span></td>
      <td>{PURPOSE_LABEL[flag.purpose]}</td>
      <td><Switch label={`Clearinghouse for ${what}`} checked={draft.clearinghouse_enabled} onChange={(v) => setDraft({ ...draft, clearinghouse_enabled: v })} /></td>
      <td><Switch label={`Portal for ${what}`} checked={draft.portal_enabled} onChange={(v) => setDraft({ ...draft, portal_enabled: v })} /></td>
      <td>
        <select aria-label={`Try first for ${what}`} className="input w-36" value={draft.prefer} onChange={(e) => setDraft({ ...draft, prefer: e.target.value as Flag['prefer'] })}>
          <option value="clearinghouse">Clearinghouse</option>
          <option value="portal">Portal</option>
        </select>
      </td>
      <td><Switch label={`Person as last resort for ${what}`} checked={draft.human_fallback} onChange={(v) => setDraft({ ...draft, human_fallback: v })} /></td>
      <td className="text-xs text-slate-600">{saved && flag.updated_at ? <>{flag.updated_by ?? '—'} · <Time iso={flag.updated_at} /></> : 'default'}</td>
      <td className="whitespace-nowrap text-right">
        {nothing && <span className="mr-2 text-xs text-red-800">Every route off: checks will fail.</span>}
        <Button size="sm" variant="primary" disabled={!dirty} busy={save.isPending} onClick={() => save.mutate()} aria-label={`Save flags for ${what}`}>Save</Button>
        {dirty && <Button size="sm" variant="ghost" onClick={() => setDraft(flag)} aria-label={`Undo changes for ${what}`}>Undo</Button>}
        {save.isError && <ActionError error={save.error} />}
      </td>
    </tr>
  )
}
