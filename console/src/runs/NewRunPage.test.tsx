import { describe, expect, it } from 'vitest'
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { problem, stubFetch } from '../test/fetchStub'
import { renderApp, user } from '../test/render'
import { payers } from '../test/fixtures'
import { seriousViolations } from '../test/axe'

describe('new run', () => {
  it('shows every problem at once, next to its field, without calling the server', async () => {
    const net = stubFetch({ 'GET /auth/me': user('operator'), 'GET /payers': payers })
    const { container } = renderApp('/runs/new')
    await userEvent.type(await screen.findByLabelText('Provider NPI *'), '1234567890')
    await userEvent.type(screen.getByLabelText('Date of birth'), '1980-02-30')
    await userEvent.click(screen.getByRole('button', { name: 'Start check' }))
    const summary = await screen.findByText(/problems need fixing/)
    expect(summary.closest('[role=alert]')).toHaveTextContent('Payer')
    expect(screen.getByText('Provider NPI is not a valid NPI (check digit)')).toBeInTheDocument()
    expect(screen.getByText('Date of birth must be a date as YYYY-MM-DD')).toBeInTheDocument()
    expect(screen.getByText(/needs organization_name or last_name/, { selector: 'fieldset p' })).toBeInTheDocument()
    expect(screen.getByLabelText('Provider NPI *')).toHaveAttribute('aria-invalid', 'true')
    expect(net.to('POST', '/runs')).toHaveLength(0)
    expect(await seriousViolations(container)).toEqual([])
  })

  it('shows the server’s problems next to their fields', async () => {
    const net = stubFetch({
      'GET /auth/me': user('operator'), 'GET /payers': payers,
      'POST /runs': problem(400, 'validation_failed', 'request is invalid', {
        errors: [
          { field: 'input.subscriber.member_id', message: 'is not accepted by this payer' },
          { field: 'input.date_of_service', message: 'must be within three years before and one year after today' },
        ],
      }),
    })
    renderApp('/runs/new')
    await screen.findByRole('option', { name: /UnitedHealthcare/ })
    await userEvent.selectOptions(screen.getByLabelText('Payer *'), '87726')
    await userEvent.type(screen.getByLabelText('Provider NPI *'), '1999999984')
    await userEvent.type(screen.getByLabelText('Organization name'), 'Sunrise Clinic')
    await userEvent.type(screen.getByLabelText('Member ID'), 'ABC123')
    await userEvent.type(screen.getByLabelText('Date of service'), '2020-01-01')
    await userEvent.click(screen.getByRole('button', { name: 'Start check' }))
    expect(await screen.findByText('Member ID is not accepted by this payer')).toBeInTheDocument()
    expect(screen.getByText('Date of service must be within three years before and one year after today')).toBeInTheDocument()
    expect(screen.getByText(/2 problems need fixing/)).toBeInTheDocument()
    expect(net.to('POST', '/runs')[0].body).toEqual({
      purpose: 'eligibility', payer_id: '87726', route: 'auto',
      input: { provider: { npi: '1999999984', organization_name: 'Sunrise Clinic' }, subscriber: { member_id: 'ABC123' }, date_of_service: '2020-01-01' },
    })
  })

  it('goes to the new run once it is created', async () => {
    stubFetch({
      'GET /auth/me': user('operator'), 'GET /payers': payers,
      'POST /runs': { status: 201, body: { run_id: 'r-9', status: 'queued', idempotency_key: 'k', created: true } },
      'GET /runs/r-9': { run_id: 'r-9' },
    })
    const { router } = renderApp('/runs/new')
    await userEvent.click(await screen.findByLabelText('Claim status'))
    await screen.findByRole('option', { name: /UnitedHealthcare/ })
    await userEvent.selectOptions(screen.getByLabelText('Payer *'), '87726')
    await userEvent.type(screen.getByLabelText('Provider NPI *'), '1999999984')
    await userEvent.type(screen.getByLabelText('Provider last name'), 'Smith')
    await userEvent.type(screen.getByLabelText('Member ID'), 'ABC123')
    await userEvent.type(screen.getByLabelText('Patient control number *'), 'PCN1')
    await userEvent.type(screen.getByLabelText('Service date from *'), '2026-01-05')
    await userEvent.type(screen.getByLabelText('Service date to *'), '2026-01-05')
    await userEvent.click(screen.getByRole('button', { name: 'Start check' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/runs/r-9'))
  })
})
