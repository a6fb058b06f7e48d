import { act } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { optimisticTag, setStorageProblem } from '../../lib/overlay/store';
import { mountBar, view } from './bar-harness';

/** The bar of a post whose tag waits for storage says why, in the agent's language. */
describe('the tag bar while storage is unreachable', () => {
  it.each([
    ['blocked', '', "Threadmark can't reach its storage: another window keeps an older version of its database open (close or reload that window). Retrying; keep this page open."],
    ['failed', 'UnknownError: disk', "Threadmark can't reach its storage: its database could not be opened (UnknownError: disk). Retrying; keep this page open."],
    ['noAnswer', '', "Threadmark can't reach its storage: the extension's background is not answering. Retrying; keep this page open."],
  ] as const)('says so (%s) on a post whose tag waits, and keeps the tag shown', (problem, detail, text) => {
    const { store, bar, stop } = mountBar(undefined, view());
    act(() => {
      optimisticTag(store, '101', { queryType: 'complaint' });
      setStorageProblem(store, { problem, detail });
    });
    expect(bar.getByRole('alert')).toHaveTextContent(text);
    expect(bar.getByText('Complaint')).toBeInTheDocument();
    act(() => setStorageProblem(store, null));
    expect(bar.queryByRole('alert')).toBeNull();
    expect(bar.getByText('Saving…')).toBeInTheDocument();
    stop();
  });

  it('says nothing on a post with no tag waiting', () => {
    const { store, bar, stop } = mountBar(undefined, view());
    act(() => setStorageProblem(store, { problem: 'blocked', detail: '' }));
    expect(bar.queryByRole('alert')).toBeNull();
    stop();
  });
});
