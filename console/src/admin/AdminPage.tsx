import { useEffect, useRef, type KeyboardEvent } from 'react'
import { useSearchParams } from 'react-router'
import { PageHeader } from '../ui/kit'
import { AuditPanel } from './Audit'
import { FlagsPanel } from './Flags'
import { PayersPanel } from './Payers'
import { TokensPanel } from './Tokens'
import { UsersPanel } from './Users'

const TABS = [
  { id: 'users', label: 'Users', Panel: UsersPanel },
  { id: 'tokens', label: 'API tokens', Panel: TokensPanel },
  { id: 'flags', label: 'Routing flags', Panel: FlagsPanel },
  { id: 'payers', label: 'Payers', Panel: PayersPanel },
  { id: 'audit', label: 'Audit log', Panel: AuditPanel },
] as const

/** People, machine tokens, routing switches, payer setup and the audit log. The tab is kept in the address. */
export default function AdminPage() {
  const [params, setParams] = useSearchParams()
  const current = TABS.find((t) => t.id === params.get('tab')) ?? TABS[0]
  const refs = useRef<(HTMLButtonElement | null)[]>([])
  useEffect(() => {
    document.title = `${current.label} · Admin · RCM OS`
  }, [current])
  const select = (id: string) => setParams({ tab: id }, { replace: true })
  const onKey = (e: KeyboardEvent, i: number) => {
    const dir = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0
    if (!dir) return
    e.preventDefault()
    const next = (i + dir + TABS.length) % TABS.length
    select(TABS[next].id)
    refs.current[next]?.focus()
  }
  const Panel = current.Panel
  return (
    <div>
      <PageHeader title="Admin" subtitle="People and tokens, how checks are routed, payer setup, and the audit trail." />
      <div role="tablist" aria-label="Admin sections" className="mb-4 flex gap-1 border-b border-slate-200">
        {TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => { refs.current[i] = el }}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={t.id === current.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={t.id === current.id ? 0 : -1}
            onClick={() => select(t.id)}
            onKeyDown={(e) => onKey(e, i)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${t.id === current.id ? 'border-blue-700 text-blue-800' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${current.id}`} aria-labelledby={`tab-${current.id}`}>
        <Panel />
      </div>
    </div>
  )
}
