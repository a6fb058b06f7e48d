/** One event of a Chrome trace (CDP `Tracing.dataCollected`), the fields the trace scripts read. */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  /** Start, µs. */
  ts: number;
  /** Wall duration of a complete event, µs. */
  dur?: number;
  /** Thread (CPU) time of the event, µs. */
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: Record<string, unknown> & {
    name?: string;
    data?: Record<string, unknown> & { url?: string; functionName?: string; type?: string; frame?: string; stackTrace?: { url: string }[] };
    beginData?: { stackTrace?: { url: string }[] };
  };
}
