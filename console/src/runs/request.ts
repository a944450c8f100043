import type { FieldProblem, Purpose, RunInput } from '../api/types'

/**
 * The run request as a form: flat values keyed by their path under `input` (`subscriber.member_id`), turned into the
 * API's nested input, and checked in the browser the way POST /runs checks it (RunRequestReader), so most problems
 * show before a round trip. The server still has the last word: its field errors are shown the same way.
 */

export type FormValues = Record<string, string>

export interface FieldSpec {
  path: string
  label: string
  kind?: 'text' | 'date' | 'npi' | 'money' | 'codes'
  required?: boolean
  hint?: string
  group: 'provider' | 'subscriber' | 'dependent' | 'service' | 'claim'
  maxLength?: number
}

const PROVIDER: FieldSpec[] = [
  { path: 'provider.npi', label: 'Provider NPI', kind: 'npi', required: true, group: 'provider', hint: '10 digits' },
  { path: 'provider.organization_name', label: 'Organization name', group: 'provider', maxLength: 60, hint: 'Or the provider’s last name' },
  { path: 'provider.first_name', label: 'Provider first name', group: 'provider', maxLength: 35 },
  { path: 'provider.last_name', label: 'Provider last name', group: 'provider', maxLength: 60 },
]

const SUBSCRIBER: FieldSpec[] = [
  { path: 'subscriber.member_id', label: 'Member ID', group: 'subscriber', maxLength: 80 },
  { path: 'subscriber.first_name', label: 'First name', group: 'subscriber', maxLength: 35 },
  { path: 'subscriber.last_name', label: 'Last name', group: 'subscriber', maxLength: 60 },
  { path: 'subscriber.date_of_birth', label: 'Date of birth', kind: 'date', group: 'subscriber' },
]

const DEPENDENT: FieldSpec[] = [
  { path: 'dependent.first_name', label: 'Dependent first name', group: 'dependent', maxLength: 35 },
  { path: 'dependent.last_name', label: 'Dependent last name', group: 'dependent', maxLength: 60 },
  { path: 'dependent.date_of_birth', label: 'Dependent date of birth', kind: 'date', group: 'dependent' },
  { path: 'dependent.relationship_code', label: 'Relationship code', group: 'dependent', hint: '2 characters, e.g. 19 (child)' },
]

export const ELIGIBILITY_FIELDS: FieldSpec[] = [
  ...PROVIDER,
  ...SUBSCRIBER,
  { path: 'date_of_service', label: 'Date of service', kind: 'date', group: 'service' },
  { path: 'service_type_codes', label: 'Service type codes', kind: 'codes', group: 'service', hint: 'Comma separated, e.g. 30 (health benefit plan coverage)' },
  ...DEPENDENT,
]

export const CLAIM_FIELDS: FieldSpec[] = [
  ...PROVIDER,
  ...SUBSCRIBER,
  { path: 'claim.patient_control_number', label: 'Patient control number', required: true, group: 'claim', maxLength: 38 },
  { path: 'claim.payer_claim_number', label: 'Payer claim number', group: 'claim', maxLength: 50 },
  { path: 'claim.service_date_from', label: 'Service date from', kind: 'date', required: true, group: 'claim' },
  { path: 'claim.service_date_to', label: 'Service date to', kind: 'date', required: true, group: 'claim' },
  { path: 'claim.total_charge', label: 'Total charge ($)', kind: 'money', group: 'claim' },
  ...DEPENDENT,
]

export function fieldsFor(purpose: Purpose): FieldSpec[] {
  return purpose === 'claim_status' ? CLAIM_FIELDS : ELIGIBILITY_FIELDS
}

export const GROUP_LABEL: Record<FieldSpec['group'], string> = {
  provider: 'Provider',
  subscriber: 'Subscriber (patient’s insurance holder)',
  dependent: 'Dependent (only when the patient is not the subscriber)',
  service: 'Service',
  claim: 'Claim',
}

/** NPI check digit: Luhn over the prefix 80840 and the first nine digits. */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false
  const digits = `80840${npi.slice(0, 9)}`
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  const check = (10 - (sum % 10)) % 10
  return check === Number(npi[9])
}

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

function todayIso(): string {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

const DELIMITERS = /[~*:^]/

/** Every problem with the values, keyed by `input.<path>` like the server's errors. */
export function checkInput(purpose: Purpose, values: FormValues): FieldProblem[] {
  const problems: FieldProblem[] = []
  const add = (path: string, message: string) => problems.push({ field: `input.${path}`, message })
  const v = (path: string) => (values[path] ?? '').trim()
  const today = todayIso()

  for (const spec of fieldsFor(purpose)) {
    const value = v(spec.path)
    if (!value) {
      if (spec.required) add(spec.path, 'is required')
      continue
    }
    if (DELIMITERS.test(value)) {
      add(spec.path, 'must not contain any of the characters ~ * : ^')
      continue
    }
    if (spec.maxLength && value.length > spec.maxLength) add(spec.path, `must be at most ${spec.maxLength} characters`)
    if (spec.kind === 'date' && !isIsoDate(value)) add(spec.path, 'must be a date as YYYY-MM-DD')
    if (spec.kind === 'npi') {
      if (!/^\d{10}$/.test(value)) add(spec.path, 'must be 10 digits')
      else if (!isValidNpi(value)) add(spec.path, 'is not a valid NPI (check digit)')
    }
    if (spec.kind === 'money' && !(Number.isFinite(Number(value)) && Number(value) >= 0)) add(spec.path, 'must be an amount of 0 or more')
    if (spec.kind === 'codes' && !value.split(',').map((c) => c.trim()).filter(Boolean).every((c) => /^[0-9A-Z]{1,2}$/.test(c))) {
      add(spec.path, 'must be codes of 1 or 2 letters or digits, separated by commas')
    }
  }
  if (v('subscriber.member_id') && !/^[A-Za-z0-9-]+$/.test(v('subscriber.member_id'))) {
    add('subscriber.member_id', 'may hold only letters, digits and hyphens')
  }
  if (!v('provider.organization_name') && !v('provider.last_name')) {
    add('provider', 'needs organization_name or last_name')
  }
  if (!v('subscriber.member_id') && !v('subscriber.date_of_birth') && !v('subscriber.last_name')) {
    add('subscriber', 'needs at least one of member_id, date_of_birth, last_name')
  }
  for (const path of ['subscriber.date_of_birth', 'dependent.date_of_birth']) {
    const dob = v(path)
    if (dob && isIsoDate(dob) && (dob > today || dob < '1900-01-01')) add(path, 'must be between 1900-01-01 and today')
  }
  const dependentTouched = DEPENDENT.some((f) => v(f.path))
  if (dependentTouched) {
    for (const f of ['dependent.first_name', 'dependent.last_name', 'dependent.date_of_birth']) {
      if (!v(f)) add(f, 'is required when a dependent is given')
    }
    const rel = v('dependent.relationship_code')
    if (rel && !/^[0-9A-Z]{2}$/.test(rel)) add('dependent.relationship_code', 'must be 2 letters or digits')
  }
  if (purpose === 'claim_status') {
    const from = v('claim.service_date_from')
    const to = v('claim.service_date_to')
    if (isIsoDate(from) && isIsoDate(to) && to < from) add('claim.service_date_to', 'must not be before service_date_from')
    if (isIsoDate(from) && from > today) add('claim.service_date_from', 'must not be in the future')
  }
  return problems
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split('.')
  let node = target
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {}
    node = node[part] as Record<string, unknown>
  }
  node[parts[parts.length - 1]] = value
}

function typed(spec: FieldSpec, value: string): unknown {
  if (spec.kind === 'money') return Number(value)
  if (spec.kind === 'codes') return value.split(',').map((c) => c.trim()).filter(Boolean)
  return value
}

/** The API's nested `input` from the form (empty fields left out). */
export function toInput(purpose: Purpose, values: FormValues): RunInput {
  const out: Record<string, unknown> = {}
  for (const spec of fieldsFor(purpose)) {
    const value = (values[spec.path] ?? '').trim()
    if (value) setPath(out, spec.path, typed(spec, value))
  }
  return out as RunInput
}

/** The form's values from a run's input (for a correction). */
export function fromInput(purpose: Purpose, input: RunInput | null | undefined): FormValues {
  const values: FormValues = {}
  if (!input) return values
  for (const spec of fieldsFor(purpose)) {
    let node: unknown = input
    for (const part of spec.path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined
    if (node === null || node === undefined) continue
    values[spec.path] = Array.isArray(node) ? node.join(', ') : String(node)
  }
  return values
}

/** A JSON merge patch (RFC 7386) of what changed between two forms: changed values set, cleared values null. */
export function mergePatch(purpose: Purpose, before: FormValues, after: FormValues): Record<string, unknown> {
  const patch: Record<string, unknown> = {}
  for (const spec of fieldsFor(purpose)) {
    const a = (before[spec.path] ?? '').trim()
    const b = (after[spec.path] ?? '').trim()
    if (a === b) continue
    setPath(patch, spec.path, b ? typed(spec, b) : null)
  }
  return patch
}

/** Server fields name `input.x.y` (POST /runs) or `value.x.y` (a correction): both become `input.x.y`. */
export function normaliseField(field: string): string {
  if (field.startsWith('value.')) return `input.${field.slice('value.'.length)}`
  return field
}

export function problemsByField(problems: FieldProblem[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of problems) {
    const key = normaliseField(p.field)
    out[key] = out[key] ? `${out[key]}; ${p.message}` : p.message
  }
  return out
}

export function labelOf(field: string): string {
  const path = normaliseField(field).replace(/^input\./, '')
  const spec = [...ELIGIBILITY_FIELDS, ...CLAIM_FIELDS].find((f) => f.path === path)
  if (spec) return spec.label
  if (path === 'input') return 'The request'
  if (path === 'provider') return 'Provider'
  if (path === 'subscriber') return 'Subscriber'
  if (path === 'payer_id') return 'Payer'
  return path
}
