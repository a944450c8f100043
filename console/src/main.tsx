import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createBrowserRouter, RouterProvider } from 'react-router'
import { QueryClientProvider } from '@tanstack/react-query'
import { routes } from './app/routes'
import { createQueryClient } from './app/queryClient'
import { installSessionHandlers } from './app/sessionHandlers'
import './index.css'

const client = createQueryClient()
const router = createBrowserRouter(routes)
installSessionHandlers(router, client)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
)
