/** A stand-in for the browser's EventSource: tests push server events with `emit`. */
export class FakeEventSource {
  static instances: FakeEventSource[] = []
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSED = 2
  readonly url: string
  readyState = 0
  onopen: ((e: Event) => void) | null = null
  onerror: ((e: Event) => void) | null = null
  onmessage: ((e: MessageEvent) => void) | null = null
  private listeners = new Map<string, Set<(e: MessageEvent) => void>>()

  constructor(url: string) {
    this.url = url
    FakeEventSource.instances.push(this)
    queueMicrotask(() => {
      this.readyState = 1
      this.onopen?.(new Event('open'))
    })
  }

  addEventListener(type: string, fn: (e: MessageEvent) => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set())
    this.listeners.get(type)!.add(fn)
  }

  removeEventListener(type: string, fn: (e: MessageEvent) => void) {
    this.listeners.get(type)?.delete(fn)
  }

  close() {
    this.readyState = 2
  }

  /** Delivers a named server event, as the server writes it (`event: type`, `data: {...}`). */
  emit(type: string, data: Record<string, unknown>, id = '1') {
    const e = new MessageEvent(type, { data: JSON.stringify({ type, ...data }), lastEventId: id })
    this.listeners.get(type)?.forEach((fn) => fn(e))
  }

  static latest(): FakeEventSource {
    const s = FakeEventSource.instances[FakeEventSource.instances.length - 1]
    if (!s) throw new Error('no EventSource was opened')
    return s
  }
}
