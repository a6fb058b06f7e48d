import { DEFAULT_SETTINGS } from '../schema/defaults';
import { settingsSchema, type Settings } from '../schema/records';
import { settingsItem } from './item';

export type FieldErrors = Record<string, string>;

/** Validates and saves; returns the errors by field path ("sla.targetMinutes") and saves nothing if any. */
export async function saveSettings(candidate: unknown): Promise<{ ok: true; settings: Settings } | { ok: false; errors: FieldErrors }> {
  const parsed = settingsSchema.safeParse(candidate);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) errors[issue.path.join('.')] ??= issue.message;
    return { ok: false, errors };
  }
  const settings = normalise(parsed.data);
  await settingsItem.setValue(settings);
  return { ok: true, settings };
}

/** Reads settings; a stored value that no longer validates falls back to the defaults (and says so). */
export async function loadSettings(): Promise<Settings> {
  const raw = await settingsItem.getValue();
  const parsed = settingsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  console.warn('Threadmark: stored settings are invalid, using defaults', parsed.error.issues);
  return DEFAULT_SETTINGS;
}

/**
 * Calls `changed` with the settings each time they are saved (from the options page, an
 * imported team settings file), validated as loadSettings reads them. Returns the unwatch.
 */
export function watchSettings(changed: (settings: Settings) => void): () => void {
  return settingsItem.watch(() => void loadSettings().then(changed));
}

/** Handles are compared lower-case and without "@"; duplicates are dropped. */
function normalise(s: Settings): Settings {
  const clean = (hs: string[]) => [...new Set(hs.map((h) => h.trim().replace(/^@/, '').toLowerCase()))];
  return { ...s, brandHandles: { x: clean(s.brandHandles.x), facebook: clean(s.brandHandles.facebook) } };
}
