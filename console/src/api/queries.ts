import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { admin, batches, inbox, metrics, reference, runs, type InboxFilters, type RunFilters } from './endpoints'

// Query keys: live events invalidate by these prefixes (see app/live.tsx).
//   ['runs', filters] · ['run', id] · ['run', id, 'artifacts'] · ['inbox', filters] · ['task', id]
//   ['batches', cursor] · ['batch', id] · ['batch', id, 'errors'] · ['metrics', from, to] · ['payers'] · …

export function usePayers() {
  return useQuery({ queryKey: ['payers'], queryFn: ({ signal }) => reference.payers(signal), staleTime: 5 * 60_000 })
}

export function usePayerName(): (id: string | null | undefined) => string {
  const payers = usePayers()
  return (id) => {
    if (!id) return '—'
    return payers.data?.find((p) => p.payer_id === id)?.name ?? id
  }
}

export function useRuns(filters: RunFilters) {
  return useQuery({ queryKey: ['runs', filters], queryFn: ({ signal }) => runs.list(filters, signal), placeholderData: keepPreviousData })
}

export function useRun(id: string | undefined) {
  return useQuery({ queryKey: ['run', id], queryFn: ({ signal }) => runs.get(id!, signal), enabled: !!id })
}

export function useArtifacts(id: string | undefined, enabled = true) {
  return useQuery({ queryKey: ['run', id, 'artifacts'], queryFn: ({ signal }) => runs.artifacts(id!, signal), enabled: !!id && enabled })
}

export function useInbox(filters: InboxFilters) {
  return useQuery({ queryKey: ['inbox', filters], queryFn: ({ signal }) => inbox.list(filters, signal), placeholderData: keepPreviousData })
}

export function useTask(id: string | undefined) {
  return useQuery({ queryKey: ['task', id], queryFn: ({ signal }) => inbox.get(id!, signal), enabled: !!id })
}

export function useBatches(cursor?: string) {
  return useQuery({ queryKey: ['batches', cursor ?? ''], queryFn: ({ signal }) => batches.list(cursor, signal) })
}

export function useBatch(id: string | undefined) {
  return useQuery({ queryKey: ['batch', id], queryFn: ({ signal }) => batches.get(id!, signal), enabled: !!id })
}

export function useBatchErrors(id: string | undefined) {
  return useQuery({ queryKey: ['batch', id, 'errors'], queryFn: ({ signal }) => batches.errors(id!, signal), enabled: !!id })
}

export function useMetrics(from: string, to: string) {
  return useQuery({ queryKey: ['metrics', from, to], queryFn: ({ signal }) => metrics.summary(from, to, signal), placeholderData: keepPreviousData })
}

export function useUsers() {
  return useQuery({ queryKey: ['users'], queryFn: ({ signal }) => admin.users(signal) })
}

export function useTokens() {
  return useQuery({ queryKey: ['tokens'], queryFn: ({ signal }) => admin.tokens(signal) })
}

export function useFlags() {
  return useQuery({ queryKey: ['flags'], queryFn: ({ signal }) => admin.flags(signal) })
}
