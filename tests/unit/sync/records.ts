import { mergeObservation, applyPatch } from '../../../lib/db/merge';
import type { MessageRecord, TagPatch } from '../../../lib/schema/records';
import { obs } from '../observation-builder';

/** A stored customer message (x:101 by @dana), tagged at `at` if a patch is given. */
export function record(patch?: TagPatch, at = Date.UTC(2026, 10, 2, 11), id = '101'): MessageRecord {
  const r = mergeObservation(undefined, obs({ id, permalink: `https://x.com/dana/status/${id}` }), Date.UTC(2026, 10, 2, 10, 30));
  return patch ? applyPatch(r, patch, at, '') : r;
}

/** A brand reply (x:150) the agent sent from their browser. */
export function ownReply(agentName: string): MessageRecord {
  const r = mergeObservation(
    undefined,
    obs({ id: '150', author: 'AcmeSupport', authorName: 'Acme', fromBrand: true, customer: 'dana', inReplyTo: '101', text: 'sorry!', permalink: 'https://x.com/AcmeSupport/status/150' }),
    Date.UTC(2026, 10, 2, 10, 40),
  );
  return applyPatch(r, { sentBy: 'me' }, Date.UTC(2026, 10, 2, 10, 41), agentName);
}
