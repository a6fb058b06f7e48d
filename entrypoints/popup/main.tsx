import { createRoot } from 'react-dom/client';
import { browser } from '#imports';
import { PopupApp } from '../../components/popup/PopupApp';
import '../../components/ui/page.css';

// Wiring only. Opening a thread or the settings needs no extra permission.
createRoot(document.getElementById('root')!).render(
  <PopupApp openUrl={(url) => void browser.tabs.create({ url })} openSettings={() => void browser.runtime.openOptionsPage()} />,
);
