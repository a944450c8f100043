import { api, withQuery } from './client'
import type {
  Advice, ApiToken, Artifact, AuditEntry, AuditVerify, Batch, BatchCreated, BatchListItem, BatchRerun, BatchPreview, Flag,
  LoginResponse, Me, MetricsSummary, Page, Payer, Purpose, Resolution, RowProblem, RunCreated, RunRequest, RunStatus,
  RunSummary, RunView, Task, User, Role,
} from './types'

/** Every endpoint the console calls, typed after the contract. */

export const auth = {
  login: (username: string, password: string) =>
    api<LoginResponse>('/auth/login', { method: 'POST', body: { username, password }, skipSessionHandlers: true }),
  me: () => api<Me>('/auth/me', { skipSessionHandlers: true }),
  logout: () => api<void>('/auth/logout', { method: 'POST', skipSessionHandlers: true }),
  changePassword: (current_password: string, new_password: string) =>
    api<void>('/auth/password', { method: 'POST', body: { current_password, new_password } }),
}

export interface RunFilters {
  status?: RunStatus | ''
  payer_id?: string
  purpose?: Purpose | ''
  source?: string
  batch_id?: string
  from?: string
  to?: string
  limit?: number
  cursor?: string
}

export const runs = {
  list: (f: RunFilters, signal?: AbortSignal) => api<Page<RunSummary>>('/runs', { query: { ...f }, signal }),
  get: (id: string, signal?: AbortSignal) => api<RunView>(`/runs/${encodeURIComponent(id)}`, { signal }),
  create: (body: RunRequest) => api<RunCreated>('/runs', { method: 'POST', body }),
  rerun: (id: string) => api<RunCreated>(`/runs/${encodeURIComponent(id)}/rerun`, { method: 'POST' }),
  artifacts: (id: string, signal?: AbortSignal) => api<Artifact[]>(`/runs/${encodeURIComponent(id)}/artifacts`, { signal }),
}

export interface InboxFilters {
  type?: string
  payer_id?: string
  status?: string
  run_id?: string
  limit?: number
}

export const inbox = {
  list: (f: InboxFilters, signal?: AbortSignal) => api<{ items: Task[] }>('/inbox', { query: { ...f }, signal }),
  get: (id: string, signal?: AbortSignal) => api<Task>(`/inbox/${encodeURIComponent(id)}`, { signal }),
  claim: (id: string) => api<Task>(`/inbox/${encodeURIComponent(id)}/claim`, { method: 'POST' }),
  release: (id: string) => api<Task>(`/inbox/${encodeURIComponent(id)}/release`, { method: 'POST' }),
  resolve: (id: string, r: Resolution) => api<Task>(`/inbox/${encodeURIComponent(id)}/resolve`, { method: 'POST', body: r }),
}

export interface UploadParams {
  purpose: Purpose
  payer_id?: string
  route?: string
  mapping?: Record<string, string>
  file_name?: string
}

function uploadQuery(p: UploadParams) {
  return {
    purpose: p.purpose,
    payer_id: p.payer_id,
    route: p.route && p.route !== 'auto' ? p.route : undefined,
    mapping: p.mapping && Object.keys(p.mapping).length > 0 ? JSON.stringify(p.mapping) : undefined,
    file_name: p.file_name,
  }
}

function fileForm(file: File): FormData {
  const form = new FormData()
  form.append('file', file, file.name)
  return form
}

export const batches = {
  list: (cursor?: string, signal?: AbortSignal) =>
    api<{ items: BatchListItem[]; next_cursor?: string | null }>('/batches', { query: { limit: 50, cursor }, signal }),
  get: (id: string, signal?: AbortSignal) => api<Batch>(`/batches/${encodeURIComponent(id)}`, { signal }),
  errors: (id: string, signal?: AbortSignal) => api<RowProblem[]>(`/batches/${encodeURIComponent(id)}/errors`, { signal }),
  preview: (file: File, p: UploadParams) =>
    api<BatchPreview>('/batches/preview', { method: 'POST', query: uploadQuery(p), body: fileForm(file) }),
  start: (file: File, p: UploadParams) =>
    api<BatchCreated>('/batches', { method: 'POST', query: { ...uploadQuery(p), file_name: file.name }, body: fileForm(file) }),
  cancel: (id: string) => api<Batch>(`/batches/${encodeURIComponent(id)}/cancel`, { method: 'POST' }),
  rerunFailed: (id: string) => api<BatchRerun>(`/batches/${encodeURIComponent(id)}/rerun-failed`, { method: 'POST' }),
  resultsPath: (id: string, format: 'csv' | 'json') => withQuery(`/batches/${encodeURIComponent(id)}/results`, { format }),
  errorsPath: (id: string) => withQuery(`/batches/${encodeURIComponent(id)}/errors`, { format: 'csv' }),
}

export const metrics = {
  summary: (from: string, to: string, signal?: AbortSignal) => api<MetricsSummary>('/metrics/summary', { query: { from, to }, signal }),
}

export const admin = {
  users: (signal?: AbortSignal) => api<{ items: User[] }>('/users', { signal }),
  createUser: (body: { username: string; display_name: string; role: Role; password: string; must_change_password?: boolean }) =>
    api<User>('/users', { method: 'POST', body }),
  updateUser: (id: string, body: { role?: Role; display_name?: string; disabled?: boolean }) =>
    api<User>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  resetPassword: (id: string, password: string) =>
    api<User>(`/users/${encodeURIComponent(id)}/password-reset`, { method: 'POST', body: { password } }),
  tokens: (signal?: AbortSignal) => api<ApiToken[]>('/auth/tokens', { signal }),
  issueToken: (name: string, role: Role) => api<{ token_id: string; token: string }>('/auth/tokens', { method: 'POST', body: { name, role } }),
  revokeToken: (id: string) => api<void>(`/auth/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  flags: (signal?: AbortSignal) => api<Flag[]>('/flags', { signal }),
  setFlag: (f: Flag) => api<Flag>(`/flags/${encodeURIComponent(f.payer_id)}/${encodeURIComponent(f.purpose)}`, {
    method: 'PUT',
    body: { clearinghouse_enabled: f.clearinghouse_enabled, portal_enabled: f.portal_enabled, prefer: f.prefer, human_fallback: f.human_fallback },
  }),
  audit: (f: { actor?: string; run_id?: string; action?: string; cursor?: string; limit?: number }, signal?: AbortSignal) =>
    api<Page<AuditEntry>>('/audit', { query: { limit: 50, ...f }, signal }),
  verifyAudit: () => api<AuditVerify>('/audit/verify'),
}

export const reference = {
  payers: (signal?: AbortSignal) => api<Payer[]>('/payers', { signal }),
  advice: (signal?: AbortSignal) => api<{ items: Advice[] }>('/errors/advice', { signal }),
}
