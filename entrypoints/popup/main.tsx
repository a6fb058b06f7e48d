import { browser } from '#imports';
import { i18n } from '#i18n';
import { startPopupData } from '../../components/popup/popup-data';
import '../../components/ui/page.css';

// Wiring only. The database read starts now, while React and the popup's code (a separate
// chunk) load and parse; no validator is in this first chunk. Opening a thread or the
// settings needs no extra permission.
const now = Date.now();
const source = startPopupData(now);
const root = document.getElementById('root')!;
import('../../components/popup/mount').then(
  ({ mountPopup }) =>
    mountPopup(root, {
      now,
      source,
      openUrl: (url) => void browser.tabs.create({ url }),
      openSettings: () => void browser.runtime.openOptionsPage(),
    }),
  (error: unknown) => {
    // Never blank, even if the popup's own code cannot load.
    root.textContent = i18n.t('popup2.crashed', { reason: String(error) });
  },
);
