/**
 * Facebook brand Pages in the settings form: one entry per Page, "Name (123456)" or a bare
 * numeric id, separated by commas, semicolons or new lines. Settings keep the ids in
 * `brandHandles.facebook` (what the runtime compares with the acting Page) and the names
 * apart in `brandPageNames`, so settings saved before names existed load unchanged.
 */
export interface BrandPages {
  ids: string[];
  names: Record<string, string>;
}

const NAMED = /^(.*?)\s*\(\s*(\d{1,20})\s*\)$/;

export function parseBrandPages(text: string): BrandPages {
  const ids: string[] = [];
  const names: Record<string, string> = {};
  for (const raw of text.split(/[,;\n]+/)) {
    const entry = raw.trim();
    if (!entry) continue;
    const named = NAMED.exec(entry);
    // Anything that is neither "Name (id)" nor a bare id is kept as written so the schema reports it.
    const id = named ? named[2]! : entry;
    if (named && named[1]) names[id] = named[1];
    if (!ids.includes(id)) ids.push(id);
  }
  return { ids, names };
}

export function formatBrandPages(ids: readonly string[], names: Readonly<Record<string, string>>): string {
  return ids.map((id) => (names[id] ? `${names[id]} (${id})` : id)).join(', ');
}

/** Adds the acting Page ("This is our Page"); returns null when it is already a brand Page. */
export function addBrandPage(current: BrandPages, id: string, name: string | undefined): BrandPages | null {
  if (current.ids.includes(id)) return null;
  const names = { ...current.names };
  if (name?.trim()) names[id] = name.trim().slice(0, 100);
  return { ids: [...current.ids, id], names };
}
