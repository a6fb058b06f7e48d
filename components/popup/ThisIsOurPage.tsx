import { useEffect, useState } from 'react';
import { browser } from '#imports';
import { i18n } from '#i18n';
import type { Settings } from '../../lib/schema/records';
import { askActingPage } from '../../lib/messaging/acting-page';
import { addBrandPage } from '../../lib/settings/brand-pages';
import { loadSettings, saveSettings } from '../../lib/settings/validated';

/**
 * "This is our Page": when the active tab is Facebook and the Page the agent acts as there is
 * not a brand Page in settings, one click adds its id (lib/settings/brand-pages.ts).
 * `ask` is injectable for tests; by default it asks the active tab's content script.
 */
export function ThisIsOurPage({ settings, ask = askActiveTab }: { settings: Settings; ask?: () => Promise<string | null> }) {
  const [pageId, setPageId] = useState<string | null>(null);
  const [added, setAdded] = useState(false);
  useEffect(() => {
    let live = true;
    void ask().then((id) => live && setPageId(id));
    return () => {
      live = false;
    };
  }, [ask]);

  if (added) return <p role="status">{i18n.t('fbPages.added', { id: pageId ?? '' })}</p>;
  if (!pageId || settings.brandHandles.facebook.includes(pageId)) return null;

  const add = async () => {
    const current = await loadSettings();
    const next = addBrandPage({ ids: current.brandHandles.facebook, names: current.brandPageNames }, pageId, undefined);
    if (next) {
      const saved = await saveSettings({ ...current, brandHandles: { ...current.brandHandles, facebook: next.ids }, brandPageNames: next.names });
      if (!saved.ok) return;
    }
    setAdded(true);
  };
  return (
    <p className="setup">
      {i18n.t('fbPages.actingAs', { id: pageId })}{' '}
      <button type="button" className="link" onClick={() => void add()}>
        {i18n.t('fbPages.thisIsOurPage')}
      </button>
    </p>
  );
}

async function askActiveTab(): Promise<string | null> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id == null ? null : await askActingPage(tab.id);
  } catch {
    return null;
  }
}
