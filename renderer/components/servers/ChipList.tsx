// Short values (restrictions, tools, map types) as chips; `ordered` when their order matters,
// as Postfix evaluates restriction lists first to last.

export function ChipList({
  items,
  ordered = false,
  tone,
  label,
  empty = 'none',
}: {
  items: readonly string[];
  ordered?: boolean;
  tone?: 'danger' | 'ok';
  label?: string;
  empty?: string;
}) {
  if (items.length === 0) return <span className="muted">{empty}</span>;
  const Tag = ordered ? 'ol' : 'ul';
  return (
    <Tag className={`chip-list ${ordered ? 'chip-list--ordered' : ''}`} aria-label={label}>
      {items.map((item, i) => (
        <li key={`${i}:${item}`} className={`code-chip ${tone ? `code-chip--${tone}` : ''}`}>
          {ordered && <span className="code-chip__index">{i + 1}</span>}
          <code>{item}</code>
        </li>
      ))}
    </Tag>
  );
}
