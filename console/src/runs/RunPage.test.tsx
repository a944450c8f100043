import { describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { stubFetch } from '../test/fetchStub'
import { renderApp, user } from '../test/render'
import { eligibilityRun, payers } from '../test/fixtures'
import { FakeEventSource } from '../test/fakeEventSource'
import { seriousViolations } from '../test/axe'
import { act } from 'react'
import type { Artifact } from '../api/types'

const shot = (step: string): Artifact => ({ artifact_id: `s-${step}`, kind: 'screenshot', step, content_type: 'image/png', size: 1000, sha256: 'x', url: `/artifacts/s-${step}/download?sig=1`, expires_at: null, restricted: false })
const dom = (step: string): Artifact => ({ ...shot(step), artifact_id: `d-${step}`, kind: 'dom', content_type: 'text/html', url: `/artifacts/d-${step}/download?sig=1` })

describe('run page', () => {
  it('reads the answer like a biller: coverage, plan, deductible as used of total, costs by service type', async () => {
    stubFetch({ 'GET /auth/me': user('operator'), 'GET /payers': payers, 'GET /runs/r-1': eligibilityRun(), 'GET /runs/r-1/artifacts': [] })
    const { container } = renderApp('/runs/r-1')
    expect(await screen.findByText('Active coverage')).toBeInTheDocument()
    expect(screen.getByText('SIM Choice Plus PPO')).toBeInTheDocument()
    const deductible = screen.getByRole('meter', { name: 'Deductible used' })
    expect(deductible).toHaveAttribute('aria-valuenow', '120')
    expect(deductible).toHaveAttribute('aria-valuemax', '500')
    expect(screen.getByText('$120 used of $500')).toBeInTheDocument()
    const oop = screen.getByRole('meter', { name: 'Out-of-pocket maximum used' })
    expect(oop).toHaveAttribute('aria-valuenow', '100')
    expect(oop).toHaveAttribute('aria-valuemax', '3000')
    const costs = screen.getByText('Copay and coinsurance by service type').nextElementSibling as HTMLElement
    expect(within(costs).getByText('Professional (physician) visit – office (98)').closest('tr')).toHaveTextContent('$10')
    expect(within(costs).getByText('Health benefit plan coverage (30)').closest('tr')).toHaveTextContent('Out of network')
    expect(within(costs).getByText('Health benefit plan coverage (30)').closest('tr')).toHaveTextContent('30.0%')
    expect(screen.getByText('Route chosen: clearinghouse')).toBeInTheDocument()
    expect(await seriousViolations(container)).toEqual([])
  })

  it('toggles the raw JSON', async () => {
    stubFetch({ 'GET /auth/me': user('operator'), 'GET /payers': payers, 'GET /runs/r-1': eligibilityRun(), 'GET /runs/r-1/artifacts': [] })
    renderApp('/runs/r-1')
    const toggle = await screen.findByRole('button', { name: 'Raw JSON' })
    expect(toggle).toHaveAttribute('aria-pressed', 'false')
    await userEvent.click(toggle)
    expect(toggle).toHaveAttribute('aria-pressed', 'true')
    const raw = screen.getByLabelText('Raw JSON of the run')
    expect(JSON.parse(raw.textContent!).output.deductible).toEqual({ total: 500, remaining: 380 })
    await userEvent.click(toggle)
    expect(screen.queryByLabelText('Raw JSON of the run')).not.toBeInTheDocument()
    expect(screen.getByText('Active coverage')).toBeInTheDocument()
  })

  it('shows the steps as a filmstrip with the DOM snapshot in a sandboxed frame', async () => {
    stubFetch({
      'GET /auth/me': user('admin'), 'GET /payers': payers, 'GET /runs/r-1': eligibilityRun({ route: 'portal' }),
      'GET /runs/r-1/artifacts': [shot('001-navigate'), dom('001-navigate'), shot('003-fill'), dom('003-fill'),
        { ...shot('run'), artifact_id: 'h', kind: 'har', restricted: true, url: null }],
    })
    renderApp('/runs/r-1')
    expect(await screen.findByAltText('Screenshot of step 003-fill')).toBeInTheDocument()
    expect(screen.getByAltText('Screenshot of step 001-navigate')).toBeInTheDocument()
    const frame = await screen.findByTitle('Page snapshot of step 003-fill')
    expect(frame).toHaveAttribute('sandbox', '')
    expect(frame.getAttribute('src')).toMatch(/^\/artifacts\/d-003-fill\/download\?.*inline=true$/)
    expect(screen.getByRole('link', { name: /Download HAR \(raw, audited\)/ })).toHaveAttribute('href', '/artifacts/h/raw')
  })

  it('Rerun creates a linked run and goes to it', async () => {
    const net = stubFetch({
      'GET /auth/me': user('operator'), 'GET /payers': payers,
      'GET /runs/r-1': eligibilityRun({ reruns: [] }), 'GET /runs/r-1/artifacts': [],
      'POST /runs/r-1/rerun': { status: 201, body: { run_id: 'r-2', status: 'queued', idempotency_key: 'k2', created: true, rerun_of: 'r-1' } },
      'GET /runs/r-2': eligibilityRun({ run_id: 'r-2', status: 'running', output: null, rerun_of: 'r-1' }), 'GET /runs/r-2/artifacts': [],
    })
    const { router } = renderApp('/runs/r-1')
    await userEvent.click(await screen.findByRole('button', { name: 'Rerun' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/runs/r-2'))
    expect(net.to('POST', '/runs/r-1/rerun')).toHaveLength(1)
    expect(await screen.findByText(/This is a rerun of/)).toBeInTheDocument()
  })

  it('follows the run live: a run event refetches it', async () => {
    let view = eligibilityRun({ status: 'running', output: null })
    stubFetch({ 'GET /auth/me': user('operator'), 'GET /payers': payers, 'GET /runs/r-1': () => ({ body: view }), 'GET /runs/r-1/artifacts': [] })
    renderApp('/runs/r-1')
    expect(await screen.findByText('Running')).toBeInTheDocument()
    view = eligibilityRun()
    act(() => FakeEventSource.latest().emit('run.succeeded', { run_id: 'r-1', batch_id: null, payload: {} }))
    expect(await screen.findByText('Active coverage')).toBeInTheDocument()
  })

  it('hides patient details from viewers', async () => {
    stubFetch({ 'GET /auth/me': user('viewer'), 'GET /payers': payers, 'GET /runs/r-1': eligibilityRun({ input: null, output: null, phi_redacted: true }) })
    renderApp('/runs/r-1')
    expect(await screen.findByText('Patient details and the answer are hidden for your role.')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Rerun' })).not.toBeInTheDocument()
    expect(screen.queryByText('Evidence')).not.toBeInTheDocument()
  })
})
