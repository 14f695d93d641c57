// Pages of a long list: 100 rows at a time keeps a 10,000-entry list quick to render and edit.

export function Pager({
  page,
  pageCount,
  onPage,
}: {
  page: number;
  pageCount: number;
  onPage: (page: number) => void;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav className="pager" aria-label="Pages">
      <button
        type="button"
        className="button button--small"
        disabled={page === 0}
        onClick={() => onPage(0)}
      >
        « First
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={page === 0}
        onClick={() => onPage(page - 1)}
      >
        ‹ Previous
      </button>
      <span className="pager__where" aria-live="polite">
        Page {page + 1} of {pageCount}
      </span>
      <button
        type="button"
        className="button button--small"
        disabled={page >= pageCount - 1}
        onClick={() => onPage(page + 1)}
      >
        Next ›
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={page >= pageCount - 1}
        onClick={() => onPage(pageCount - 1)}
      >
        Last »
      </button>
    </nav>
  );
}
