import 'fake-indexeddb/auto';

// pouchdb-browser reads `self` (the worker/window global), as in the extension's pages and worker.
(globalThis as { self?: unknown }).self ??= globalThis;
