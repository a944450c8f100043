import { describe, expect, it } from 'vitest'
import { screen, waitFor, within } from '@testing-library/react'
import { problem, stubFetch } from '../test/fetchStub'
import { renderApp, user } from '../test/render'
import type { Role } from '../api/types'

const expected: Record<Role, string[]> = {
  admin: ['Inbox', 'Runs', 'Batches', 'Metrics', 'Admin'],
  operator: ['Inbox', 'Runs', 'Batches', 'Metrics'],
  reviewer: ['Inbox', 'Runs', 'Batches', 'Metrics'],
  viewer: ['Runs', 'Batches', 'Metrics'],
}

describe('navigation per role', () => {
  for (const role of Object.keys(expected) as Role[]) {
    it(`shows ${role} only what the role may use, with name, role and Sign out`, async () => {
      stubFetch({ 'GET /auth/me': user(role), 'GET /runs': { items: [], next_cursor: null }, 'GET /payers': [] })
      renderApp('/runs')
      const nav = await screen.findByRole('navigation', { name: 'Main' })
      const links = within(nav).getAllByRole('link').map((a) => a.textContent)
      expect(links).toEqual(expected[role])
      const header = screen.getByRole('banner')
      expect(header).toHaveTextContent(user(role).kind === 'user' ? (user(role) as { display_name: string }).display_name : '')
      expect(within(header).getByRole('button', { name: 'Sign out' })).toBeInTheDocument()
      expect(screen.getByRole('main')).toBeInTheDocument()
    })
  }

  it('refuses a page the role may not use', async () => {
    stubFetch({ 'GET /auth/me': user('viewer') })
    renderApp('/admin')
    expect(await screen.findByText('Not available for your role')).toBeInTheDocument()
  })

  it('sends a person who must change their password to /account', async () => {
    stubFetch({ 'GET /auth/me': user('operator', { must_change_password: true } as never) })
    const { router } = renderApp('/runs')
    await waitFor(() => expect(router.state.location.pathname).toBe('/account'))
    expect(await screen.findByText(/Choose your own password to continue/)).toBeInTheDocument()
  })

  it('sends the person to /account when any API answers password_change_required', async () => {
    stubFetch({
      'GET /auth/me': user('operator'),
      'GET /runs': problem(403, 'password_change_required', 'change your password first'),
      'GET /payers': [],
    })
    const { router } = renderApp('/runs')
    await waitFor(() => expect(router.state.location.pathname).toBe('/account'))
  })
})
