import type { Batch, BatchPreview, MetricsSummary, Payer, RunView, Task } from '../api/types'

export const payers: Payer[] = [
  {
    payer_id: '87726', name: 'UnitedHealthcare',
    channels: { clearinghouse: { trading_partner_id: '87726', purposes: ['eligibility', 'claim_status'], rate_limit: { per_second: 10, burst: 20 } }, portals: [] },
    maintenance_windows: [],
  },
  {
    payer_id: '60054', name: 'Aetna',
    channels: { clearinghouse: { trading_partner_id: '60054', purposes: ['eligibility'], rate_limit: { per_second: 5, burst: 10 } }, portals: [] },
    maintenance_windows: [],
  },
]

const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString()

export function task(over: Partial<Task> = {}): Task {
  return {
    id: 't-1', run_id: 'r-1', type: 'review', payer_id: '87726', purpose: 'eligibility', route: 'clearinghouse',
    reason_code: 'aaa_72', prompt: 'the payer refused the request as given — Invalid/Missing Subscriber/Insured ID (AAA 72)',
    status: 'open', audience: ['reviewer'], escalation_level: 0, assignee: null, lease_expires_at: null,
    created_at: minutes(-10), due_at: minutes(60), resolved_at: null, resolved_by: null, action: null,
    actions: ['accept', 'answer', 'correct', 'fail', 'retry'], evidence: [],
    advice: {
      code: 'aaa_72', title: 'Member ID not recognised', explanation: 'The payer did not recognise the member ID as sent.',
      check_fields: ['input.subscriber.member_id'], next_step: 'Compare the member ID with the insurance card, then correct it.', retry_later: false,
    },
    subject: { member_hint: '••••2649', name_initials: 'J.D.' },
    run_status: 'waiting_for_human',
    ...over,
  }
}

export function eligibilityRun(over: Partial<RunView> = {}): RunView {
  return {
    run_id: 'r-1', purpose: 'eligibility', payer_id: '87726', batch_id: null, status: 'succeeded', route: 'clearinghouse',
    requested_route: 'auto', attempts: 1, business_date: '2026-12-02', idempotency_key: 'k', created_at: minutes(-5), updated_at: minutes(-4),
    duration_ms: 954,
    input: {
      provider: { npi: '1999999984', organization_name: 'Sunrise Clinic' },
      subscriber: { member_id: 'SIM00002649', first_name: 'John', last_name: 'Doe', date_of_birth: '1980-01-01' },
    },
    output: {
      coverage_status: 'active', payer: { id: '87726', name: 'UnitedHealthcare' },
      plan: { name: 'SIM Choice Plus PPO', group_number: 'GRP00000', begin: '2026-01-01', end: null },
      copay: 10, coinsurance_percent: 0.1, deductible: { total: 500, remaining: 380 }, out_of_pocket: { total: 3000, remaining: 2900 },
      benefits: [
        { code: 'B', name: 'Co-Payment', service_type_codes: ['98'], coverage_level: 'IND', in_network: 'yes', time_period: '27', amount: 10, percent: null, quantity: null, auth_required: null, messages: ['Office visit copay'], plan_coverage: null, insurance_type: null, procedure_code: null },
        { code: 'A', name: 'Co-Insurance', service_type_codes: ['30'], coverage_level: 'IND', in_network: 'no', time_period: '27', amount: null, percent: 0.3, quantity: null, auth_required: null, messages: [], plan_coverage: null, insurance_type: null, procedure_code: null },
      ],
      errors: [], source: 'clearinghouse',
    },
    error: null,
    timeline: [
      { ts: minutes(-5), type: 'run.created', detail: 'route=auto' },
      { ts: minutes(-5), type: 'route.chosen', detail: 'route=clearinghouse reason=clearinghouse is the first choice' },
      { ts: minutes(-4), type: 'run.succeeded', detail: 'route=clearinghouse' },
    ],
    rerun_of: null, reruns: [],
    ...over,
  }
}

export function batch(over: Partial<Batch> = {}): Batch {
  return {
    batch_id: 'b-1', status: 'running', purpose: 'eligibility', payer_id: '87726', route: 'auto', format: 'csv', file_name: 'monday.csv',
    counts: { total: 50, valid: 49, invalid: 1, pending: 0, queued: 10, running: 4, waiting_for_human: 1, succeeded: 30, failed: 4, canceled: 0 },
    progress: 34 / 49, created_at: minutes(-3), started_at: minutes(-3), canceled_at: null, finished_at: null,
    ...over,
  }
}

export function preview(over: Partial<BatchPreview> = {}): BatchPreview {
  return {
    format: 'csv',
    columns: [
      { name: 'Insurance ID', field: 'member_id', suggested_field: null, how: 'alias' },
      { name: 'Patient Last', field: null, suggested_field: 'last_name', how: 'unmapped' },
      { name: 'DOB', field: 'date_of_birth', suggested_field: null, how: 'alias' },
      { name: 'Provider', field: 'provider_organization_name', suggested_field: null, how: 'alias' },
      { name: 'NPI', field: 'npi', suggested_field: null, how: 'alias' },
    ],
    fields: [
      { field: 'member_id', label: 'Member ID', required: false },
      { field: 'last_name', label: 'Last name', required: false },
      { field: 'first_name', label: 'First name', required: false },
      { field: 'date_of_birth', label: 'Date of birth', required: false },
      { field: 'npi', label: 'Provider NPI', required: true },
      { field: 'provider_organization_name', label: 'Provider organization', required: false },
    ],
    rows: [
      { row: 1, line: 2, cells: { 'Insurance ID': 'A1', 'Patient Last': 'Doe', DOB: '1980-01-01', Provider: 'Sunrise', NPI: '1999999984' } },
      { row: 2, line: 3, cells: { 'Insurance ID': 'A2', 'Patient Last': 'Roe', DOB: 'not a date', Provider: 'Sunrise', NPI: '1999999984' } },
    ],
    counts: { total: 2, valid: 1, invalid: 1 },
    duplicates: 0,
    errors: [{ row: 2, line: 3, column: 'DOB', field: 'input.subscriber.date_of_birth', message: 'is not a valid date' }],
    ...over,
  }
}

const dur = (p50: number | null, p95: number | null, count = 3) => ({ count, avg: p50, p50, p95 })

export function metrics(): MetricsSummary {
  const group = {
    payer_id: '87726', purpose: 'eligibility' as const, runs: 4, finished: 3, succeeded: 2, failed: 1, in_progress: 1, automated: 2,
    human_touched: 1, automation_rate: 2 / 3, human_touch_rate: 1 / 3, duration_ms: dur(1146.602, 1320.3722),
    time_to_human_ms: dur(4200, 9000, 1), time_in_queue_ms: dur(125000, 125000, 1), failures: { aaa_72: 1 },
    qa: { sampled: 3, reviewed: 2, agree: 2, disagree: 0 }, staff_minutes_saved: 12,
  }
  return {
    from: '2026-12-01T07:00:00Z', to: '2026-12-02T07:00:00Z', minutes_per_manual_check: 6,
    totals: { ...group, payer_id: null, purpose: null },
    by_payer: [group],
  }
}
