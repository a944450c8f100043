import { describe, expect, it } from 'vitest'
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { problem, stubFetch } from '../test/fetchStub'
import { renderApp, user } from '../test/render'
import { eligibilityRun, payers, task } from '../test/fixtures'
import { seriousViolations } from '../test/axe'

describe('task page', () => {
  it('MFA: the Code field has focus and Submit posts {action: "submit", value}', async () => {
    const mfa = task({
      id: 'm1', type: 'mfa', actions: ['submit', 'fail'], advice: null, prompt: 'enter the code sent to the practice phone',
      evidence: [{ artifact_id: 's1', kind: 'screenshot', step: '003-fill', url: '/artifacts/s1/download?sig=1', expires_at: null }],
    })
    const net = stubFetch({
      'GET /auth/me': user('reviewer'), 'GET /payers': payers, 'GET /inbox/m1': mfa, 'GET /runs/r-1': eligibilityRun({ status: 'waiting_for_human' }),
      'POST /inbox/m1/resolve': { ...mfa, status: 'resolved' },
      'GET /runs/r-1/artifacts': [],
    })
    const { container, router } = renderApp('/inbox/m1')
    const code = await screen.findByLabelText('Code')
    expect(code).toHaveFocus()
    expect(screen.getByAltText('Screenshot of step 003-fill')).toHaveAttribute('src', '/artifacts/s1/download?sig=1')
    expect(screen.getByText('••••2649')).toBeInTheDocument()
    expect(await seriousViolations(container)).toEqual([])
    await userEvent.type(code, '123456')
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }))
    await waitFor(() => expect(net.to('POST', '/inbox/m1/resolve')).toHaveLength(1))
    expect(net.to('POST', '/inbox/m1/resolve')[0].body).toEqual({ action: 'submit', value: '123456' })
    await waitFor(() => expect(router.state.location.pathname).toBe('/runs/r-1'))
  })

  it('MFA: refuses a code of the wrong shape before sending', async () => {
    const mfa = task({ id: 'm1', type: 'mfa', actions: ['submit', 'fail'] })
    const net = stubFetch({ 'GET /auth/me': user('reviewer'), 'GET /payers': payers, 'GET /inbox/m1': mfa, 'GET /runs/r-1': eligibilityRun() })
    renderApp('/inbox/m1')
    await userEvent.type(await screen.findByLabelText('Code'), '12')
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }))
    expect(await screen.findByText(/4 to 12 letters or digits/)).toBeInTheDocument()
    expect(net.to('POST', '/inbox/m1/resolve')).toHaveLength(0)
  })

  it('review: shows the five actions and the advice with the fields to check first', async () => {
    stubFetch({ 'GET /auth/me': user('reviewer'), 'GET /payers': payers, 'GET /inbox/t-1': task(), 'GET /runs/r-1': eligibilityRun({ status: 'waiting_for_human' }) })
    renderApp('/inbox/t-1')
    for (const name of ['Accept', 'Correct', 'Answer', 'Retry', 'Fail']) expect(await screen.findByRole('button', { name })).toBeInTheDocument()
    expect(screen.getByText('Member ID not recognised', { selector: 'p' })).toBeInTheDocument()
    expect(screen.getByText('Member ID', { selector: 'mark' })).toBeInTheDocument()
  })

  it('review: Correct is pre-filled from the run, sends a merge patch, and shows the server’s field errors', async () => {
    const net = stubFetch({
      'GET /auth/me': user('reviewer'), 'GET /payers': payers, 'GET /inbox/t-1': task(), 'GET /runs/r-1': eligibilityRun({ status: 'waiting_for_human' }),
      'POST /inbox/t-1/resolve': problem(400, 'validation_failed', 'answer is invalid', { errors: [{ field: 'value.subscriber.member_id', message: 'is not a member id this payer uses' }] }),
    })
    renderApp('/inbox/t-1')
    await userEvent.click(await screen.findByRole('button', { name: 'Correct' }))
    const member = await screen.findByLabelText('Member ID')
    await waitFor(() => expect(member).toHaveValue('SIM00002649'))
    expect(screen.getByLabelText('Last name')).toHaveValue('Doe')
    expect(screen.getByLabelText('Provider NPI *')).toHaveValue('1999999984')
    await userEvent.clear(member)
    await userEvent.type(member, 'SIM0000265')
    await userEvent.click(screen.getByRole('button', { name: 'Send correction' }))
    await waitFor(() => expect(net.to('POST', '/inbox/t-1/resolve')).toHaveLength(1))
    expect(net.to('POST', '/inbox/t-1/resolve')[0].body).toEqual({ action: 'correct', value: { subscriber: { member_id: 'SIM0000265' } } })
    const error = await screen.findByText('Member ID is not a member id this payer uses')
    expect(member).toHaveAttribute('aria-invalid', 'true')
    expect(member.getAttribute('aria-describedby')).toContain(error.id)
  })

  it('review: Correct checks the fields like the API before sending', async () => {
    const net = stubFetch({ 'GET /auth/me': user('reviewer'), 'GET /payers': payers, 'GET /inbox/t-1': task(), 'GET /runs/r-1': eligibilityRun() })
    renderApp('/inbox/t-1')
    await userEvent.click(await screen.findByRole('button', { name: 'Correct' }))
    const dob = await screen.findByLabelText('Date of birth')
    await waitFor(() => expect(dob).toHaveValue('1980-01-01'))
    await userEvent.clear(dob)
    await userEvent.type(dob, '01/02/1980')
    await userEvent.click(screen.getByRole('button', { name: 'Send correction' }))
    expect(await screen.findByText('Date of birth must be a date as YYYY-MM-DD')).toBeInTheDocument()
    expect(net.to('POST', '/inbox/t-1/resolve')).toHaveLength(0)
  })

  it('review: Answer sends a typed eligibility result', async () => {
    const net = stubFetch({
      'GET /auth/me': user('reviewer'), 'GET /payers': payers, 'GET /inbox/t-1': task(), 'GET /runs/r-1': eligibilityRun(),
      'POST /inbox/t-1/resolve': task({ status: 'resolved' }), 'GET /runs/r-1/artifacts': [],
    })
    renderApp('/inbox/t-1')
    await userEvent.click(await screen.findByRole('button', { name: 'Answer' }))
    await userEvent.type(screen.getByLabelText('Plan name'), 'Choice Plus')
    await userEvent.type(screen.getByLabelText('Copay ($)'), '25')
    await userEvent.type(screen.getByLabelText('Coinsurance (%)'), '20')
    await userEvent.type(screen.getByLabelText('Deductible total ($)'), '1000')
    await userEvent.type(screen.getByLabelText('Deductible remaining ($)'), '250')
    await userEvent.click(screen.getByRole('button', { name: 'Send result' }))
    await waitFor(() => expect(net.to('POST', '/inbox/t-1/resolve')).toHaveLength(1))
    expect(net.to('POST', '/inbox/t-1/resolve')[0].body).toEqual({
      action: 'answer',
      value: { coverage_status: 'active', plan: { name: 'Choice Plus' }, copay: 25, coinsurance_percent: 0.2, deductible: { total: 1000, remaining: 250 } },
    })
  })

  it('credentials: Retry and Fail', async () => {
    const creds = task({ id: 'c1', type: 'credentials', actions: ['retry', 'fail'], advice: null })
    const net = stubFetch({ 'GET /auth/me': user('operator'), 'GET /payers': payers, 'GET /inbox/c1': creds, 'GET /runs/r-1': eligibilityRun(), 'POST /inbox/c1/resolve': creds, 'GET /runs/r-1/artifacts': [] })
    renderApp('/inbox/c1')
    expect(await screen.findByRole('button', { name: 'Fail' })).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }))
    await waitFor(() => expect(net.to('POST', '/inbox/c1/resolve')[0]?.body).toEqual({ action: 'retry' }))
  })
})
