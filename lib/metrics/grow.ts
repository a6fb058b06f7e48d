/** A growable typed array (doubling), so a builder needs no count up front (the team's columns, the event log). */
export class Grow<A extends Int32Array | Float64Array | Uint8Array | Int16Array> {
  length = 0;
  constructor(
    public data: A,
    private readonly make: (n: number) => A,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** The values pushed, as a view of the buffer (no copy). */
  done(): A {
    return this.data.subarray(0, this.length) as A;
  }
  /** Lets the buffer go (the event log's build copies each column out, one at a time, to keep the peak low). */
  release(): void {
    this.data = this.make(0);
    this.length = 0;
  }
}
