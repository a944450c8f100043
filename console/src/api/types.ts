// Types of the server's JSON API, as written in the console contract (issue 11) and GET /openapi.json.
// JSON is snake_case; timestamps are ISO-8601 UTC strings. Fields marked optional are "NEW" in the contract and may be
// absent on an older server.

export type Role = 'admin' | 'operator' | 'reviewer' | 'viewer'
export const ROLES: Role[] = ['admin', 'operator', 'reviewer', 'viewer']

export type Purpose = 'eligibility' | 'claim_status'
export type RunStatus = 'queued' | 'running' | 'waiting_for_human' | 'succeeded' | 'failed' | 'canceled'
export type Source = 'clearinghouse' | 'portal' | 'human' | 'demo'
export type RouteChoice = 'auto' | 'clearinghouse' | 'portal'

export interface FieldProblem {
  field: string
  message: string
  row?: number
  line?: number
  column?: string
}

export interface Problem {
  status: number
  title?: string
  detail?: string
  code?: string
  errors?: FieldProblem[]
  retry_after_seconds?: number
}

// ---- people and sessions

export interface UserSession {
  kind: 'user'
  user_id?: string
  username: string
  display_name?: string
  role: Role
  must_change_password?: boolean
  idle_timeout_seconds?: number
}

export interface TokenSession {
  kind: 'token'
  token_id: string
  name: string
  role: Role
}

export type Me = UserSession | TokenSession

export interface LoginResponse extends UserSession {
  csrf_token?: string
  csrf_header?: string
}

export interface User {
  user_id: string
  username: string
  display_name: string
  role: Role
  disabled: boolean
  must_change_password: boolean
  locked_until: string | null
  last_sign_in_at: string | null
  created_at: string
  updated_at: string
}

export interface ApiToken {
  token_id: string
  name: string
  role: Role
  created_by: string | null
  created_at: string
  last_used_at: string | null
  revoked_at: string | null
}

// ---- advice

export interface Advice {
  code: string
  title: string
  explanation: string
  check_fields: string[]
  next_step: string
  retry_later: boolean
}

// ---- runs

export interface RunError {
  code: string
  message: string
  retryable: boolean
  advice?: Advice | null
}

export interface RunSummary {
  run_id: string
  purpose: Purpose
  payer_id: string
  batch_id: string | null
  status: RunStatus
  route: string | null
  attempts: number
  created_at: string
  updated_at: string
  duration_ms: number | null
  error: RunError | null
  source?: Source | null
  rerun_of?: string | null
  member_hint?: string | null
}

export interface Page<T> {
  items: T[]
  next_cursor: string | null
}

export interface TimelineEntry {
  ts: string
  type: string
  detail: string | null
}

export interface Provider {
  npi?: string
  organization_name?: string | null
  first_name?: string | null
  last_name?: string | null
  tax_id?: string | null
}

export interface Person {
  member_id?: string | null
  first_name?: string | null
  last_name?: string | null
  date_of_birth?: string | null
  gender?: string | null
}

export interface Dependent {
  first_name?: string
  last_name?: string
  date_of_birth?: string
  relationship_code?: string | null
}

export interface ClaimReference {
  patient_control_number?: string
  payer_claim_number?: string | null
  service_date_from?: string
  service_date_to?: string
  total_charge?: number | null
}

export interface RunInput {
  provider?: Provider
  subscriber?: Person
  dependent?: Dependent | null
  service_type_codes?: string[] | null
  date_of_service?: string | null
  claim?: ClaimReference
}

export interface Accumulator {
  total: number | null
  remaining: number | null
}

export interface Benefit {
  code: string
  name: string | null
  service_type_codes: string[]
  coverage_level: string | null
  in_network: 'yes' | 'no' | 'unknown' | 'not_applicable' | string | null
  time_period: string | null
  amount: number | null
  percent: number | null
  quantity: number | null
  auth_required: boolean | null
  messages: string[]
  plan_coverage: string | null
  insurance_type: string | null
  procedure_code: string | null
}

export interface AaaError {
  code: string | null
  description: string | null
  follow_up: string | null
  loop: string | null
}

export type CoverageStatus = 'active' | 'inactive' | 'not_found' | 'error' | 'unknown'

export interface EligibilityResult {
  coverage_status: CoverageStatus | null
  payer?: { id: string | null; name: string | null } | null
  plan?: { name: string | null; group_number: string | null; begin: string | null; end: string | null } | null
  subscriber?: Person | null
  benefits?: Benefit[] | null
  copay?: number | null
  coinsurance_percent?: number | null
  deductible?: Accumulator | null
  out_of_pocket?: Accumulator | null
  errors?: AaaError[] | null
  source?: Source | null
}

export interface ServiceLine {
  procedure_code: string | null
  charge: number | null
  paid: number | null
  service_date?: string | null
  status_category_code: string | null
  status_code: string | null
}

export interface Claim {
  payer_claim_number: string | null
  patient_control_number: string | null
  status_category_code: string | null
  status_code: string | null
  entity_code: string | null
  status_description: string | null
  effective_date: string | null
  total_charge: number | null
  amount_paid: number | null
  paid_date: string | null
  check_number: string | null
  service_lines: ServiceLine[] | null
}

export interface ClaimStatusResult {
  claims: Claim[] | null
  errors?: AaaError[] | null
  source?: Source | null
}

export interface RunView {
  run_id: string
  purpose: Purpose
  payer_id: string
  batch_id: string | null
  status: RunStatus
  route: string | null
  requested_route: string | null
  attempts: number
  business_date: string
  idempotency_key: string
  created_at: string
  updated_at: string
  duration_ms: number | null
  input: RunInput | null
  output: EligibilityResult | ClaimStatusResult | null
  error: RunError | null
  timeline: TimelineEntry[]
  rerun_of?: string | null
  reruns?: string[]
  phi_redacted?: boolean
}

export interface RunRequest {
  purpose: Purpose
  payer_id: string
  business_date?: string
  route?: RouteChoice
  input: RunInput
}

export interface RunCreated {
  run_id: string
  status: RunStatus
  idempotency_key: string
  created: boolean
  rerun_of?: string | null
}

export type ArtifactKind = 'screenshot' | 'dom' | 'har' | 'trace' | 'x12' | 'json' | 'manifest' | 'raw'

export interface Artifact {
  artifact_id: string
  kind: ArtifactKind
  step: string
  content_type: string
  size: number
  sha256: string
  url: string | null
  expires_at: string | null
  restricted: boolean
}

// ---- inbox

export type TaskType = 'mfa' | 'captcha' | 'review' | 'credentials'
export type TaskStatus = 'open' | 'claimed' | 'resolved' | 'expired' | 'canceled'
export type TaskAction = 'submit' | 'fail' | 'retry' | 'accept' | 'correct' | 'answer'

export interface Evidence {
  artifact_id: string
  kind: ArtifactKind
  step: string
  url: string | null
  expires_at: string | null
}

export interface Task {
  id: string
  run_id: string
  type: TaskType
  payer_id: string
  purpose: Purpose
  route: string | null
  reason_code: string | null
  prompt: string | null
  status: TaskStatus
  audience: Role[]
  escalation_level: number
  assignee: string | null
  lease_expires_at: string | null
  created_at: string
  due_at: string | null
  resolved_at: string | null
  resolved_by: string | null
  action: string | null
  actions: TaskAction[]
  evidence: Evidence[]
  advice?: Advice | null
  subject?: { member_hint: string | null; name_initials: string | null } | null
  run_status?: RunStatus | null
}

export interface Resolution {
  action: TaskAction
  value?: unknown
  note?: string
}

// ---- batches

export interface BatchCounts {
  total: number
  valid: number
  invalid: number
  pending: number
  queued: number
  running: number
  waiting_for_human: number
  succeeded: number
  failed: number
  canceled: number
}

export type BatchStatus = 'validating' | 'running' | 'completed' | 'canceled' | string

/** An item of GET /batches. The live server lists `total`/`invalid`; the contract names `counts`: both are read. */
export interface BatchListItem {
  batch_id: string
  purpose: Purpose
  payer_id: string | null
  status: BatchStatus
  file_name: string | null
  created_at: string
  finished_at: string | null
  total?: number
  invalid?: number
  counts?: Partial<BatchCounts>
}

export interface Batch {
  batch_id: string
  status: BatchStatus
  purpose: Purpose
  payer_id: string | null
  route: string | null
  format: string | null
  file_name: string | null
  counts: BatchCounts
  progress: number
  created_at: string
  started_at: string | null
  canceled_at: string | null
  finished_at: string | null
  /** The batch whose failed rows this one reruns (POST /batches/{id}/rerun-failed); null for an upload. */
  rerun_of?: string | null
  /** The batches rerunning this one's failed rows, oldest first. */
  reruns?: string[]
}

/** The answer of POST /batches/{id}/rerun-failed: the new batch (or, for a double-click, the one just made). */
export interface BatchRerun {
  batch_id: string
  rerun_of: string
  created: boolean
  rows: number
  status: BatchStatus
  batch: Batch
}

export interface RowProblem {
  row: number | null
  line: number | null
  field: string | null
  column: string | null
  message: string
}

export interface BatchCreated {
  batch_id: string
  status: BatchStatus
  counts: Partial<BatchCounts>
  duplicates?: number
  ignored_columns?: string[]
  errors?: RowProblem[]
}

export interface PreviewColumn {
  name: string
  field: string | null
  suggested_field: string | null
  how: 'alias' | 'mapping' | 'unmapped'
}

export interface BatchPreview {
  format: 'csv' | 'ndjson'
  columns: PreviewColumn[]
  fields: { field: string; label: string; required: boolean }[]
  rows: { row: number; line: number; cells: Record<string, unknown> }[]
  counts: { total: number; valid: number; invalid: number }
  duplicates: number
  errors: RowProblem[]
}

// ---- metrics

export interface DurationFigures {
  count: number
  avg: number | null
  p50: number | null
  p95: number | null
}

export interface MetricsGroup {
  payer_id: string | null
  purpose: Purpose | null
  runs: number
  finished: number
  succeeded: number
  failed: number
  in_progress: number
  automated: number
  human_touched: number
  automation_rate: number | null
  human_touch_rate: number | null
  duration_ms: DurationFigures
  time_to_human_ms: DurationFigures
  time_in_queue_ms: DurationFigures
  failures: Record<string, number>
  qa?: { sampled: number; reviewed: number; agree: number; disagree: number }
  staff_minutes_saved?: number
}

export interface MetricsSummary {
  from: string
  to: string
  totals: MetricsGroup
  by_payer: MetricsGroup[]
  minutes_per_manual_check?: number
}

// ---- payers, flags, audit

export interface RateLimit {
  per_second: number
  burst: number
}

export interface PortalChannel {
  portal: string
  purposes: Purpose[]
  flows?: Record<string, string>
  payer_name?: string | null
  credential?: string | null
  rate_limit?: RateLimit | null
}

export interface MaintenanceWindow {
  channel: string
  day: string
  from: string
  to: string
  zone: string
}

export interface Payer {
  payer_id: string
  name: string
  channels: {
    clearinghouse?: { trading_partner_id?: string; purposes?: Purpose[]; rate_limit?: RateLimit | null } | null
    portals?: PortalChannel[]
  }
  maintenance_windows: MaintenanceWindow[]
}

export interface Flag {
  payer_id: string
  purpose: Purpose
  clearinghouse_enabled: boolean
  portal_enabled: boolean
  prefer: 'clearinghouse' | 'portal'
  human_fallback: boolean
  updated_by?: string | null
  updated_at?: string | null
}

export interface AuditEntry {
  seq: number
  ts: string
  actor: string
  actor_type: string
  action: string
  target_type: string | null
  target_id: string | null
  run_id: string | null
  details: Record<string, unknown> | null
  prev_hash: string
  hash: string
}

/** The first broken place: an entry (seq) and/or a signed checkpoint (the seq it covers), and what was done. */
export interface AuditBroken {
  seq: number | null
  checkpoint: number | null
  kind: 'edited' | 'deleted' | 'inserted' | 'reordered' | 'truncated' | 'rewritten'
    | 'checkpoint_mismatch' | 'checkpoint_forged' | 'checkpoint_missing' | 'epoch_altered'
  reason: string
}

export interface AuditVerify {
  ok: boolean
  entries_checked: number
  first_broken: AuditBroken | null
  keyed_from: number | null
  checkpoints: { checked: number, newest_seq: number | null, newest_at: string | null, entries_after_newest: number }
  checkpoint_store: string
}

// ---- events

export interface LiveEvent {
  type: string
  run_id: string | null
  batch_id: string | null
  payload: Record<string, unknown> | null
  ts: string
  source?: string
}
