// A typed publish/subscribe bus for AppApi events. Runtime: pure.

import type { ApiEvent, AppApiEvents } from './api';

type Listener<E extends ApiEvent> = (payload: AppApiEvents[E]) => void;

export class EventBus {
  private readonly listeners = new Map<ApiEvent, Set<Listener<ApiEvent>>>();

  constructor(private readonly onListenerError: (e: unknown) => void = () => {}) {}

  subscribe<E extends ApiEvent>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<ApiEvent>);
    return () => set.delete(listener as Listener<ApiEvent>);
  }

  emit<E extends ApiEvent>(event: E, payload: AppApiEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      // One broken subscriber (a closed window, a dropped socket) must not starve the others.
      try {
        listener(payload);
      } catch (e) {
        this.onListenerError(e);
      }
    }
  }

  listenerCount(event: ApiEvent): number {
    return this.listeners.get(event)?.size ?? 0;
  }
}
