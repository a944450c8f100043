import { describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { problem, stubFetch, type StubRequest } from '../test/fetchStub'
import { renderApp, user } from '../test/render'
import { payers } from '../test/fixtures'
import type { User } from '../api/types'
import { seriousViolations } from '../test/axe'

const rita: User = {
  user_id: 'u2', username: 'rita', display_name: 'Rita Reviewer', role: 'reviewer', disabled: false, must_change_password: false,
  locked_until: null, last_sign_in_at: null, created_at: '2026-12-01T00:00:00Z', updated_at: '2026-12-01T00:00:00Z',
}

describe('admin', () => {
  it('creates a person and shows the server’s field problems', async () => {
    const net = stubFetch({
      'GET /auth/me': user('admin'), 'GET /payers': payers, 'GET /users': { items: [rita] },
      'POST /users': problem(400, 'validation_failed', 'invalid', { errors: [{ field: 'password', message: 'is too common' }] }),
    })
    const { container } = renderApp('/admin')
    expect(await screen.findByText('Rita Reviewer')).toBeInTheDocument()
    expect(await seriousViolations(container)).toEqual([])
    await userEvent.type(screen.getByLabelText('Username'), 'omar')
    await userEvent.type(screen.getByLabelText('Display name'), 'Omar Operator')
    await userEvent.type(screen.getByLabelText('Temporary password'), 'password1234')
    await userEvent.click(screen.getByRole('button', { name: 'Add person' }))
    expect(await screen.findByText('Password is too common')).toBeInTheDocument()
    expect(net.to('POST', '/users')[0].body).toEqual({ username: 'omar', display_name: 'Omar Operator', role: 'operator', password: 'password1234', must_change_password: true })
  })

  it('changes a role, disables a person and resets a password', async () => {
    const net = stubFetch({
      'GET /auth/me': user('admin'), 'GET /payers': payers, 'GET /users': { items: [rita] },
      'PATCH /users/u2': rita, 'POST /users/u2/password-reset': { ...rita, must_change_password: true },
    })
    renderApp('/admin?tab=users')
    await userEvent.selectOptions(await screen.findByLabelText('Role of rita'), 'operator')
    await waitFor(() => expect(net.to('PATCH', '/users/u2')[0]?.body).toEqual({ role: 'operator' }))
    await userEvent.click(screen.getByRole('button', { name: 'Disable rita' }))
    await waitFor(() => expect(net.to('PATCH', '/users/u2')[1]?.body).toEqual({ disabled: true }))
    await userEvent.click(screen.getByRole('button', { name: 'Reset password of rita' }))
    await userEvent.type(screen.getByLabelText('New temporary password for rita'), 'a-long-temporary-pw')
    await userEvent.click(screen.getByRole('button', { name: 'Set temporary password' }))
    await waitFor(() => expect(net.to('POST', '/users/u2/password-reset')[0]?.body).toEqual({ password: 'a-long-temporary-pw' }))
    expect(await screen.findByText(/must choose a new one at the next sign-in/)).toBeInTheDocument()
  })

  it('shows an issued token once', async () => {
    stubFetch({
      'GET /auth/me': user('admin'), 'GET /payers': payers, 'GET /auth/tokens': [],
      'POST /auth/tokens': { status: 201, body: { token_id: 't1', token: 'rcm_secret_value' } },
    })
    renderApp('/admin?tab=tokens')
    await userEvent.type(await screen.findByLabelText('Name'), 'nightly sync')
    await userEvent.click(screen.getByRole('button', { name: 'Issue token' }))
    expect(await screen.findByLabelText('New token')).toHaveTextContent('rcm_secret_value')
    expect(screen.getByRole('button', { name: 'Copy' })).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Done' }))
    expect(screen.queryByText('rcm_secret_value')).not.toBeInTheDocument()
  })

  it('saves a routing flag with all four switches', async () => {
    const net = stubFetch({ 'GET /auth/me': user('admin'), 'GET /payers': payers, 'GET /flags': [], 'PUT /flags/60054/eligibility': {} })
    renderApp('/admin?tab=flags')
    const sw = await screen.findByRole('switch', { name: 'Portal for Aetna Eligibility' })
    expect(sw).toHaveAttribute('aria-checked', 'true')
    await userEvent.click(sw)
    await userEvent.click(screen.getByRole('button', { name: 'Save flags for Aetna Eligibility' }))
    await waitFor(() => expect(net.to('PUT', '/flags/60054/eligibility')[0]?.body).toEqual({
      clearinghouse_enabled: true, portal_enabled: false, prefer: 'clearinghouse', human_fallback: true,
    }))
  })

  it('verifies the audit chain and pages the log', async () => {
    const entry = (seq: number) => ({ seq, ts: '2026-12-02T07:00:00Z', actor: 'ada', actor_type: 'user', action: 'auth.login', target_type: 'user', target_id: 'ada', run_id: null, details: {}, prev_hash: 'a', hash: 'b' })
    const net = stubFetch({
      'GET /auth/me': user('admin'), 'GET /payers': payers,
      'GET /audit': (req: StubRequest) => ({ body: req.url.searchParams.get('cursor') ? { items: [entry(1)], next_cursor: null } : { items: [entry(2)], next_cursor: '1' } }),
      'GET /audit/verify': {
        ok: false, entries_checked: 18, keyed_from: 1, checkpoint_store: 'filesystem',
        first_broken: { seq: 7, checkpoint: null, kind: 'inserted', reason: 'entry 7 was not written by the server' },
        checkpoints: { checked: 1, newest_seq: 10, newest_at: '2026-12-02T07:00:00Z', entries_after_newest: 0 },
      },
    })
    renderApp('/admin?tab=audit')
    const table = await screen.findByRole('table')
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('2')
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    await waitFor(() => expect(net.to('GET', '/audit').at(-1)!.url.searchParams.get('cursor')).toBe('1'))
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(/broken at entry #7 \(an entry was added\): entry 7 was not written by the server/)
  })
})
