import { describe, expect, it } from 'vitest'
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { problem, stubFetch } from '../test/fetchStub'
import { renderApp, user } from '../test/render'

describe('account', () => {
  it('checks the new password and shows the server’s field errors', async () => {
    const net = stubFetch({
      'GET /auth/me': user('operator'),
      'POST /auth/password': problem(400, 'validation_failed', 'invalid', { errors: [{ field: 'current_password', message: 'is not correct' }] }),
    })
    renderApp('/account')
    await userEvent.type(await screen.findByLabelText('Current password'), 'old-password-1')
    await userEvent.type(screen.getByLabelText('New password'), 'short')
    await userEvent.type(screen.getByLabelText('Repeat new password'), 'other')
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }))
    expect(screen.getByText('Use at least 12 characters.')).toBeInTheDocument()
    expect(screen.getByText('The two new passwords do not match.')).toBeInTheDocument()
    expect(net.to('POST', '/auth/password')).toHaveLength(0)
    await userEvent.clear(screen.getByLabelText('New password'))
    await userEvent.type(screen.getByLabelText('New password'), 'a-much-better-password')
    await userEvent.clear(screen.getByLabelText('Repeat new password'))
    await userEvent.type(screen.getByLabelText('Repeat new password'), 'a-much-better-password')
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }))
    expect(await screen.findByText('is not correct')).toBeInTheDocument()
    expect(net.to('POST', '/auth/password')[0].body).toEqual({ current_password: 'old-password-1', new_password: 'a-much-better-password' })
  })

  it('after a forced change, goes on to the person’s start page', async () => {
    let forced = true
    stubFetch({
      'GET /auth/me': () => ({ body: user('viewer', { must_change_password: forced } as never) }),
      'POST /auth/password': () => { forced = false; return { status: 204 } },
      'GET /runs': { items: [], next_cursor: null }, 'GET /payers': [],
    })
    const { router } = renderApp('/account')
    await userEvent.type(await screen.findByLabelText('Current password'), 'temporary-password')
    await userEvent.type(screen.getByLabelText('New password'), 'my-own-password-99')
    await userEvent.type(screen.getByLabelText('Repeat new password'), 'my-own-password-99')
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/runs'))
  })
})
