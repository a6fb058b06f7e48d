import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { TagBar, type BarSlot } from '../../components/bar/TagBar';
import { createOverlayStore } from '../../lib/overlay/store';

function setup(slot: BarSlot = { id: '101', problem: null, fromBrand: false }) {
  const store = createOverlayStore(Date.UTC(2026, 10, 2, 12, 0));
  render(<TagBar slot={slot} store={store} onTag={vi.fn()} />);
  return { store };
}

describe('what the bar says about records it will not falsify (issue 11)', () => {
  it('says brand posts are not classified until brand handles are set, and offers no tag', () => {
    const { store } = setup();
    act(() => store.setState({ paused: { missing: [], identity: { kind: 'noBrand' } } }));
    expect(screen.getByRole('status')).toHaveTextContent('Brand posts not classified: set your brand handles');
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('names both accounts when the page shows another one than the tab started with', () => {
    const { store } = setup();
    act(() => store.setState({ paused: { missing: [], identity: { kind: 'otherAccount', kept: 'acmecares', shown: 'dana' } } }));
    expect(screen.getByRole('status')).toHaveTextContent('@dana');
    expect(screen.getByRole('status')).toHaveTextContent('@acmecares');
  });

  it.each([
    ['time-out-of-range', 'time out of range'],
    ['no-author', 'names no account'],
  ] as const)('shows a post skipped for %s as skipped', (problem, text) => {
    setup({ id: null, problem, fromBrand: false });
    expect(screen.getByRole('status')).toHaveTextContent(text);
  });

  it.each([
    ['translated', "Translated by X: the stored text is X's translation"],
    ['article', 'the article body is not captured'],
  ] as const)('tells the agent when the stored text is %s', (textNote, text) => {
    setup({ id: '101', problem: null, fromBrand: false, textNote });
    expect(screen.getByRole('group', { name: 'Threadmark tags for this post' })).toHaveTextContent(text);
  });
});
