import type { Purpose } from '../api/types'
import { Field } from '../ui/kit'
import { fieldsFor, GROUP_LABEL, labelOf, type FieldSpec, type FormValues } from './request'

/**
 * The fields of a run request, grouped (provider, subscriber, claim or service, dependent), each with its problem next
 * to it. `highlight` marks the fields to check first (from the error advice).
 */
export function RequestFields({ purpose, values, onChange, errors, highlight = [] }: {
  purpose: Purpose
  values: FormValues
  onChange: (values: FormValues) => void
  errors: Record<string, string>
  highlight?: string[]
}) {
  const specs = fieldsFor(purpose)
  const groups = [...new Set(specs.map((s) => s.group))]
  const marked = new Set(highlight.map((h) => h.replace(/^input\./, '')))
  return (
    <div className="grid gap-4">
      {groups.map((group) => {
        const groupError = errors[`input.${group}`]
        return (
          <fieldset key={group} className="rounded border border-slate-200 p-3">
            <legend className="px-1 text-xs font-semibold uppercase tracking-wide text-slate-600">{GROUP_LABEL[group]}</legend>
            {groupError && (
              <p className="mb-2 text-xs font-medium text-red-700">{labelOf(`input.${group}`)} {groupError}</p>
            )}
            <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
              {specs.filter((s) => s.group === group).map((spec) => (
                <InputField
                  key={spec.path}
                  spec={spec}
                  value={values[spec.path] ?? ''}
                  error={errors[`input.${spec.path}`]}
                  highlight={marked.has(spec.path)}
                  onChange={(v) => onChange({ ...values, [spec.path]: v })}
                />
              ))}
            </div>
          </fieldset>
        )
      })}
    </div>
  )
}

function InputField({ spec, value, error, highlight, onChange }: {
  spec: FieldSpec
  value: string
  error?: string
  highlight: boolean
  onChange: (v: string) => void
}) {
  const label = `${spec.label}${spec.required ? ' *' : ''}`
  return (
    <Field label={label} error={error ? `${spec.label} ${error}` : undefined} hint={spec.hint} highlight={highlight}>
      {(p) => (
        <input
          {...p}
          name={spec.path}
          className="input"
          value={value}
          inputMode={spec.kind === 'npi' ? 'numeric' : spec.kind === 'money' ? 'decimal' : undefined}
          placeholder={spec.kind === 'date' ? 'YYYY-MM-DD' : undefined}
          autoComplete="off"
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  )
}

/** All problems at once, as a list on top of the form. */
export function ProblemSummary({ errors }: { errors: Record<string, string> }) {
  const entries = Object.entries(errors)
  if (entries.length === 0) return null
  return (
    <div role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-sm text-red-900">
      <p className="font-semibold">
        {entries.length === 1 ? 'One problem needs fixing' : `${entries.length} problems need fixing`} before this check can run:
      </p>
      <ul className="mt-1 list-disc pl-5">
        {entries.map(([field, message]) => (
          <li key={field}><span className="font-medium">{labelOf(field)}</span> {message}</li>
        ))}
      </ul>
    </div>
  )
}

