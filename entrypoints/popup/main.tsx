import { browser } from '#imports';
import { i18n } from '#i18n';
import { firstNews, startPopupData } from '../../components/popup/popup-data';
import { popupHorizon } from '../../lib/format/periods';
import { mark, readWindow } from '../../lib/db/window-read';
import '../../components/ui/page.css';
// The popup's styles in popup.html's own sheet: the mounting chunk then has no style sheet
// to wait for before it is imported.
import '../../components/figures/figures.css';
import '../../components/popup/popup.css';

// Wiring only. The first database read starts here, before React, Dexie or zod are parsed
// (none is in this chunk); the popup mounts when its code has loaded and the first answer
// is in (at most MOUNT_WAIT_MS later). Opening a thread or the settings needs no extra
// permission.
const MOUNT_WAIT_MS = 250;
const now = Date.now();
const first = readWindow(popupHorizon(now));
const source = startPopupData(now, { first });
const root = document.getElementById('root')!;
const mountCode = import('../../components/popup/mount').then((m) => (mark('mount-code'), m));
Promise.all([mountCode, firstNews(source, MOUNT_WAIT_MS).then(() => mark('first-news'))]).then(
  ([{ mountPopup }]) => {
    mark('mount');
    mountPopup(root, {
      now,
      source,
      openUrl: (url) => void browser.tabs.create({ url }),
      openSettings: () => void browser.runtime.openOptionsPage(),
    });
  },
  (error: unknown) => {
    // Never blank, even if the popup's own code cannot load.
    root.textContent = i18n.t('popup2.crashed', { reason: String(error) });
  },
);
