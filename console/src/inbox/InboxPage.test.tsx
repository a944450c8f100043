import { afterEach, describe, expect, it, vi } from 'vitest'
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { stubFetch } from '../test/fetchStub'
import { renderApp, user } from '../test/render'
import { payers, task } from '../test/fixtures'
import { FakeEventSource } from '../test/fakeEventSource'
import { seriousViolations } from '../test/axe'

function bodyRows() {
  const table = screen.getByRole('table')
  return within(table).getAllByRole('row').slice(1)
}

describe('inbox', () => {
  afterEach(() => vi.useRealTimers())

  it('shows one row per task, counts per type, masked members, and no serious accessibility problem', async () => {
    stubFetch({
      'GET /auth/me': user('reviewer'),
      'GET /payers': payers,
      'GET /inbox': { items: [task({ id: 'a' }), task({ id: 'b', type: 'mfa', reason_code: 'mfa_required', advice: null }), task({ id: 'c', type: 'mfa', advice: null })] },
    })
    const { container } = renderApp('/inbox')
    await screen.findByRole('table')
    expect(bodyRows()).toHaveLength(3)
    expect(screen.getByTestId('count-All')).toHaveTextContent('3')
    expect(screen.getByTestId('count-MFA code')).toHaveTextContent('2')
    expect(screen.getByTestId('count-Review')).toHaveTextContent('1')
    expect(screen.getByTestId('count-CAPTCHA')).toHaveTextContent('0')
    expect(bodyRows()[0]).toHaveTextContent('••••2649')
    expect(bodyRows()[0]).toHaveTextContent('UnitedHealthcare')
    expect(await seriousViolations(container)).toEqual([])
  })

  it('filters by type without losing the counts', async () => {
    stubFetch({
      'GET /auth/me': user('reviewer'), 'GET /payers': payers,
      'GET /inbox': { items: [task({ id: 'a' }), task({ id: 'b', type: 'mfa' })] },
    })
    renderApp('/inbox?type=mfa')
    await screen.findByRole('table')
    expect(bodyRows()).toHaveLength(1)
    expect(screen.getByTestId('count-All')).toHaveTextContent('2')
  })

  it('counts down every second and turns red once the SLA is breached', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setInterval', 'clearInterval', 'Date'] })
    stubFetch({
      'GET /auth/me': user('reviewer'), 'GET /payers': payers,
      'GET /inbox': { items: [task({ id: 'a', due_at: new Date(Date.now() + 3_000).toISOString() })] },
    })
    renderApp('/inbox')
    await screen.findByRole('table')
    const cell = () => bodyRows()[0].querySelector('[data-breached]') as HTMLElement
    expect(cell()).toHaveAttribute('data-breached', 'false')
    expect(cell()).toHaveTextContent(/left/)
    await act(async () => { vi.advanceTimersByTime(5_000) })
    await waitFor(() => expect(cell()).toHaveAttribute('data-breached', 'true'))
    expect(cell()).toHaveTextContent(/Overdue/)
    expect(cell().className).toMatch(/text-red/)
  })

  it('moves with j and k and opens with Enter', async () => {
    stubFetch({
      'GET /auth/me': user('reviewer'), 'GET /payers': payers,
      'GET /inbox': { items: [task({ id: 'a' }), task({ id: 'b' }), task({ id: 'c' })] },
      'GET /inbox/b': task({ id: 'b' }),
      'GET /runs/r-1': { run_id: 'r-1' },
    })
    const { router } = renderApp('/inbox')
    await screen.findByRole('table')
    expect(bodyRows()[0]).toHaveAttribute('aria-current', 'true')
    fireEvent.keyDown(window, { key: 'j' })
    fireEvent.keyDown(window, { key: 'j' })
    expect(bodyRows()[2]).toHaveAttribute('aria-current', 'true')
    fireEvent.keyDown(window, { key: 'k' })
    expect(bodyRows()[1]).toHaveAttribute('aria-current', 'true')
    expect(document.activeElement).toBe(bodyRows()[1])
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' })
    await waitFor(() => expect(router.state.location.pathname).toBe('/inbox/b'))
  })

  it('shows a new task live when the server announces it', async () => {
    let items = [task({ id: 'a' })]
    stubFetch({ 'GET /auth/me': user('reviewer'), 'GET /payers': payers, 'GET /inbox': () => ({ status: 200, body: { items } }) })
    renderApp('/inbox')
    await screen.findByRole('table')
    expect(bodyRows()).toHaveLength(1)
    items = [...items, task({ id: 'new', type: 'mfa' })]
    act(() => FakeEventSource.latest().emit('inbox.created', { run_id: 'r-2', payload: { breakpoint_id: 'new', type: 'mfa' } }))
    await waitFor(() => expect(bodyRows()).toHaveLength(2))
    expect(screen.getByText('Live')).toBeInTheDocument()
  })

  it('claims a task and says when someone else holds it', async () => {
    const net = stubFetch({
      'GET /auth/me': user('reviewer'), 'GET /payers': payers, 'GET /inbox': { items: [task({ id: 'a' })] },
      'POST /inbox/a/claim': { status: 409, body: { status: 409, code: 'task_claimed', detail: 'held by rita' }, headers: { 'Content-Type': 'application/problem+json' } },
    })
    renderApp('/inbox')
    await screen.findByRole('table')
    fireEvent.click(screen.getByRole('button', { name: /Claim task/ }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Someone else is already working on this task')
    expect(net.to('POST', '/inbox/a/claim')).toHaveLength(1)
  })

  it('offers Retry when the inbox cannot be loaded', async () => {
    stubFetch({ 'GET /auth/me': user('reviewer'), 'GET /payers': payers, 'GET /inbox': { status: 500, body: { status: 500, detail: 'boom' } } })
    renderApp('/inbox')
    expect(await screen.findByText(/The server had a problem loading the inbox/)).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument()
  })
})
