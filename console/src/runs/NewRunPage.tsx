import { useEffect, useState, type FormEvent } from 'react'
import { useNavigate } from 'react-router'
import { isApiError } from '../api/client'
import { runs } from '../api/endpoints'
import { usePayers } from '../api/queries'
import type { Purpose, RouteChoice } from '../api/types'
import { ActionError, Button, Field, PageHeader, Section } from '../ui/kit'
import { ProblemSummary, RequestFields } from './RequestFields'
import { checkInput, problemsByField, toInput, type FormValues } from './request'

/** Start one check by hand: every problem is shown at once, next to its field, before and after the server checks. */
export default function NewRunPage() {
  const navigate = useNavigate()
  const payers = usePayers()
  const [purpose, setPurpose] = useState<Purpose>('eligibility')
  const [payerId, setPayerId] = useState('')
  const [route, setRoute] = useState<RouteChoice>('auto')
  const [values, setValues] = useState<FormValues>({})
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    document.title = 'New check · RCM OS'
  }, [])

  const payerChoices = (payers.data ?? []).filter((p) => {
    const ch = p.channels
    return (ch.clearinghouse?.purposes ?? []).includes(purpose) || (ch.portals ?? []).some((x) => x.purposes.includes(purpose))
  })

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const problems = problemsByField(checkInput(purpose, values))
    if (!payerId) problems.payer_id = 'is required: choose the payer'
    setErrors(problems)
    setError(null)
    if (Object.keys(problems).length > 0) return
    setBusy(true)
    try {
      const created = await runs.create({ purpose, payer_id: payerId, route, input: toInput(purpose, values) })
      navigate(`/runs/${created.run_id}`, { state: { existing: !created.created } })
    } catch (err) {
      if (isApiError(err) && err.errors.length > 0) setErrors(problemsByField(err.errors))
      else setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="max-w-5xl">
      <PageHeader title="New check" subtitle="Ask a payer about one patient. Fields marked * are required." />
      <form onSubmit={submit} noValidate className="grid gap-4">
        <ProblemSummary errors={errors} />
        <ActionError error={error} />
        <Section title="What to check">
          <div className="flex flex-wrap items-start gap-4">
            <fieldset>
              <legend className="mb-1 text-xs font-medium text-slate-700">Purpose</legend>
              <div className="flex rounded border border-slate-300 bg-white p-0.5">
                {(['eligibility', 'claim_status'] as const).map((p) => (
                  <label key={p} className={`cursor-pointer rounded px-3 py-1 text-sm ${purpose === p ? 'bg-blue-700 text-white' : 'text-slate-700 hover:bg-slate-50'}`}>
                    <input type="radio" name="purpose" value={p} checked={purpose === p} onChange={() => { setPurpose(p); setErrors({}) }} className="sr-only" />
                    {p === 'eligibility' ? 'Eligibility' : 'Claim status'}
                  </label>
                ))}
              </div>
            </fieldset>
            <Field label="Payer *" error={errors.payer_id ? `Payer ${errors.payer_id}` : undefined} className="w-72">
              {(p) => (
                <select {...p} className="input" value={payerId} onChange={(e) => setPayerId(e.target.value)}>
                  <option value="">{payers.isPending ? 'Loading payers…' : 'Choose a payer'}</option>
                  {payerChoices.map((x) => <option key={x.payer_id} value={x.payer_id}>{x.name} ({x.payer_id})</option>)}
                </select>
              )}
            </Field>
            <Field label="Route" className="w-56" hint="Automatic picks the clearinghouse first">
              {(p) => (
                <select {...p} className="input" value={route} onChange={(e) => setRoute(e.target.value as RouteChoice)}>
                  <option value="auto">Automatic</option>
                  <option value="clearinghouse">Clearinghouse only</option>
                  <option value="portal">Payer portal only</option>
                </select>
              )}
            </Field>
          </div>
        </Section>
        <RequestFields purpose={purpose} values={values} onChange={setValues} errors={errors} />
        <div className="flex gap-2">
          <Button type="submit" variant="primary" busy={busy}>Start check</Button>
          <Button onClick={() => navigate('/runs')}>Cancel</Button>
        </div>
      </form>
    </div>
  )
}
