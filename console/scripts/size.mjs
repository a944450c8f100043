// First-load JavaScript, gzipped: what dist/index.html loads (its module script and modulepreloads, following static
// imports) plus, per route, the lazily loaded page chunk and its static imports. Fails over the 300 KB budget.
//   npm run build && node scripts/size.mjs
import { readFileSync, readdirSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'

const dist = new URL('../dist/', import.meta.url).pathname
const html = readFileSync(join(dist, 'index.html'), 'utf8')
const gz = (file) => gzipSync(readFileSync(join(dist, file))).length
const importsOf = (file) => {
  const code = readFileSync(join(dist, file), 'utf8')
  // static imports only: `import … from "./x.js"` / `import "./x.js"` (dynamic import() is not first load)
  return [...code.matchAll(/(?:^|[;\s}])import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)].map((m) => `assets/${m[1]}`)
}
const closure = (roots) => {
  const seen = new Set()
  const walk = (f) => { if (seen.has(f)) return; seen.add(f); importsOf(f).forEach(walk) }
  roots.forEach(walk)
  return seen
}
const entry = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1])
const base = closure(entry)
const sum = (set) => [...set].reduce((n, f) => n + gz(f), 0)
const kb = (n) => `${(n / 1024).toFixed(1)} KB`
console.log(`entry (index.html): ${kb(sum(base))} gzipped in ${base.size} file(s)`)
let worst = 0
for (const page of readdirSync(join(dist, 'assets')).filter((f) => /Page-.*\.js$/.test(f)).sort()) {
  const total = sum(new Set([...base, ...closure([`assets/${page}`])]))
  worst = Math.max(worst, total)
  console.log(`  first load landing on ${page.replace(/-[\w-]{8}\.js$/, '')}: ${kb(total)}`)
}
console.log(`largest first load: ${kb(worst)} (budget 300 KB)`)
if (worst > 300 * 1024) process.exit(1)
