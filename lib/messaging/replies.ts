/**
 * How the background answers a request, and how a content script tells its failures apart.
 * No zod here: this module is in the content script (the schemas in protocol.ts describe the
 * same shapes for the background and the tests).
 *
 * - `{ ok: true, value }`: done.
 * - `{ ok: false, refused }`: the request is invalid; sending it again cannot help.
 * - `{ ok: false, unavailable }`: the database cannot be reached now (blocked, failed to
 *   open, too slow); the request is fine and must be sent again later.
 * Anything else (the worker stopped, the channel closed) is a transport failure: retried.
 */
export type StorageProblem = 'blocked' | 'timeout' | 'failed' | 'noAnswer';
export const STORAGE_PROBLEMS: readonly StorageProblem[] = ['blocked', 'timeout', 'failed', 'noAnswer'];

export type Reply<T> =
  | { ok: true; value: T }
  | { ok: false; refused: string }
  | { ok: false; unavailable: StorageProblem; detail?: string };

/** A request the background refused as invalid (final: never retried). */
export class RefusedError extends Error {
  override name = 'RefusedError';
}

/** The background is alive but cannot reach its database (retried until it can). */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';
  constructor(
    readonly problem: StorageProblem,
    readonly detail = '',
  ) {
    super(`storage unavailable (${problem})${detail ? `: ${detail}` : ''}`);
  }
}

/** The value of a reply, or the typed error it stands for. */
export function unwrap<T>(reply: Reply<T>): T {
  if (reply.ok) return reply.value;
  if ('refused' in reply) throw new RefusedError(reply.refused);
  throw new StorageUnavailableError(reply.unavailable, reply.detail);
}
