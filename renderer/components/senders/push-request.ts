// Asking for the push dialog from the Senders page without depending on it: the app-level window
// event "mxwarden:open-push" that the push launcher (renderer/components/push) listens for, with
// the same options it takes. Pure (DOM events only).

export const OPEN_PUSH_EVENT = 'mxwarden:open-push';

export interface PushRequestDetail {
  all?: boolean;
  serverIds?: number[];
  tag?: string;
  policyVersionId?: number;
}

export function requestPush(detail: PushRequestDetail = { all: true }): void {
  window.dispatchEvent(new CustomEvent(OPEN_PUSH_EVENT, { detail }));
}
