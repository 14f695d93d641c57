// A whole-number input that lets the admin type freely: the text is kept while the field has the
// focus, and every change is committed as a number (NaN when it is not one), so the schema's
// message — "must be a whole number", "must be at least 1" — shows while typing.

import { useState, type InputHTMLAttributes } from 'react';

export interface NumberInputProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange' | 'type'
> {
  value: number | undefined;
  onValue: (value: number | undefined) => void;
  /** An empty field means "not set" (optional numbers) instead of NaN. */
  optional?: boolean;
}

const shown = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '' : String(v));

export function NumberInput({
  value,
  onValue,
  optional = false,
  className,
  ...rest
}: NumberInputProps) {
  const [text, setText] = useState<string | null>(null);
  return (
    <input
      {...rest}
      type="text"
      inputMode="numeric"
      className={`num-input ${className ?? ''}`}
      value={text ?? shown(value)}
      onFocus={(e) => {
        setText(shown(value));
        rest.onFocus?.(e);
      }}
      onBlur={(e) => {
        setText(null);
        rest.onBlur?.(e);
      }}
      onChange={(e) => {
        const t = e.target.value;
        setText(t);
        const trimmed = t.trim().replace(/^−/, '-');
        if (trimmed === '') onValue(optional ? undefined : Number.NaN);
        else onValue(/^[-+]?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN);
      }}
    />
  );
}
