import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type ThreadmarkDb } from '../../../lib/db/database';
import { createRepository } from '../../../lib/db/repository';
import { obs } from '../observation-builder';

/**
 * Issue 11 §5: a page that shows the top of a conversation gives its posts an older root
 * than a page that did not. The case moves to the new root whole, in one transaction.
 */
let db: ThreadmarkDb;
beforeEach(() => {
  db = createDb(`reroot-${Math.random()}`);
});
afterEach(async () => db.delete());

const ctx = { now: Date.UTC(2026, 10, 3), agentName: 'Ana' };
const at = (min: number) => Date.UTC(2026, 10, 2, 10, min);

/** Dana's case as first stored from a page that started at her post 100 (the top not shown). */
async function storeCaseUnderStandInRoot() {
  const repo = createRepository(db);
  await repo.observe(
    [
      obs({ id: '100', rootId: '100', inReplyTo: '90', at: at(0), text: 'my order never arrived' }),
      obs({ id: '101', rootId: '100', inReplyTo: '100', at: at(1), text: 'hello?' }),
      obs({ id: '102', rootId: '100', inReplyTo: '101', author: 'acme', fromBrand: true, customer: 'dana', at: at(5), text: 'Sorry! DM us' }),
    ],
    ctx,
  );
  await repo.tag(obs({ id: '102', rootId: '100', inReplyTo: '101', author: 'acme', fromBrand: true, customer: 'dana', at: at(5) }), { sentBy: 'me', status: 'resolved' }, ctx);
  return repo;
}

const caseKeys = async () => [...new Set((await db.messages.toArray()).map((r) => r.caseKey))];

describe('a conversation whose top appears later', () => {
  it('moves the whole case to the new root when one of its posts is seen under it', async () => {
    const repo = await storeCaseUnderStandInRoot();
    // A page that shows the brand's post 90 above: only Dana's first post is on it.
    await repo.observe([obs({ id: '100', rootId: '90', inReplyTo: '90', at: at(0), text: 'my order never arrived' })], ctx);
    expect(await caseKeys()).toEqual(['x:90:dana']);
    expect((await db.messages.toArray()).map((r) => r.rootId)).toEqual(['90', '90', '90']);
    // Tags and the claimed reply move with the case.
    expect(await db.messages.get('x:102')).toMatchObject({ caseKey: 'x:90:dana', sentBy: 'me', agent: 'Ana', status: 'resolved' });
  });

  it('files a later post seen under the stand-in root in the moved case', async () => {
    const repo = await storeCaseUnderStandInRoot();
    await repo.observe([obs({ id: '100', rootId: '90', inReplyTo: '90', at: at(0) })], ctx);
    // A page opened at Dana's post 100 again: the top is not shown, the stand-in root is 100.
    await repo.observe([obs({ id: '103', rootId: '100', inReplyTo: '102', at: at(9), text: 'thanks!' })], ctx);
    expect(await caseKeys()).toEqual(['x:90:dana']);
  });

  it('answers with the moved records', async () => {
    const repo = await storeCaseUnderStandInRoot();
    const out = await repo.observe(
      [obs({ id: '101', rootId: '100', inReplyTo: '100', at: at(1) }), obs({ id: '100', rootId: '90', inReplyTo: '90', at: at(0) })],
      ctx,
    );
    expect(out.map((r) => [r.id, r.caseKey])).toEqual([
      ['101', 'x:90:dana'],
      ['100', 'x:90:dana'],
    ]);
  });

  it('keeps the message count', async () => {
    const repo = await storeCaseUnderStandInRoot();
    await repo.observe([obs({ id: '100', rootId: '90', inReplyTo: '90', at: at(0) })], ctx);
    expect(await repo.count()).toBe(3);
  });
});
