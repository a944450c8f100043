/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import tailwindcss from '@tailwindcss/vite'

// The API lives on the same origin in production (the server serves dist/ from classpath:/static/). In development
// `npx vite` proxies API calls to a running server; browser navigations (Accept: text/html) stay with Vite so deep
// links such as /runs/123 load the app.
const target = process.env.RCM_URL ?? 'http://127.0.0.1:8080'
const apiPaths = ['/auth', '/users', '/runs', '/inbox', '/batches', '/metrics', '/events', '/payers', '/flags', '/audit',
  '/artifacts', '/errors', '/qa', '/schemas', '/openapi.json', '/version', '/info']

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: {
    proxy: Object.fromEntries(apiPaths.map((path) => [path, {
      target,
      changeOrigin: false,
      bypass: (req: { headers: Record<string, string | string[] | undefined> }) => {
        const accept = String(req.headers.accept ?? '')
        return accept.includes('text/html') ? '/index.html' : undefined
      },
    }])),
  },
  build: {
    target: 'es2022',
    // the metrics page's chunk carries recharts (~450 KB raw, ~130 KB gzipped); it is loaded only on /metrics
    chunkSizeWarningLimit: 600,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./vitest.setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    testTimeout: 15000,
  },
})
