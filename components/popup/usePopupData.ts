import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { getDb } from '../../lib/db/database';
import { createRepository } from '../../lib/db/repository';
import { popupHorizon } from '../../lib/format/periods';
import type { MessageRecord, Settings } from '../../lib/schema/records';
import { settingsItem } from '../../lib/settings/item';
import { loadSettings } from '../../lib/settings/validated';

/**
 * The records the popup needs: every case active in the last 60 days (30 days and the
 * 30 before them, for the change), read through indexes, so opening the popup costs the
 * same with one month or five years of history. Re-runs whenever the background writes.
 */
export function usePopupData(now: number): { records: MessageRecord[] | undefined; settings: Settings | undefined; total: number | undefined } {
  const [settings, setSettings] = useState<Settings>();
  useEffect(() => {
    void loadSettings().then(setSettings);
    return settingsItem.watch(() => void loadSettings().then(setSettings));
  }, []);
  const horizon = popupHorizon(now);
  const repo = createRepository(getDb());
  const records = useLiveQuery(() => repo.activeSince(horizon), [horizon]);
  // A kept count (lib/db): IndexedDB's count() would walk the whole history on every open.
  const total = useLiveQuery(() => repo.count(), []);
  return { records, settings, total };
}
