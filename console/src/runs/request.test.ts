import { describe, expect, it } from 'vitest'
import { checkInput, isValidNpi, mergePatch, toInput } from './request'

describe('run request checks', () => {
  it('checks the NPI check digit (Luhn over 80840 + 9 digits)', () => {
    expect(isValidNpi('1234567893')).toBe(true)
    expect(isValidNpi('1999999984')).toBe(true)
    expect(isValidNpi('1234567890')).toBe(false)
    expect(isValidNpi('123')).toBe(false)
  })

  it('reports every problem at once, keyed like the server', () => {
    const problems = checkInput('claim_status', { 'provider.npi': '1234567890', 'subscriber.date_of_birth': '1980-13-01', 'claim.service_date_from': '2026-02-01', 'claim.service_date_to': '2026-01-01' })
    const fields = problems.map((p) => p.field)
    expect(fields).toEqual(expect.arrayContaining([
      'input.provider.npi', 'input.subscriber.date_of_birth', 'input.claim.patient_control_number',
      'input.provider', 'input.claim.service_date_to',
    ]))
  })

  it('builds the nested input and a merge patch of what changed', () => {
    const before = { 'subscriber.member_id': 'A1', 'subscriber.last_name': 'Doe' }
    expect(mergePatch('eligibility', before, { ...before, 'subscriber.member_id': 'B2', 'subscriber.last_name': '' }))
      .toEqual({ subscriber: { member_id: 'B2', last_name: null } })
    expect(toInput('eligibility', { 'provider.npi': '1999999984', service_type_codes: '30, 98' }))
      .toEqual({ provider: { npi: '1999999984' }, service_type_codes: ['30', '98'] })
  })
})
