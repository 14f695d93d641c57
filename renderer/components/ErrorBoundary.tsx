// Catches a page that throws while rendering, so one broken page never blanks the whole app.

import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** Where the error happened, e.g. the page name. */
  where: string;
}

interface State {
  error: Error | undefined;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`mxwarden: ${this.props.where} failed to render`, error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <section className="error-panel" role="alert">
        <h2>{this.props.where} ran into a problem</h2>
        <p>
          Nothing was changed on your servers. Try again; if it keeps happening, the message below
          helps a bug report.
        </p>
        <pre className="error-panel__message">{error.message}</pre>
        <div className="button-row">
          <button
            type="button"
            className="button button--primary"
            onClick={() => this.setState({ error: undefined })}
          >
            Try again
          </button>
          <button type="button" className="button" onClick={() => location.reload()}>
            Reload the app
          </button>
        </div>
      </section>
    );
  }
}
