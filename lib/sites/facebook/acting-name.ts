/**
 * The display name of the identity the agent comments as, from the comment box's label
 * ("Comment as Spotify Cares", "Comentar como …", "Comentează ca …"). Only a hint for the
 * settings form ("This is our Page" fills the Page's name in); identity is always the id
 * (index.ts `identity`), never this text.
 */
import { labelVariants, SEL } from './selectors';

const MAX_NAME = 100;

export function actingName(doc: Document): string | null {
  const variants = labelVariants('commentAs').map((v) => v.toLocaleLowerCase());
  for (const box of doc.querySelectorAll(SEL.textbox)) {
    const label = box.getAttribute('aria-label')?.trim() ?? '';
    const lower = label.toLocaleLowerCase();
    const prefix = variants.find((v) => lower.startsWith(`${v} `));
    if (!prefix) continue;
    const name = label.slice(prefix.length).trim();
    // eslint-disable-next-line no-control-regex
    if (name && name.length <= MAX_NAME && !/[\u0000-\u001f\u007f<>]/.test(name)) return name;
  }
  return null;
}
