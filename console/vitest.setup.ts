import '@testing-library/jest-dom/vitest'
import { afterEach, vi } from 'vitest'
import { cleanup, configure } from '@testing-library/react'
import { FakeEventSource } from './src/test/fakeEventSource'

// pages are lazily loaded chunks: on a busy 2-core CI machine the first one can take seconds to import, so
// findBy…/waitFor wait up to 5 s (they return as soon as the element is there)
configure({ asyncUtilTimeout: 5000 })

// jsdom has no EventSource; the app's live updates run against this stand-in.
vi.stubGlobal('EventSource', FakeEventSource)

// recharts' ResponsiveContainer measures with ResizeObserver
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
vi.stubGlobal('ResizeObserver', NoopResizeObserver)

afterEach(() => {
  cleanup()
  FakeEventSource.instances = []
  document.cookie.split(';').forEach((c) => {
    const name = c.split('=')[0].trim()
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`
  })
})

// axe-core probes canvas support; jsdom has none
HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext']
