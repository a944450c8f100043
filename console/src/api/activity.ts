/**
 * Whether the person is at the console. The server ends a session after 30 minutes without activity by the person
 * (HIPAA automatic logoff); requests the console makes on its own — refreshes after live events, polling, a tab left
 * open — carry `X-RCM-Background: 1` so they do not keep an unattended session alive. A request counts as the
 * person's when they pressed a key, clicked or touched within the last minute in a visible tab.
 */
const ACTIVE_WINDOW_MS = 60_000

let lastInteraction = Date.now() // opening or reloading a page is the person's act

export function noteInteraction(at: number = Date.now()): void {
  lastInteraction = at
}

export function personIsActive(now: number = Date.now()): boolean {
  if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return false
  return now - lastInteraction <= ACTIVE_WINDOW_MS
}

if (typeof window !== 'undefined') {
  for (const type of ['pointerdown', 'keydown', 'touchstart'] as const) {
    window.addEventListener(type, () => noteInteraction(), { capture: true, passive: true })
  }
}
