// Before the first save, the API answers with the Balanced template: the page says so, and offers
// the two usual starts.

export function TemplateNotice({ name, onStart }: { name: string; onStart: () => void }) {
  return (
    <div className="callout callout--warning template-notice" data-testid="template-notice">
      <p>
        <strong>No policy has been saved yet.</strong> You are looking at the{' '}
        <span className="verbatim">{name}</span> template, which is what Check IP uses until the
        first save. Start from a server you already run, pick another template, or edit this one and
        save it.
      </p>
      <button type="button" className="button" onClick={onStart}>
        Start from a server or a template…
      </button>
    </div>
  );
}
