// What every policy form receives: the draft, its problems, and one way to change a field.

import type { Policy } from '../../../core/app/api';
import type { PolicyIssue } from './policy-issues';
import type { PolicyPath } from './policy-path';

export interface FormProps {
  draft: Policy;
  issues: PolicyIssue[];
  setField: (path: PolicyPath, value: unknown) => void;
}
