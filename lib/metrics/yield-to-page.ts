/**
 * Gives the page its turn between two slices of a long computation (the report's recording
 * of the team's events): input, rendering and other tasks run before the next slice.
 * scheduler.yield (Chromium 129+) resumes ahead of other tasks; elsewhere a MessageChannel
 * message is a new task without setTimeout's 4 ms clamp after nesting; setTimeout(0) last.
 */
interface YieldScheduler {
  yield?: () => Promise<void>;
}

export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: YieldScheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
