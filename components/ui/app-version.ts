import { browser } from '#imports';

/** The extension's version for export headers; "0.0.0" where there is no manifest (tests). */
export function appVersion(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return '0.0.0';
  }
}
