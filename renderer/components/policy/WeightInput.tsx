// A DNS list's weight: − and + step over 0 (a weight of 0 is refused: disable the list instead);
// a negative weight makes the list an allowlist (DNSWL), and says so.

import { NumberInput } from './NumberInput';

const step = (w: number, by: 1 | -1): number => {
  const base = Number.isFinite(w) ? w : 0;
  const next = base + by;
  return Math.max(-100, Math.min(100, next === 0 ? next + by : next));
};

export function WeightInput({
  id,
  value,
  invalid,
  zone,
  onValue,
}: {
  id: string;
  value: number;
  invalid: boolean;
  zone: string;
  onValue: (w: number) => void;
}) {
  return (
    <span className="weight-input">
      <button
        type="button"
        className="button button--small weight-input__step"
        aria-label={`Lower the weight of ${zone || 'this list'}`}
        onClick={() => onValue(step(value, -1))}
      >
        −
      </button>
      <NumberInput
        id={id}
        value={value}
        aria-label={`Weight of ${zone || 'this list'}`}
        aria-invalid={invalid}
        className="weight-input__value"
        onValue={(v) => onValue(v ?? Number.NaN)}
      />
      <button
        type="button"
        className="button button--small weight-input__step"
        aria-label={`Raise the weight of ${zone || 'this list'}`}
        onClick={() => onValue(step(value, 1))}
      >
        +
      </button>
      {value < 0 && <span className="badge badge--allow">allowlist</span>}
    </span>
  );
}
