import { describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { stubFetch, type StubRequest } from '../test/fetchStub'
import { renderApp, user } from '../test/render'
import { payers } from '../test/fixtures'
import type { RunSummary } from '../api/types'
import { seriousViolations } from '../test/axe'

const summary = (id: string): RunSummary => ({
  run_id: id, purpose: 'eligibility', payer_id: '87726', batch_id: null, status: 'succeeded', route: 'clearinghouse', attempts: 1,
  created_at: new Date().toISOString(), updated_at: new Date().toISOString(), duration_ms: 954, error: null, source: 'clearinghouse', rerun_of: null, member_hint: '••••2649',
})

describe('runs list', () => {
  it('filters from the address and pages with the cursor', async () => {
    const net = stubFetch({
      'GET /auth/me': user('operator'), 'GET /payers': payers,
      'GET /runs': (req: StubRequest) => ({ body: req.url.searchParams.get('cursor') ? { items: [summary('bbbbbbbb-2')], next_cursor: null } : { items: [summary('aaaaaaaa-1')], next_cursor: 'c1' } }),
    })
    const { container } = renderApp('/runs?status=succeeded&source=portal')
    expect(await screen.findByText('aaaaaaaa')).toBeInTheDocument()
    const first = net.to('GET', '/runs')[0].url.searchParams
    expect(first.get('status')).toBe('succeeded')
    expect(first.get('source')).toBe('portal')
    const row = screen.getByText('aaaaaaaa').closest('tr')!
    expect(within(row).getByText('••••2649')).toBeInTheDocument()
    expect(await seriousViolations(container)).toEqual([])
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(await screen.findByText('bbbbbbbb')).toBeInTheDocument()
    expect(net.to('GET', '/runs').at(-1)!.url.searchParams.get('cursor')).toBe('c1')
    await userEvent.click(screen.getByRole('button', { name: 'Previous' }))
    await waitFor(() => expect(screen.getByText('aaaaaaaa')).toBeInTheDocument())
  })

  it('says so when nothing matches', async () => {
    stubFetch({ 'GET /auth/me': user('viewer'), 'GET /payers': payers, 'GET /runs': { items: [], next_cursor: null } })
    renderApp('/runs?purpose=claim_status')
    expect(await screen.findByText('No run matches these filters')).toBeInTheDocument()
    expect(screen.queryByRole('link', { name: 'New check' })).not.toBeInTheDocument()
  })
})
