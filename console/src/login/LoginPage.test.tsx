import { describe, expect, it } from 'vitest'
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { problem, reply, stubFetch } from '../test/fetchStub'
import { renderApp, user } from '../test/render'
import { seriousViolations } from '../test/axe'

describe('sign-in', () => {
  it('has labelled fields and a Sign in button, and no serious accessibility problem', async () => {
    stubFetch({})
    const { container } = renderApp('/login')
    expect(screen.getByLabelText('Username')).toBeInTheDocument()
    expect(screen.getByLabelText('Password')).toHaveAttribute('type', 'password')
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument()
    expect(await seriousViolations(container)).toEqual([])
  })

  it('tells a person signed out for inactivity why', async () => {
    stubFetch({})
    renderApp('/login?next=%2Finbox&reason=idle')
    expect(screen.getByRole('status')).toHaveTextContent('signed out after 30 minutes without activity')
  })

  it('sends the person to sign in, saying why, when the server ends an idle session', async () => {
    stubFetch({ 'GET /auth/me': problem(401, 'session_expired', 'signed out after 30 minutes without activity') })
    renderApp('/runs')
    expect(await screen.findByText(/You were signed out after 30 minutes/)).toBeInTheDocument()
    expect(screen.getByLabelText('Username')).toBeInTheDocument()
  })

  it('says the username or password is wrong on 401', async () => {
    stubFetch({ 'POST /auth/login': problem(401, 'bad_credentials', 'bad username or password') })
    renderApp('/login')
    await userEvent.type(screen.getByLabelText('Username'), 'ada')
    await userEvent.type(screen.getByLabelText('Password'), 'wrong-password-123')
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password.')
    expect(screen.getByLabelText('Password')).toHaveValue('')
  })

  it('says the account is locked and when to try again on 429', async () => {
    stubFetch({
      'POST /auth/login': problem(429, 'account_locked', 'account locked', { retry_after_seconds: 900 }, { 'Retry-After': '900' }),
    })
    renderApp('/login')
    await userEvent.type(screen.getByLabelText('Username'), 'ada')
    await userEvent.type(screen.getByLabelText('Password'), 'wrong-password-123')
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('This account is locked')
    expect(alert).toHaveTextContent('Try again in 15 minutes')
  })

  it('slowed clients are told the seconds to wait', async () => {
    stubFetch({ 'POST /auth/login': problem(429, 'too_many_attempts', 'slow down', {}, { 'Retry-After': '30' }) })
    renderApp('/login')
    await userEvent.type(screen.getByLabelText('Username'), 'ada')
    await userEvent.type(screen.getByLabelText('Password'), 'x')
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Try again in 30 seconds')
  })

  it('signs in and returns to the page the person was sent away from', async () => {
    let signedIn = false
    const net = stubFetch({
      'GET /auth/me': () => (signedIn ? reply(200, user('operator')) : problem(401, 'unauthenticated', 'sign in')),
      'POST /auth/login': () => {
        signedIn = true
        document.cookie = 'XSRF-TOKEN=tok-1; path=/'
        return reply(200, { ...user('operator'), csrf_token: 'tok-1', csrf_header: 'X-XSRF-TOKEN' })
      },
      'GET /runs': { items: [], next_cursor: null },
      'GET /payers': [],
    })
    const { router } = renderApp('/runs?status=failed')
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'))
    expect(router.state.location.search).toContain(encodeURIComponent('/runs?status=failed'))
    // the sign-in page is loaded lazily: the address changes before its form is there
    await userEvent.type(await screen.findByLabelText('Username'), 'operator1')
    await userEvent.type(screen.getByLabelText('Password'), 'a-good-password')
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/runs'))
    expect(router.state.location.search).toBe('?status=failed')
    expect(net.to('POST', '/auth/login')[0].body).toEqual({ username: 'operator1', password: 'a-good-password' })
  })
})
