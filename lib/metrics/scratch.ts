/**
 * Reusable typed-array buffers for one computation at a time.
 *
 * A million records need ~45 MB of working columns. Allocated afresh on every call, that
 * much ArrayBuffer memory makes V8 run a full mark-compact of the whole heap (records
 * included: ~300 ms at a million) every second or third call. Reusing the buffers keeps
 * repeated calls (current and previous period, every filter of the dashboard) free of it.
 *
 * Buffers are kept between calls up to POOL_LIMIT elements each; a call nested inside
 * another (not done today, but cheap to allow) gets fresh buffers.
 */

/** Above this many elements a buffer is not kept after the call (≈ 32 MB for a Float64Array). */
const POOL_LIMIT = 4_000_000;

export class Scratch {
  private readonly i32 = new Map<string, Int32Array>();
  private readonly f64 = new Map<string, Float64Array>();

  /** An Int32Array view of length n; contents are NOT cleared. */
  int32(slot: string, n: number): Int32Array {
    let buf = this.i32.get(slot);
    if (!buf || buf.length < n) {
      buf = new Int32Array(grow(buf?.length ?? 0, n));
      if (buf.length <= POOL_LIMIT) this.i32.set(slot, buf);
    }
    return buf.subarray(0, n);
  }

  /** A Float64Array view of length n; contents are NOT cleared. */
  float64(slot: string, n: number): Float64Array {
    let buf = this.f64.get(slot);
    if (!buf || buf.length < n) {
      buf = new Float64Array(grow(buf?.length ?? 0, n));
      if (buf.length <= POOL_LIMIT) this.f64.set(slot, buf);
    }
    return buf.subarray(0, n);
  }

  /** The whole pooled Float64Array of a slot (length ≥ min), for buffers that grow (Samples). */
  buffer(slot: string, min: number): Float64Array {
    const view = this.float64(slot, min);
    return this.f64.get(slot) ?? view;
  }

  /** Keeps a buffer that grew during the computation (Samples) for the next one. */
  keep(slot: string, buf: Float64Array): void {
    if (buf.length <= POOL_LIMIT) this.f64.set(slot, buf);
  }
}

function grow(current: number, n: number): number {
  return Math.max(n, Math.min(current * 2, POOL_LIMIT), 64);
}

const shared = new Scratch();
let busy = false;

/** Runs fn with the shared scratch buffers (or fresh ones when already in use). */
export function withScratch<T>(fn: (s: Scratch) => T): T {
  if (busy) return fn(new Scratch());
  busy = true;
  try {
    return fn(shared);
  } finally {
    busy = false;
  }
}
