import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { TagBar } from '../../components/bar/TagBar';
import { createOverlayStore, optimisticTag, setStorageProblem } from '../../lib/overlay/store';

/** The bar of a post whose tag waits for storage says why, in the agent's language. */
function setup() {
  const store = createOverlayStore(0);
  render(<TagBar slot={{ id: '101', problem: null, fromBrand: false }} store={store} onTag={vi.fn()} />);
  return store;
}

describe('the tag bar while storage is unreachable', () => {
  it.each([
    ['blocked', '', "Threadmark can't reach its storage: another window keeps an older version of its database open (close or reload that window). Retrying; keep this page open."],
    ['failed', 'UnknownError: disk', "Threadmark can't reach its storage: its database could not be opened (UnknownError: disk). Retrying; keep this page open."],
    ['noAnswer', '', "Threadmark can't reach its storage: the extension's background is not answering. Retrying; keep this page open."],
  ] as const)('says so (%s) on a post whose tag waits, and keeps the tag shown', (problem, detail, text) => {
    const store = setup();
    act(() => {
      optimisticTag(store, '101', { queryType: 'complaint' });
      setStorageProblem(store, { problem, detail });
    });
    expect(screen.getByRole('alert')).toHaveTextContent(text);
    expect(screen.getByRole('button', { name: 'Complaint' })).toHaveAttribute('aria-pressed', 'true');
    act(() => setStorageProblem(store, null));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('Saving…')).toBeInTheDocument();
  });

  it('says nothing on a post with no tag waiting', () => {
    const store = setup();
    act(() => setStorageProblem(store, { problem: 'blocked', detail: '' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
