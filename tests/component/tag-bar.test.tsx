import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { TagBar } from '../../components/bar/TagBar';
import type { MessageView } from '../../lib/messaging/protocol';
import { createOverlayStore, putViews } from '../../lib/overlay/store';

const NOW = Date.UTC(2026, 10, 2, 12, 0);
const view = (over: Partial<MessageView> = {}): MessageView => ({
  id: '101', stored: true, queryType: null, status: null, channel: null, sentiment: null,
  noReplyNeeded: false, sentBy: null, clock: null, waiting: true, latest: true, ...over,
});

function setup(slot = { id: '101', problem: null, fromBrand: false }, v?: MessageView) {
  const store = createOverlayStore(NOW);
  if (v) putViews(store, [v]);
  const onTag = vi.fn();
  render(<TagBar slot={slot} store={store} onTag={onTag} />);
  return { store, onTag, user: userEvent.setup() };
}

describe('the tag bar of a customer post', () => {
  it('tags the query type in one click, and shows the key that does the same', async () => {
    const { onTag, user } = setup();
    const chip = screen.getByRole('button', { name: 'Complaint' });
    expect(chip).toHaveAttribute('title', 'Key: 1');
    await user.click(chip);
    expect(onTag).toHaveBeenCalledWith({ queryType: 'complaint' });
  });

  it('clears a tag when its chip is clicked again', async () => {
    const { onTag, user } = setup(undefined, view({ sentiment: 'negative' }));
    expect(screen.getByRole('button', { name: 'Negative' })).toHaveAttribute('aria-pressed', 'true');
    await user.click(screen.getByRole('button', { name: 'Negative' }));
    expect(onTag).toHaveBeenCalledWith({ sentiment: null });
  });

  it('asks where an escalated case went', async () => {
    const { onTag, user } = setup(undefined, view({ status: 'escalated' }));
    const moved = screen.getByRole('group', { name: 'Moved to' });
    await user.click(within(moved).getByRole('button', { name: 'Phone' }));
    expect(onTag).toHaveBeenCalledWith({ channel: 'phone' });
  });

  it('shows how long the customer has waited and how much time is left', () => {
    setup(undefined, view({
      clock: { caseKey: 'x:1:dana', cycleStart: NOW - 12 * 60_000, waitingSince: NOW - 12 * 60_000, deadline: NOW + 18 * 60_000, limitAt: null, exchanged: 1, status: null, escalationSuggested: false },
    }));
    const clock = screen.getByRole('timer');
    expect(clock).toHaveTextContent('Waiting 12m');
    expect(clock).toHaveTextContent('18m left');
    expect(clock).toHaveTextContent('1 messages');
  });

  it('says how late an answer is, and suggests DM or phone past the threshold', () => {
    setup(undefined, view({
      clock: { caseKey: 'x:1:dana', cycleStart: NOW - 3 * 3600_000, waitingSince: NOW - 45 * 60_000, deadline: NOW - 15 * 60_000, limitAt: null, exchanged: 5, status: 'open', escalationSuggested: true },
    }));
    expect(screen.getByRole('timer')).toHaveTextContent('15m late');
    expect(screen.getByRole('note')).toHaveTextContent('move this customer to DM or phone');
  });

  it('moves the clock as time passes', () => {
    const { store } = setup(undefined, view({
      clock: { caseKey: 'k', cycleStart: NOW, waitingSince: NOW, deadline: NOW + 30 * 60_000, limitAt: null, exchanged: 1, status: null, escalationSuggested: false },
    }));
    act(() => store.setState({ now: NOW + 40 * 60_000 }));
    expect(screen.getByRole('timer')).toHaveTextContent('10m late');
  });

  it('keeps older, answered posts of the case quiet', () => {
    setup(undefined, view({
      waiting: false, latest: false,
      clock: { caseKey: 'k', cycleStart: NOW - 3600_000, waitingSince: NOW - 60_000, deadline: NOW + 29 * 60_000, limitAt: null, exchanged: 6, status: null, escalationSuggested: true },
    }));
    expect(screen.queryByRole('timer')).toBeNull();
  });
});

describe('the tag bar of a brand post', () => {
  it('offers no query type or sentiment, and lets the agent claim the reply', async () => {
    const { onTag, user } = setup({ id: '102', problem: null, fromBrand: true }, view({ id: '102', sentBy: 'teammate' }));
    expect(screen.queryByRole('button', { name: 'Complaint' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Negative' })).toBeNull();
    expect(screen.getByText("Teammate's reply")).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'This reply is mine' }));
    expect(onTag).toHaveBeenCalledWith({ sentBy: 'me' });
  });
});

describe('when the page cannot be read', () => {
  it('says a post without an id is skipped and offers no tags', () => {
    setup({ id: null, problem: 'no-permalink', fromBrand: false } as never);
    expect(screen.getByRole('status')).toHaveTextContent('shows no id, so it is not recorded');
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('pauses every bar when the layout changed', () => {
    const { store } = setup();
    act(() => store.setState({ paused: { missing: ['timeline'] } }));
    expect(screen.getByRole('status')).toHaveTextContent('Threadmark paused');
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('shows why a tag was refused', () => {
    const { store } = setup();
    act(() => store.setState({ errors: { '101': 'sentiment is set on customer messages only' } }));
    expect(screen.getByRole('alert')).toHaveTextContent('Not saved: sentiment is set on customer messages only');
  });
});
