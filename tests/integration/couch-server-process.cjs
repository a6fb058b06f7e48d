/**
 * pouchdb-server 4.2 itself (its own lib/index.js, same options, same express-pouchdb with
 * `_security` and `validate_doc_update`), run in a process that also lets its parent seed
 * databases in process: the bench's seed of millions of documents through HTTP
 * `_bulk_docs` ran at ~1,100 documents a second, writing to the server's own PouchDB
 * databases runs several times faster. Seeding bypasses HTTP and so the server's rules,
 * as CouchDB's own admin would; every other request still goes through them.
 *
 * IPC (advanced serialization): { id, type: 'seed', db, docs } writes `docs` with
 * `new_edits: false` (each with its precomputed `_rev`, as an agent's push replication
 * leaves them); { id, type: 'memory' } answers the process's memory and CPU time.
 */
'use strict';
const path = require('node:path');

const serverDir = path.dirname(require.resolve('pouchdb-server/package.json'));
const expressPouchPath = require.resolve('express-pouchdb', { paths: [serverDir] });
const createApp = require(expressPouchPath);
let ServerPouchDB = null;
// Catch the PouchDB constructor pouchdb-server hands to express-pouchdb (memory adapter, its prefix).
require.cache[expressPouchPath].exports = function (...args) {
  const app = createApp(...args);
  const setPouchDB = app.setPouchDB;
  app.setPouchDB = function (P) {
    ServerPouchDB = P;
    return setPouchDB.call(this, P);
  };
  return app;
};
process.argv = [process.argv[0], path.join(serverDir, 'bin/pouchdb-server'), ...process.argv.slice(2)];
require(path.join(serverDir, 'lib/index.js'));

// A clean exit on the parent's SIGTERM, so `--cpu-prof` (SYNC_SERVER_NODE_ARGS) writes its profile.
process.on('SIGTERM', () => process.exit(0));
// The server never outlives its parent (a bench or test killed mid-way).
process.on('disconnect', () => process.exit(0));

const open = new Map();
async function handle(m) {
  if (m.type === 'seed') {
    if (!ServerPouchDB) throw new Error('pouchdb-server has no database constructor yet');
    let db = open.get(m.db);
    if (!db) open.set(m.db, (db = new ServerPouchDB(m.db, { skip_setup: true })));
    const results = await db.bulkDocs(m.docs, { new_edits: false });
    const failed = results.filter((r) => r && r.error);
    if (failed.length) throw new Error(`${m.db}: ${failed.length} documents not written, e.g. ${JSON.stringify(failed[0])}`);
    return m.docs.length;
  }
  if (m.type === 'memory') {
    const r = process.resourceUsage();
    return { ...process.memoryUsage(), maxRss: r.maxRSS * 1024, cpuMs: (r.userCPUTime + r.systemCPUTime) / 1000 };
  }
  throw new Error(`unknown message ${m.type}`);
}
process.on('message', (m) => {
  handle(m).then(
    (value) => process.send({ id: m.id, ok: true, value }),
    (e) => process.send({ id: m.id, ok: false, error: String((e && e.stack) || e) }),
  );
});
