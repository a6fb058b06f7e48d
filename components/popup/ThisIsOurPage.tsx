import { useEffect, useState } from 'react';
import { browser } from '#imports';
import { i18n } from '#i18n';
import type { Settings } from '../../lib/schema/records';
import { askActingPage, type ActingPage } from '../../lib/messaging/acting-page';
import { addBrandPage } from '../../lib/settings/brand-pages';
import { loadSettings, saveSettings } from '../../lib/settings/validated';

/**
 * "This is our Page": when the active tab is Facebook and the Page the agent acts as there is
 * not a brand Page in settings, one click adds its id, with the name its comment box shows
 * when there is one (lib/settings/brand-pages.ts).
 * `ask` is injectable for tests; by default it asks the active tab's content script.
 */
export function ThisIsOurPage({ settings, ask = askActiveTab }: { settings: Settings; ask?: () => Promise<ActingPage | null> }) {
  const [acting, setActing] = useState<ActingPage | null>(null);
  const [added, setAdded] = useState(false);
  useEffect(() => {
    let live = true;
    void ask().then((page) => live && setActing(page));
    return () => {
      live = false;
    };
  }, [ask]);

  // "Name (id)", as the settings form writes a brand Page.
  const shown = acting ? (acting.name ? `${acting.name} (${acting.id})` : acting.id) : '';
  if (added) return <p role="status">{i18n.t('fbPages.added', { id: shown })}</p>;
  if (!acting || settings.brandHandles.facebook.includes(acting.id)) return null;
  const pageId = acting.id;

  const add = async () => {
    const current = await loadSettings();
    const next = addBrandPage({ ids: current.brandHandles.facebook, names: current.brandPageNames }, pageId, acting.name ?? undefined);
    if (next) {
      const saved = await saveSettings({ ...current, brandHandles: { ...current.brandHandles, facebook: next.ids }, brandPageNames: next.names });
      if (!saved.ok) return;
    }
    setAdded(true);
  };
  return (
    <p className="setup">
      {i18n.t('fbPages.actingAs', { id: shown })}{' '}
      <button type="button" className="link" onClick={() => void add()}>
        {i18n.t('fbPages.thisIsOurPage')}
      </button>
    </p>
  );
}

async function askActiveTab(): Promise<ActingPage | null> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id == null ? null : await askActingPage(tab.id);
  } catch {
    return null;
  }
}
