import { createRoot } from 'react-dom/client';
import { PopupApp, type PopupProps } from './PopupApp';
import { PopupErrorBoundary } from './ErrorBoundary';

/** Renders the popup into `root`, inside the boundary that turns a crash into a message. */
export function mountPopup(root: HTMLElement, props: PopupProps): void {
  createRoot(root).render(
    <PopupErrorBoundary>
      <PopupApp {...props} />
    </PopupErrorBoundary>,
  );
}
