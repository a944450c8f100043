import { describe, expect, it } from 'vitest'
import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { stubFetch, type StubRequest } from '../test/fetchStub'
import { renderApp, user } from '../test/render'
import { batch, payers, preview } from '../test/fixtures'
import { FakeEventSource } from '../test/fakeEventSource'
import { seriousViolations } from '../test/axe'

const csv = () => new File(['Insurance ID,Patient Last,DOB,Provider,NPI\nA1,Doe,1980-01-01,Sunrise,1999999984\n'], 'monday.csv', { type: 'text/csv' })

describe('batch upload', () => {
  it('previews the file, re-previews with the changed mapping, and starts with the same mapping', async () => {
    const net = stubFetch({
      'GET /auth/me': user('operator'), 'GET /payers': payers, 'GET /batches': { items: [] },
      'POST /batches/preview': (req: StubRequest) => {
        const mapping = req.url.searchParams.get('mapping')
        if (!mapping) return { body: preview() }
        const cols = preview().columns.map((c) => (c.name === 'Patient Last' ? { ...c, field: 'last_name', how: 'mapping' as const } : c))
        return { body: preview({ columns: cols }) }
      },
      'POST /batches': { status: 201, body: { batch_id: 'b-7', status: 'running', counts: { total: 2 } } },
      'GET /batches/b-7': batch({ batch_id: 'b-7' }), 'GET /batches/b-7/errors': [],
    })
    const { container, router } = renderApp('/batches')
    await userEvent.upload(await screen.findByLabelText('File'), csv())
    expect(await screen.findByText('Rows that would be refused')).toBeInTheDocument()
    expect(screen.getAllByText(/is not a valid date/).length).toBeGreaterThan(0)
    const first = net.to('POST', '/batches/preview')[0]
    expect(first.url.searchParams.get('purpose')).toBe('eligibility')
    expect(first.body).toBeInstanceOf(FormData)
    expect((first.body as FormData).get('file')).toBeInstanceOf(File)
    expect(await seriousViolations(container)).toEqual([])

    const select = screen.getByLabelText('Field for column Patient Last')
    expect(select).toHaveValue('')
    await userEvent.selectOptions(select, 'last_name')
    await waitFor(() => expect(net.to('POST', '/batches/preview')).toHaveLength(2))
    expect(JSON.parse(net.to('POST', '/batches/preview')[1].url.searchParams.get('mapping')!)).toEqual({ 'Patient Last': 'last_name' })
    await waitFor(() => expect(screen.getByLabelText('Field for column Patient Last')).toHaveValue('last_name'))

    await userEvent.click(screen.getByRole('button', { name: 'Start' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/batches/b-7'))
    const start = net.to('POST', '/batches')[0]
    expect(JSON.parse(start.url.searchParams.get('mapping')!)).toEqual({ 'Patient Last': 'last_name' })
    expect(start.url.searchParams.get('file_name')).toBe('monday.csv')
  })

  it('uses a suggested field with one click', async () => {
    const net = stubFetch({ 'GET /auth/me': user('operator'), 'GET /payers': payers, 'GET /batches': { items: [] }, 'POST /batches/preview': preview() })
    renderApp('/batches')
    await userEvent.upload(await screen.findByLabelText('File'), csv())
    await userEvent.click(await screen.findByRole('button', { name: 'Use Last name' }))
    await waitFor(() => expect(net.to('POST', '/batches/preview')).toHaveLength(2))
    expect(net.to('POST', '/batches/preview')[1].url.searchParams.get('mapping')).toBe('{"Patient Last":"last_name"}')
  })

  it('viewers see the list but no upload', async () => {
    stubFetch({ 'GET /auth/me': user('viewer'), 'GET /payers': payers, 'GET /batches': { items: [{ batch_id: 'b-1', purpose: 'eligibility', payer_id: '87726', status: 'completed', total: 3, invalid: 3, file_name: null, created_at: new Date().toISOString(), finished_at: null }] } })
    renderApp('/batches')
    expect(await screen.findByText('Batch b-1')).toBeInTheDocument()
    expect(screen.queryByLabelText('File')).not.toBeInTheDocument()
  })
})

describe('batch page', () => {
  it('shows progress with aria values, counts per status, refused rows and download links', async () => {
    stubFetch({
      'GET /auth/me': user('operator'), 'GET /payers': payers, 'GET /batches/b-1': batch(),
      'GET /batches/b-1/errors': [{ row: 7, line: 8, field: 'input.subscriber.date_of_birth', column: 'DOB', message: 'is not a valid date' }],
    })
    const { container } = renderApp('/batches/b-1')
    const bar = await screen.findByRole('progressbar')
    expect(bar).toHaveAttribute('aria-valuenow', '35')
    expect(bar).toHaveAttribute('aria-valuemax', '50')
    expect(screen.getByText('Succeeded').nextElementSibling).toHaveTextContent('30')
    expect(screen.getByText('Waiting for a person').nextElementSibling).toHaveTextContent('1')
    expect(screen.getByText(/left|estimating/)).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Download results' })).toHaveAttribute('href', '/batches/b-1/results?format=csv')
    expect(screen.getByRole('link', { name: 'Download errors' })).toHaveAttribute('href', '/batches/b-1/errors?format=csv')
    const refused = await screen.findByText('is not a valid date')
    expect(within(refused.closest('tr')!).getByText('DOB')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument()
    expect(await seriousViolations(container)).toEqual([])
  })

  it('moves the bar when the server reports progress', async () => {
    let view = batch()
    stubFetch({ 'GET /auth/me': user('operator'), 'GET /payers': payers, 'GET /batches/b-1': () => ({ body: view }), 'GET /batches/b-1/errors': [] })
    renderApp('/batches/b-1')
    const bar = await screen.findByRole('progressbar')
    view = batch({ status: 'completed', counts: { ...batch().counts, queued: 0, running: 0, waiting_for_human: 0, succeeded: 45, failed: 4 }, finished_at: new Date().toISOString() })
    act(() => FakeEventSource.latest().emit('batch.completed', { batch_id: 'b-1', run_id: null, payload: {} }))
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '50'))
    expect(bar).toHaveAttribute('aria-valuemax', '50')
    expect(screen.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument()
  })

  it('cancels after a confirmation', async () => {
    const net = stubFetch({
      'GET /auth/me': user('operator'), 'GET /payers': payers, 'GET /batches/b-1': batch(), 'GET /batches/b-1/errors': [],
      'POST /batches/b-1/cancel': batch({ status: 'canceled', canceled_at: new Date().toISOString() }),
    })
    renderApp('/batches/b-1')
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }))
    await userEvent.click(screen.getByRole('button', { name: 'Yes, cancel the batch' }))
    await waitFor(() => expect(net.to('POST', '/batches/b-1/cancel')).toHaveLength(1))
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument())
    expect(screen.getAllByText('Canceled').length).toBeGreaterThan(1)
  })

  it('reruns a finished batch\'s failed rows as a new linked batch', async () => {
    const done = { status: 'completed', finished_at: new Date().toISOString(),
      counts: { ...batch().counts, queued: 0, running: 0, waiting_for_human: 0, succeeded: 45, failed: 4 } }
    const rerun = batch({ ...done, batch_id: 'b-2', rerun_of: 'b-1', status: 'running', finished_at: null,
      counts: { ...batch().counts, total: 4, valid: 4, invalid: 0, queued: 4, running: 0, waiting_for_human: 0, succeeded: 0, failed: 0 } })
    const net = stubFetch({
      'GET /auth/me': user('operator'), 'GET /payers': payers, 'GET /batches/b-1': batch(done), 'GET /batches/b-1/errors': [],
      'POST /batches/b-1/rerun-failed': { status: 201, body: { batch_id: 'b-2', rerun_of: 'b-1', created: true, rows: 4, status: 'running', batch: rerun } },
      'GET /batches/b-2': rerun, 'GET /batches/b-2/errors': [],
    })
    const { router } = renderApp('/batches/b-1')
    await userEvent.click(await screen.findByRole('button', { name: 'Rerun 4 failed rows' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/batches/b-2'))
    expect(net.to('POST', '/batches/b-1/rerun-failed')).toHaveLength(1)
    expect(await screen.findByRole('link', { name: 'batch b-1' })).toHaveAttribute('href', '/batches/b-1')
  })

  it('offers no rerun while the batch runs, or to a viewer', async () => {
    stubFetch({ 'GET /auth/me': user('viewer'), 'GET /payers': payers, 'GET /batches/b-1': batch({ status: 'completed', finished_at: new Date().toISOString() }), 'GET /batches/b-1/errors': [] })
    renderApp('/batches/b-1')
    await screen.findByRole('progressbar')
    expect(screen.queryByRole('button', { name: /Rerun/ })).not.toBeInTheDocument()
  })
})
