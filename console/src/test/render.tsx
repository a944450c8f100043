import { render } from '@testing-library/react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { routes } from '../app/routes'
import { installSessionHandlers } from '../app/sessionHandlers'
import type { Me, Role } from '../api/types'

export function user(role: Role, extra: Partial<Me> = {}): Me {
  return { kind: 'user', user_id: `u-${role}`, username: role === 'admin' ? 'ada' : `${role}1`, display_name: `${role[0].toUpperCase()}${role.slice(1)} Person`, role, must_change_password: false, ...extra } as Me
}

/** The real app (routes, session handling, live events) at `path`, with a fresh cache. */
export function renderApp(path: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 0 }, mutations: { retry: false } } })
  const router = createMemoryRouter(routes, { initialEntries: [path] })
  installSessionHandlers(router, client)
  const utils = render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  )
  return { ...utils, router, client }
}
