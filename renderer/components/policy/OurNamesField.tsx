// Our own host names and addresses, one per line: a client that greets with one of them is
// lying (the "claims to be us" check).

import { useState } from 'react';
import type { FormProps } from './form-types';
import { PolicyField } from './PolicyField';
import { fieldIssue } from './policy-issues';

const PATH = ['helo', 'ourNames'];

export function OurNamesField({ form }: { form: FormProps }) {
  const names = form.draft.helo.ourNames;
  // The text is the admin's while they type (blank lines, a name half-written).
  const [text, setText] = useState<string | null>(null);
  const lineIssues = form.issues
    .filter(
      (i) => i.path[0] === 'helo' && i.path[1] === 'ourNames' && typeof i.path[2] === 'number',
    )
    .map((i) => `${i.where}: ${i.message}`);
  const error =
    [fieldIssue(form.issues, PATH), ...lineIssues].filter(Boolean).join('; ') || undefined;
  return (
    <PolicyField
      path={PATH}
      label="Our own names and addresses"
      hint="One per line: mx1.example.com, [192.0.2.25]. Used by “claims to be us”."
      error={error}
    >
      {(control) => (
        <textarea
          {...control}
          rows={4}
          spellCheck={false}
          value={text ?? names.join('\n')}
          onFocus={() => setText(names.join('\n'))}
          onBlur={() => setText(null)}
          onChange={(e) => {
            setText(e.target.value);
            form.setField(
              PATH,
              e.target.value
                .split('\n')
                .map((l) => l.trim())
                .filter(Boolean),
            );
          }}
        />
      )}
    </PolicyField>
  );
}
