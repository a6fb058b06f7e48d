import { useSyncExternalStore } from 'react';
import type { PopupData, PopupSource } from './popup-data';

/** The popup's data (popup-data.ts), re-rendering whenever the source has news. */
export function usePopupData(source: PopupSource): PopupData {
  return useSyncExternalStore(source.subscribe, source.getSnapshot);
}
