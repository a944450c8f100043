// Screenshots of the console's pages, signed in, in Debian's Chromium (never a downloaded browser).
//   node scripts/screenshots.mjs [BASE_URL]       (default http://127.0.0.1:5173, e.g. `npx vite` proxying a server)
// Env: RCM_USER / RCM_PASSWORD (default admin / change-me-please-now), OUT (default screenshots/), PAGES (comma list).
import { chromium } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

const base = process.argv[2] ?? 'http://127.0.0.1:5173'
const out = process.env.OUT ?? 'screenshots'
mkdirSync(out, { recursive: true })
const pages = (process.env.PAGES ?? '/inbox,/runs,/runs/new,/batches,/metrics,/admin,/admin?tab=tokens,/admin?tab=flags,/admin?tab=payers,/admin?tab=audit,/account').split(',')

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--disable-gpu', '--disable-quic', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'],
})
// bypassCSP: only so axe-core can be injected; the console itself runs under the server's strict CSP
const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true })
page.on('console', (m) => { if (m.type() === 'error') console.log('console error:', m.text()) })
await page.goto(`${base}/login`)
await page.screenshot({ path: `${out}/login.png` })
await page.getByLabel('Username').fill(process.env.RCM_USER ?? 'admin')
await page.getByLabel('Password').fill(process.env.RCM_PASSWORD ?? 'change-me-please-now')
await page.getByRole('button', { name: 'Sign in' }).click()
await page.waitForURL((u) => !u.pathname.startsWith('/login'))
for (const path of pages) {
  await page.goto(`${base}${path}`)
  await page.waitForLoadState('networkidle').catch(() => {})
  await page.waitForTimeout(400)
  const name = path.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '_') || 'home'
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: process.env.FULL === '1' })
  // axe-core in a real browser (with layout, so colour contrast is checked too)
  await page.addScriptTag({ path: axePath })
  const serious = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] })
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)
  })
  console.log('saved', `${out}/${name}.png`, serious.length ? `— axe: ${serious.join(' | ')}` : '— axe: no serious violations')
}
await browser.close()
