import { useMemo, useState } from 'react'
import type { Artifact } from '../api/types'
import { formatNumber } from '../ui/format'

/**
 * The portal steps as a filmstrip of screenshots; the chosen step large, with its DOM snapshot beside it in a
 * sandboxed frame (sandbox="": no scripts, no forms, no same-origin), loaded from its signed link with inline=true.
 */
export function EvidenceView({ artifacts, isAdmin }: { artifacts: Artifact[]; isAdmin: boolean }) {
  const steps = useMemo(() => {
    const byStep = new Map<string, { step: string; shot?: Artifact; dom?: Artifact }>()
    for (const a of artifacts) {
      if (a.kind !== 'screenshot' && a.kind !== 'dom') continue
      const s = byStep.get(a.step) ?? { step: a.step }
      if (a.kind === 'screenshot') s.shot = a
      else s.dom = a
      byStep.set(a.step, s)
    }
    // in the order they were captured (the server lists artifacts by capture time): the last one is where the run ended
    return [...byStep.values()]
  }, [artifacts])
  const [chosen, setChosen] = useState<string | null>(null)
  const current = steps.find((s) => s.step === chosen) ?? steps[steps.length - 1]
  const files = artifacts.filter((a) => !['screenshot', 'dom'].includes(a.kind) && (isAdmin || !['har', 'trace', 'raw'].includes(a.kind)))

  return (
    <div className="grid gap-4">
      {steps.length === 0 ? (
        <p className="text-sm text-slate-600">No screenshots: this check did not go through a portal.</p>
      ) : (
        <>
          <ul aria-label="Steps" className="flex gap-2 overflow-x-auto pb-2">
            {steps.map((s) => (
              <li key={s.step} className="shrink-0">
                <button
                  type="button"
                  aria-pressed={current?.step === s.step}
                  onClick={() => setChosen(s.step)}
                  className={`block rounded border-2 p-0.5 text-left ${current?.step === s.step ? 'border-blue-600' : 'border-transparent hover:border-slate-300'}`}
                >
                  {s.shot?.url ? (
                    <img src={s.shot.url} alt={`Screenshot of step ${s.step}`} loading="lazy" className="h-20 w-32 rounded-sm border border-slate-200 object-cover object-top" />
                  ) : (
                    <span className="grid h-20 w-32 place-items-center rounded-sm border border-dashed border-slate-300 text-xs text-slate-600">no screenshot</span>
                  )}
                  <span className="mt-0.5 block max-w-32 truncate text-xs text-slate-700">{s.step}</span>
                </button>
              </li>
            ))}
          </ul>
          {current && (
            <div className="grid gap-3 lg:grid-cols-2">
              <figure className="min-w-0">
                {current.shot?.url ? (
                  <a href={current.shot.url} target="_blank" rel="noreferrer" title="Open full size">
                    <img src={current.shot.url} alt={`Full view of step ${current.step}`} className="w-full rounded border border-slate-200" />
                  </a>
                ) : <p className="text-sm text-slate-500">No screenshot for this step.</p>}
                <figcaption className="mt-1 text-xs text-slate-600">Step {current.step}: what the portal showed</figcaption>
              </figure>
              <div className="min-w-0">
                {current.dom?.url ? <DomSnapshot artifact={current.dom} step={current.step} /> : <p className="text-sm text-slate-500">No page snapshot for this step.</p>}
              </div>
            </div>
          )}
        </>
      )}
      {files.length > 0 && (
        <div>
          <h3 className="mb-1 text-sm font-semibold text-slate-800">Files</h3>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {files.map((a) => {
              const href = a.restricted ? (isAdmin ? `/artifacts/${a.artifact_id}/raw` : null) : a.url
              const label = `${fileLabel(a)} (${formatNumber(Math.round(a.size / 1024))} KB)`
              return (
                <li key={a.artifact_id}>
                  {href ? <a className="link" href={href} download>{label}</a> : <span className="text-slate-500">{label}</span>}
                </li>
              )
            })}
          </ul>
        </div>
      )}
    </div>
  )
}

function fileLabel(a: Artifact): string {
  if (a.kind === 'har') return a.restricted ? 'Download HAR (raw, audited)' : 'Download HAR (masked)'
  if (a.kind === 'trace') return a.restricted ? 'Download trace (raw, audited)' : 'Download trace (masked)'
  if (a.kind === 'x12') return `X12 ${a.step}`
  if (a.kind === 'manifest') return 'Run manifest'
  if (a.kind === 'raw') return `Raw ${a.step.toUpperCase()} (unmasked, audited)`
  return `${a.kind.toUpperCase()} ${a.step}`
}

function DomSnapshot({ artifact, step }: { artifact: Artifact; step: string }) {
  // shown in place (inline=true) from the signed link: the server sends it as an inert sandboxed document, and the
  // frame's own sandbox="" keeps scripts, forms and same-origin access off as well
  const src = `${artifact.url}${artifact.url!.includes('?') ? '&' : '?'}inline=true`
  return (
    <div>
      <iframe
        title={`Page snapshot of step ${step}`}
        sandbox=""
        src={src}
        className="h-[420px] w-full rounded border border-slate-200 bg-white"
      />
      <p className="mt-1 text-xs text-slate-600">Page snapshot of step {step} (HTML as captured, scripts and forms off)</p>
    </div>
  )
}
