// The dialog for the decision a connect flow is waiting for, if any.

import { HostKeyDialog } from './HostKeyDialog';
import { PassphraseDialog } from './PassphraseDialog';
import type { ConnectFlow } from './use-connect-flow';

export function ConnectFlowDialogs({ flow }: { flow: ConnectFlow }) {
  const { prompt, answer } = flow;
  if (!prompt) return null;
  // Keyed by the question so a second one starts with an empty form.
  return prompt.kind === 'trust' ? (
    <HostKeyDialog
      key={prompt.seq}
      prompt={prompt}
      onAnswer={(accept) => answer({ kind: 'trust', accept })}
    />
  ) : (
    <PassphraseDialog
      key={prompt.seq}
      prompt={prompt}
      onAnswer={(entry) => answer({ kind: 'passphrase', entry })}
    />
  );
}
