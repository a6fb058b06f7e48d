/**
 * The part of PouchDB 9's API Threadmark uses, typed here: DefinitelyTyped's
 * @types/pouchdb-core declares a global `Buffer` that breaks Node's types in the benches.
 */
export interface ReplicationResult {
  ok: boolean;
  docs_read: number;
  docs_written: number;
  doc_write_failures: number;
  errors: unknown[];
}

export interface Replication extends PromiseLike<ReplicationResult> {
  on(event: 'denied' | 'error', listener: (e: unknown) => void): Replication;
  on(event: 'change', listener: (info: { docs_written: number }) => void): Replication;
  cancel(): void;
}

export interface ReplicateOptions {
  filter?: (doc: { _id: string; [k: string]: unknown }) => boolean;
  batch_size?: number;
  retry?: boolean;
  live?: boolean;
}

export interface ChangesResult {
  results: { id: string; seq: string | number; deleted?: boolean; doc?: Record<string, unknown> & { _id: string } }[];
  last_seq: string | number;
}

export interface Db {
  readonly name: string;
  get(id: string, options?: { open_revs?: 'all'; conflicts?: boolean; rev?: string }): Promise<any>;
  put(doc: object): Promise<{ ok: boolean; id: string; rev: string }>;
  bulkDocs(docs: object[]): Promise<({ ok: true; id: string; rev: string } | { error: true; id: string; message: string; status?: number })[]>;
  allDocs(options: { keys?: string[]; include_docs?: boolean; startkey?: string; endkey?: string; limit?: number }): Promise<{
    rows: { id: string; key: string; value: { rev: string; deleted?: boolean }; doc?: any; error?: string }[];
    total_rows: number;
  }>;
  changes(options: { since: string | number; limit?: number; include_docs?: boolean; style?: 'all_docs' }): Promise<ChangesResult>;
  info(): Promise<{ update_seq: string | number; doc_count: number }>;
  replicate: {
    to(target: Db, options?: ReplicateOptions): Replication;
    from(source: Db, options?: ReplicateOptions): Replication;
  };
  close(): Promise<void>;
  destroy(): Promise<void>;
}

export interface PouchStatic {
  new (name: string, options?: Record<string, unknown>): Db;
  plugin(plugin: unknown): PouchStatic;
}
