// A command or a config line to paste elsewhere: monospace, selectable, with a Copy button.

import { CopyButton } from './CopyButton';

export function CommandLine({ text, testId }: { text: string; testId?: string }) {
  return (
    <div className="command-line">
      <code data-testid={testId}>{text}</code>
      <CopyButton text={text} />
    </div>
  );
}
