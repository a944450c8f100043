import type { QueryClient } from '@tanstack/react-query'
import { setSessionHandlers } from '../api/client'

interface Navigator {
  navigate: (to: string, opts?: { replace?: boolean }) => unknown
  state: { location: { pathname: string; search: string } }
}

/** 401 → /login (keeping the path to return to); 403 password_change_required → /account. */
export function installSessionHandlers(router: Navigator, client: QueryClient): void {
  setSessionHandlers({
    onUnauthorized: (code) => {
      const { pathname, search } = router.state.location
      if (pathname === '/login') return
      client.clear()
      const reason = code === 'session_expired' ? '&reason=idle' : ''
      void router.navigate(`/login?next=${encodeURIComponent(pathname + search)}${reason}`, { replace: true })
    },
    onPasswordChangeRequired: () => {
      const { pathname } = router.state.location
      void client.invalidateQueries({ queryKey: ['me'] })
      if (pathname !== '/account') void router.navigate('/account', { replace: true })
    },
  })
}
