// X12 code lists a biller reads in words. Only the common codes are named; others show as the code itself.

/** Service type codes (EB03, X12 external code list 1365), the ones seen on most 271s. */
export const SERVICE_TYPES: Record<string, string> = {
  '1': 'Medical care', '2': 'Surgical', '3': 'Consultation', '4': 'Diagnostic X-ray', '5': 'Diagnostic lab',
  '6': 'Radiation therapy', '7': 'Anesthesia', '8': 'Surgical assistance', '12': 'Durable medical equipment',
  '14': 'Renal supplies', '18': 'DME rental', '20': 'Second surgical opinion', '23': 'Diagnostic dental',
  '24': 'Periodontics', '25': 'Restorative', '26': 'Endodontics', '27': 'Maxillofacial prosthetics',
  '28': 'Adjunctive dental', '30': 'Health benefit plan coverage', '33': 'Chiropractic', '35': 'Dental care',
  '36': 'Dental crowns', '37': 'Dental accident', '38': 'Orthodontics', '39': 'Prosthodontics', '40': 'Oral surgery',
  '41': 'Routine (preventive) dental', '42': 'Home health care', '45': 'Hospice', '47': 'Hospital', '48': 'Hospital – inpatient',
  '50': 'Hospital – outpatient', '51': 'Hospital – emergency accident', '52': 'Hospital – emergency medical',
  '53': 'Hospital – ambulatory surgical', '54': 'Long term care', '56': 'Medically related transportation',
  '60': 'General benefits', '61': 'In-vitro fertilization', '62': 'MRI/CAT scan', '65': 'Newborn care',
  '68': 'Well baby care', '69': 'Maternity', '73': 'Diagnostic medical', '76': 'Dialysis', '78': 'Chemotherapy',
  '80': 'Immunizations', '81': 'Routine physical', '82': 'Family planning', '83': 'Infertility', '84': 'Abortion',
  '86': 'Emergency services', '88': 'Pharmacy', '93': 'Podiatry', '98': 'Professional (physician) visit – office',
  '99': 'Professional (physician) visit – inpatient', 'A0': 'Professional visit – outpatient', 'A3': 'Professional visit – home',
  'A6': 'Psychotherapy', 'A7': 'Psychiatric – inpatient', 'A8': 'Psychiatric – outpatient', 'AD': 'Occupational therapy',
  'AE': 'Physical medicine', 'AF': 'Speech therapy', 'AG': 'Skilled nursing care', 'AI': 'Substance abuse',
  'AL': 'Vision (optometry)', 'BG': 'Cardiac rehabilitation', 'BH': 'Pediatric', 'MH': 'Mental health',
  'PT': 'Physical therapy', 'UC': 'Urgent care',
}

export function serviceTypeName(code: string): string {
  return SERVICE_TYPES[code] ? `${SERVICE_TYPES[code]} (${code})` : code
}

/** Claim status category codes (STC01-1, code list 507). */
export const CLAIM_CATEGORIES: Record<string, string> = {
  A0: 'Acknowledged: forwarded', A1: 'Acknowledged: received', A2: 'Acknowledged: accepted into adjudication',
  A3: 'Returned as unprocessable', A4: 'Not found', A5: 'Acknowledged: split claim', A6: 'Rejected: missing information',
  A7: 'Rejected: invalid information', A8: 'Rejected: relational field in error',
  D0: 'Data search unsuccessful',
  E0: 'No response possible: error in the request', E1: 'No response possible: system status', E2: 'Payer not responding',
  E3: 'Correction required: relational fields in error', E4: 'Trading partner agreement requirement not met',
  F0: 'Finalized', F1: 'Finalized: paid', F2: 'Finalized: denied', F3: 'Finalized: revised', F3F: 'Finalized: forwarded',
  F3N: 'Finalized: not forwarded', F4: 'Finalized: no payment forthcoming',
  P0: 'Pending: adjudication details not yet available', P1: 'Pending: in process', P2: 'Pending: payer review',
  P3: 'Pending: provider requested information', P4: 'Pending: patient requested information', P5: 'Pending: payer system hold',
  R0: 'Request: general', R1: 'Request: entity requests', R3: 'Request: claim/line', R4: 'Request: documentation',
  R5: 'Request: more specific detail', R6: 'Request: regulatory', R7: 'Request: confirm care is consistent with coverage',
  R8: 'Request: confirm care is consistent with health plan policy', R9: 'Request: utilization review', R10: 'Request: information from patient',
  R11: 'Request: information from provider', R12: 'Request: information from another entity', R13: 'Request: medical review',
  R14: 'Request: more information from the employer', R15: 'Request: more information from the patient', R16: 'Request: additional information',
}

/** Claim status codes (STC01-2, code list 508): the frequent ones. */
export const CLAIM_STATUS: Record<string, string> = {
  '0': 'Cannot provide further status electronically', '1': 'See the remittance advice for details',
  '2': 'More detailed information in a letter', '3': 'Adjudicated, awaiting the payment cycle',
  '4': 'Check issued, not yet cashed', '6': 'Balance due from the subscriber', '12': 'One or more lines denied',
  '15': 'Forwarded to a coordination of benefits entity', '16': 'Forwarded to the entity named', '17': 'Forwarded to another payer',
  '19': 'Entity acknowledges receipt of the claim', '20': 'Accepted for processing', '21': 'Missing or invalid information',
  '23': 'Returned to the entity', '24': 'Entity not approved as an electronic submitter', '25': 'Entity not approved',
  '26': 'Entity not found', '27': 'Policy canceled', '29': 'Subscriber and policy number/contract number mismatched',
  '30': 'Subscriber and subscriber id mismatched', '31': 'Subscriber and policyholder name mismatched',
  '33': 'Subscriber and policyholder not found', '35': 'Claim/encounter not found', '41': 'Special handling required at the payer site',
  '42': 'Claim waiting for internal review', '44': 'Charges pending provider audit', '45': 'Claim/line waiting for more information',
  '46': 'Charges pending coordination of benefits', '47': 'Preauthorization required', '65': 'Claim/line has been paid',
  '73': 'Claim/line denied: service not covered', '84': 'Service date', '88': 'Entity not eligible for benefits',
  '95': 'Charges applied to the deductible', '101': 'Claim was processed as adjustment', '104': 'Processed according to plan provisions',
  '107': 'Processed according to contract provisions', '109': 'Entity not eligible', '187': 'Date(s) of service',
}

export function claimStatusText(category: string | null | undefined, code: string | null | undefined): string {
  const parts: string[] = []
  if (category) parts.push(CLAIM_CATEGORIES[category] ?? category)
  if (code) parts.push(CLAIM_STATUS[code] ?? `status ${code}`)
  return parts.join(' — ') || '—'
}

export function categoryTone(category: string | null | undefined): 'green' | 'red' | 'amber' | 'blue' | 'slate' {
  if (!category) return 'slate'
  if (category === 'F1' || category === 'F0') return 'green'
  if (category === 'F2' || category === 'F4' || category.startsWith('A3') || category.startsWith('A6') || category.startsWith('A7') || category.startsWith('A8') || category.startsWith('E')) return 'red'
  if (category.startsWith('P') || category.startsWith('R')) return 'amber'
  return 'blue'
}

export const COVERAGE_LEVEL: Record<string, string> = {
  IND: 'Individual', FAM: 'Family', EMP: 'Employee', ESP: 'Employee and spouse', ECH: 'Employee and children', CHD: 'Children only', SPC: 'Spouse and children',
}

export const TIME_PERIOD: Record<string, string> = {
  '6': 'Hour', '7': 'Day', '13': '24 hours', '21': 'Years', '22': 'Service year', '23': 'Calendar year', '24': 'Year to date',
  '25': 'Contract', '26': 'Episode', '27': 'Visit', '28': 'Outlier', '29': 'Remaining', '30': 'Exceeded', '31': 'Not exceeded',
  '32': 'Lifetime', '33': 'Lifetime remaining', '34': 'Month', '35': 'Week', '36': 'Admission',
}
