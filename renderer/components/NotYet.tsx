// Said plainly on pages whose feature this build does not have yet.

export function NotYet({ what }: { what: string }) {
  return (
    <p className="not-yet" role="note">
      <strong>Not in this build yet:</strong> {what}
    </p>
  );
}
