import { afterEach, describe, expect, it, vi } from 'vitest'
import { api, ApiError, setSessionHandlers } from './client'
import { noteInteraction } from './activity'
import { problem, stubFetch } from '../test/fetchStub'

describe('API client', () => {
  afterEach(() => setSessionHandlers(null))

  it('sends Accept JSON, same-origin credentials, and the CSRF cookie on unsafe methods only', async () => {
    document.cookie = 'XSRF-TOKEN=abc%3D123; path=/'
    const net = stubFetch({ 'POST /runs': { run_id: 'r' }, 'GET /runs': { items: [] } })
    await api('/runs', { method: 'POST', body: { a: 1 } })
    await api('/runs')
    const [post, get] = net.calls
    expect(post.headers['accept']).toBe('application/json')
    expect(post.headers['x-xsrf-token']).toBe('abc=123')
    expect(post.headers['content-type']).toBe('application/json')
    expect(post.init?.credentials).toBe('same-origin')
    expect(get.headers['x-xsrf-token']).toBeUndefined()
  })

  it('turns problem+json into a typed error with code, detail, field errors and Retry-After', async () => {
    stubFetch({
      'POST /runs': problem(400, 'validation_failed', 'request is invalid', { errors: [{ field: 'input.provider.npi', message: 'is not a valid NPI' }] }, { 'Retry-After': '12' }),
    })
    const err = (await api('/runs', { method: 'POST', body: {} }).catch((e: unknown) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(400)
    expect(err.code).toBe('validation_failed')
    expect(err.detail).toBe('request is invalid')
    expect(err.fieldMessage('input.provider.npi')).toBe('is not a valid NPI')
    expect(err.retryAfterSeconds).toBe(12)
  })

  it('calls the session handlers on 401 and on 403 password_change_required', async () => {
    const onUnauthorized = vi.fn()
    const onPasswordChangeRequired = vi.fn()
    setSessionHandlers({ onUnauthorized, onPasswordChangeRequired })
    stubFetch({ 'GET /a': problem(401, 'unauthenticated', 'x'), 'GET /b': problem(403, 'password_change_required', 'y'), 'GET /c': problem(403, 'forbidden', 'z') })
    await api('/a').catch(() => {})
    await api('/b').catch(() => {})
    await api('/c').catch(() => {})
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
    expect(onUnauthorized).toHaveBeenCalledWith('unauthenticated')
    expect(onPasswordChangeRequired).toHaveBeenCalledTimes(1)
  })

  it('marks reads made while nobody is at the console as background, so they cannot keep the session alive', async () => {
    const net = stubFetch({ 'GET /inbox': { items: [] }, 'POST /inbox/t/claim': {} })
    noteInteraction(Date.now())
    await api('/inbox')
    noteInteraction(Date.now() - 61_000)
    await api('/inbox')
    await api('/inbox/t/claim', { method: 'POST' })
    expect(net.calls[0].headers['x-rcm-background']).toBeUndefined()
    expect(net.calls[1].headers['x-rcm-background']).toBe('1')
    expect(net.calls[2].headers['x-rcm-background']).toBeUndefined()
  })
})
