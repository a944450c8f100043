import { describe, expect, it, vi } from 'vitest'
import { screen, within } from '@testing-library/react'
import { stubFetch } from '../test/fetchStub'
import { renderApp, user } from '../test/render'
import { metrics, payers } from '../test/fixtures'
import { formatDuration, formatPercent } from '../ui/format'
import { seriousViolations } from '../test/axe'
import userEvent from '@testing-library/user-event'

// recharts needs real layout (jsdom measures everything as 0 × 0); the charts are looked at in Chromium instead
vi.mock('./Charts', () => ({
  RatesChart: () => <p>rates chart</p>,
  FailuresChart: ({ failures }: { failures: Record<string, number> }) => <p>{Object.entries(failures).map(([k, v]) => `${k}: ${v}`).join(' · ')}</p>,
}))

describe('metrics', () => {
  it('shows the tiles with the API’s numbers', async () => {
    const net = stubFetch({ 'GET /auth/me': user('viewer'), 'GET /payers': payers, 'GET /metrics/summary': metrics() })
    const { container } = renderApp('/metrics')
    const tile = (name: string) => within(screen.getByRole('group', { name }))
    expect(await screen.findByRole('group', { name: 'Automation rate' }, { timeout: 5000 })).toHaveTextContent('66.7%')
    expect(tile('Human-touch rate').getByText('33.3%')).toBeInTheDocument()
    expect(tile('Duration p50').getByText('1.1 s')).toBeInTheDocument()
    expect(tile('Duration p95').getByText('1.3 s')).toBeInTheDocument()
    expect(tile('Time to human').getByText('4.2 s')).toBeInTheDocument()
    expect(tile('Time in queue').getByText('2 min 5 s')).toBeInTheDocument()
    expect(tile('QA agree').getByText('2')).toBeInTheDocument()
    expect(tile('QA disagree').getByText('0')).toBeInTheDocument()
    expect(tile('Staff time saved').getByText('12 min')).toBeInTheDocument()
    expect(screen.getByText('By payer and purpose')).toBeInTheDocument()
    expect(screen.getByText('aaa_72: 1')).toBeInTheDocument()
    const from = new Date(net.to('GET', '/metrics/summary')[0].url.searchParams.get('from')!).getTime()
    const to = new Date(net.to('GET', '/metrics/summary')[0].url.searchParams.get('to')!).getTime()
    expect(to - from).toBe(86_400_000)
    expect(await seriousViolations(container)).toEqual([])
  })

  it('asks for the chosen time range', async () => {
    const net = stubFetch({ 'GET /auth/me': user('admin'), 'GET /payers': payers, 'GET /metrics/summary': metrics() })
    renderApp('/metrics')
    await screen.findByRole('group', { name: 'Automation rate' }, { timeout: 5000 })
    await userEvent.click(screen.getByRole('radio', { name: 'Last 7 days' }))
    await screen.findByRole('radio', { name: 'Last 7 days', checked: true })
    const last = net.to('GET', '/metrics/summary').at(-1)!
    const span = new Date(last.url.searchParams.get('to')!).getTime() - new Date(last.url.searchParams.get('from')!).getTime()
    expect(span).toBe(7 * 86_400_000)
  })

  it('formats percentages with one decimal and durations in words', () => {
    expect(formatPercent(2 / 3)).toBe('66.7%')
    expect(formatPercent(1)).toBe('100.0%')
    expect(formatPercent(0)).toBe('0.0%')
    expect(formatPercent(null)).toBe('—')
    expect(formatDuration(954)).toBe('954 ms')
    expect(formatDuration(245008)).toBe('4 min 5 s')
  })
})
