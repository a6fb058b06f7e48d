// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { TeamReadResult } from '../../../lib/io/team-rows';
import { readerCount, workerReader, type ReaderWorker, type WorkerRequest, type WorkerResponse } from '../../../lib/io/worker-reader';

/** A worker that holds each request until the test answers it. */
class FakeWorker implements ReaderWorker {
  onmessage: ((e: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  requests: WorkerRequest[] = [];
  terminated = false;
  postMessage(m: WorkerRequest) {
    this.requests.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  answer(name = this.requests.at(-1)!.name) {
    const id = this.requests.find((r) => r.name === name)!.id;
    const result: TeamReadResult = { ok: false, errors: [{ file: name, line: 0, field: '', problem: 'empty', detail: name }] };
    this.onmessage?.({ data: { id, result } } as MessageEvent<WorkerResponse>);
  }
  fail(message: string) {
    this.onerror?.({ message } as ErrorEvent);
  }
}

function pool(size: number) {
  const workers: FakeWorker[] = [];
  const reader = workerReader(size, () => {
    const w = new FakeWorker();
    workers.push(w);
    return w;
  })!;
  return { reader, workers };
}
const nameOf = (r: TeamReadResult) => (r.ok ? r.file.name : r.errors[0]!.file);

describe('the worker reader of export files', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 2],
    [4, 3],
    [8, 4],
    [64, 4],
  ])('on %i cores reads %i files at once', (cores, readers) => {
    expect(readerCount(cores)).toBe(readers);
  });

  it('starts one worker per file up to its size, and queues the rest', async () => {
    const { reader, workers } = pool(3);
    const reads = ['a', 'b', 'c', 'd', 'e'].map((n) => reader.read(n, n));
    expect(workers).toHaveLength(3);
    expect(workers.map((w) => w.requests.map((r) => r.name))).toEqual([['a'], ['b'], ['c']]);
    // b ends first: its worker takes the next file in line.
    workers[1]!.answer('b');
    expect(nameOf(await reads[1]!)).toBe('b');
    expect(workers[1]!.requests.map((r) => r.name)).toEqual(['b', 'd']);
    workers[0]!.answer('a');
    workers[1]!.answer('d');
    workers[2]!.answer('c');
    expect(await Promise.all(reads.slice(0, 4)).then((rs) => rs.map(nameOf))).toEqual(['a', 'b', 'c', 'd']);
    expect(workers[0]!.requests.map((r) => r.name)).toEqual(['a', 'e']);
    workers[0]!.answer('e');
    expect(nameOf(await reads[4]!)).toBe('e');
    expect(workers).toHaveLength(3);
  });

  it('starts only as many workers as there are files', () => {
    const { reader, workers } = pool(4);
    reader.read('a', 'a').catch(() => {});
    expect(workers).toHaveLength(1);
    reader.close();
  });

  it('stops every worker on cancel: reads being read and reads in line reject', async () => {
    const { reader, workers } = pool(2);
    const reads = ['a', 'b', 'c'].map((n) => reader.read(n, n));
    reader.close();
    for (const r of reads) await expect(r).rejects.toThrow('cancelled');
    expect(workers.every((w) => w.terminated)).toBe(true);
    await expect(reader.read('d', 'd')).rejects.toThrow('cancelled');
  });

  it('rejects the file of a worker that fails and reads the next one in a fresh worker', async () => {
    const { reader, workers } = pool(1);
    const a = reader.read('a', 'a');
    const b = reader.read('b', 'b');
    workers[0]!.fail('out of memory');
    await expect(a).rejects.toThrow('out of memory');
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    workers[1]!.answer('b');
    expect(nameOf(await b)).toBe('b');
  });
});
