import { Component, type ReactNode } from 'react';
import { i18n } from '#i18n';
import { describe } from './popup-data';

/**
 * Never a blank popup: whatever throws while rendering, the agent reads what went wrong
 * (and can still reach the settings through the browser's extension menu).
 */
export class PopupErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown) {
    console.error('Threadmark popup:', error);
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <main className="popup">
        <h1>{i18n.t('extName')}</h1>
        <p role="alert" className="problem">
          {i18n.t('popup2.crashed', { reason: describe(this.state.error) })}
        </p>
      </main>
    );
  }
}
