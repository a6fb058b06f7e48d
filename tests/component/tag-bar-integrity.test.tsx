import { afterEach, describe, expect, it } from 'vitest';
import type { BarSlot } from '../../lib/overlay/bar-registry';
import { mountBar } from './bar-harness';

afterEach(() => {
  document.body.innerHTML = '';
});

const setup = (slot: BarSlot = { id: '101', problem: null, fromBrand: false }) => mountBar(slot);

describe('what the bar says about records it will not falsify (issue 11)', () => {
  it('says brand posts are not classified until brand handles are set, and offers no tag', () => {
    const { store, bar } = setup();
    store.setState({ paused: { missing: [], identity: { kind: 'noBrand' } } });
    expect(bar.getByRole('status')).toHaveTextContent('Brand posts not classified: set your brand handles');
    expect(bar.queryAllByRole('button')).toHaveLength(0);
  });

  it('names both accounts when the page shows another one than the tab started with', () => {
    const { store, bar } = setup();
    store.setState({ paused: { missing: [], identity: { kind: 'otherAccount', kept: 'acmecares', shown: 'dana' } } });
    expect(bar.getByRole('status')).toHaveTextContent('@dana');
    expect(bar.getByRole('status')).toHaveTextContent('@acmecares');
  });

  it.each([
    ['time-out-of-range', 'time out of range'],
    ['no-author', 'names no account'],
  ] as const)('shows a post skipped for %s as skipped', (problem, text) => {
    const { bar } = setup({ id: null, problem, fromBrand: false });
    expect(bar.getByRole('status')).toHaveTextContent(text);
  });

  it.each([
    ['translated', "Translated by X: the stored text is X's translation"],
    ['article', 'the article body is not captured'],
  ] as const)('tells the agent when the stored text is %s', (textNote, text) => {
    const { bar } = setup({ id: '101', problem: null, fromBrand: false, textNote });
    expect(bar.getByRole('group', { name: 'Threadmark tags for this post' })).toHaveTextContent(text);
  });
});
