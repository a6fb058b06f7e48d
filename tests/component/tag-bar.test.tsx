import { fireEvent } from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { putViews } from '../../lib/overlay/store';
import { mountBar, NOW, view } from './bar-harness';

afterEach(() => {
  document.body.innerHTML = '';
});

const clock = (over: Partial<NonNullable<ReturnType<typeof view>['clock']>> = {}) => ({
  caseKey: 'x:1:dana', cycleStart: NOW - 12 * 60_000, waitingSince: NOW - 12 * 60_000, deadline: NOW + 18 * 60_000,
  limitAt: null, exchanged: 1, status: null, escalationSuggested: false, ...over,
});

describe('the bar of a customer post', () => {
  it('is one line: the tags already set as pills, and a control that opens the full choice', () => {
    const { bar, shadow } = mountBar(undefined, view({ queryType: 'complaint', status: 'open', sentiment: 'negative' }));
    expect([...shadow.querySelectorAll('.pill')].map((p) => p.textContent)).toEqual(['Complaint', 'Open', 'Negative']);
    expect(bar.getByRole('button', { name: 'Set tags for this post' })).toHaveAttribute('aria-expanded', 'false');
    // The choice is not in the page until it is asked for.
    expect(bar.queryByRole('button', { name: 'Feedback' })).toBeNull();
  });

  it('tags the query type in one click once the choice is open, and shows the key that does the same', async () => {
    const { bar, tags } = mountBar();
    const user = userEvent.setup();
    await user.click(bar.getByRole('button', { name: 'Set tags for this post' }));
    const chip = bar.getByRole('button', { name: 'Complaint' });
    expect(chip).toHaveAttribute('title', 'Key: 1');
    expect(chip).toHaveAttribute('aria-pressed', 'false');
    await user.click(chip);
    expect(tags).toEqual([{ queryType: 'complaint' }]);
  });

  it.each([
    ['hover', async (user: ReturnType<typeof userEvent.setup>, el: HTMLElement) => user.hover(el)],
    ['keyboard focus', async (_user: ReturnType<typeof userEvent.setup>, el: HTMLElement) => el.focus()],
  ])('opens the full choice on %s, with every tag and its pressed state', async (_, how) => {
    const { bar } = mountBar(undefined, view({ status: 'escalated', channel: 'dm', sentiment: 'neutral' }));
    const user = userEvent.setup();
    await how(user, bar.getByRole('button', { name: 'Set tags for this post' }));
    const names = (group: string) => bar.getAllByRole('button').filter((b) => b.closest(`[aria-label="${group}"]`)).map((b) => [b.textContent, b.getAttribute('aria-pressed')]);
    expect(names('Query type').map(([n]) => n)).toEqual(['Complaint', 'Feedback', 'Recommendation', 'Technical question', 'Response', 'Other']);
    expect(names('Status')).toEqual([['Open', 'false'], ['Pending', 'false'], ['Escalated', 'true'], ['Resolved', 'false']]);
    expect(names('Moved to')).toEqual([['DM', 'true'], ['Phone', 'false'], ['E-mail', 'false'], ['Chat', 'false']]);
    expect(names('Customer sentiment (set by you)')).toEqual([['Negative', 'false'], ['Neutral', 'true'], ['Positive', 'false']]);
    expect(bar.getByRole('button', { name: 'No reply needed' })).toHaveAttribute('aria-pressed', 'false');
  });

  it('clears a tag when its chip is clicked again, and closes the choice with Escape', async () => {
    const { bar, tags } = mountBar(undefined, view({ sentiment: 'negative' }));
    const user = userEvent.setup();
    await user.click(bar.getByRole('button', { name: 'Set tags for this post' }));
    await user.click(bar.getByRole('button', { name: 'Negative' }));
    expect(tags).toEqual([{ sentiment: null }]);
    // (user-event types at document.activeElement, which is the host for a shadow root)
    fireEvent.keyDown(bar.getByRole('button', { name: 'Negative' }), { key: 'Escape' });
    expect(bar.getByRole('button', { name: 'Set tags for this post' })).toHaveAttribute('aria-expanded', 'false');
  });

  it('asks where an escalated case went, and hides the channels otherwise', async () => {
    const { bar, tags, store } = mountBar(undefined, view({ status: 'escalated' }));
    const user = userEvent.setup();
    await user.click(bar.getByRole('button', { name: 'Set tags for this post' }));
    await user.click(bar.getByRole('button', { name: 'Phone' }));
    expect(tags).toEqual([{ channel: 'phone' }]);
    store.setState({ views: { '101': view({ status: 'open' }) } });
    expect(bar.queryByRole('button', { name: 'Phone' })).toBeNull();
  });

  it('toggles "no reply needed"', async () => {
    const { bar, tags } = mountBar(undefined, view({ noReplyNeeded: true }));
    const user = userEvent.setup();
    await user.click(bar.getByRole('button', { name: 'Set tags for this post' }));
    await user.click(bar.getByRole('button', { name: 'No reply needed' }));
    expect(tags).toEqual([{ noReplyNeeded: false }]);
  });

  it('shows how long the customer has waited and how much time is left', () => {
    const { bar } = mountBar(undefined, view({ clock: clock() }));
    const timer = bar.getByRole('timer');
    expect(timer).toHaveTextContent('Waiting 12m');
    expect(timer).toHaveTextContent('18m left');
    expect(timer).toHaveTextContent('1 message');
    expect(timer).not.toHaveTextContent('1 messages');
  });

  it('says how late an answer is, and suggests DM or phone past the threshold', () => {
    const { bar } = mountBar(undefined, view({ clock: clock({ cycleStart: NOW - 3 * 3600_000, waitingSince: NOW - 45 * 60_000, deadline: NOW - 15 * 60_000, exchanged: 5, status: 'open', escalationSuggested: true }) }));
    expect(bar.getByRole('timer')).toHaveTextContent('15m late');
    expect(bar.getByRole('note')).toHaveAccessibleName('Past 5 messages without resolution: move this customer to DM or phone?');
    expect(bar.getByRole('note')).toHaveTextContent('DM or phone?');
  });

  it('moves the clock as time passes', () => {
    const { bar, store } = mountBar(undefined, view({ clock: clock({ cycleStart: NOW, waitingSince: NOW, deadline: NOW + 30 * 60_000 }) }));
    store.setState({ now: NOW + 40 * 60_000 });
    expect(bar.getByRole('timer')).toHaveTextContent('10m late');
  });

  it('keeps older, answered posts of the case quiet', () => {
    const { bar } = mountBar(undefined, view({ waiting: false, latest: false, clock: clock({ exchanged: 6, escalationSuggested: true }) }));
    expect(bar.queryByRole('timer')).toBeNull();
  });

  it.each([
    ['no reply needed', view({ noReplyNeeded: true }), true],
    ['resolved', view({ status: 'resolved' }), true],
    ['still open', view({ status: 'open' }), false],
  ])('shows a quieter line when the post is %s', (_, v, quiet) => {
    const { bar } = mountBar(undefined, v);
    expect(bar.getByRole('group', { name: 'Threadmark tags for this post' }).classList.contains('quiet')).toBe(quiet);
  });

  it('is drawn with only the pills, the Tags control and the clock until it has more to say', () => {
    // Every element of a bar is styled, laid out and painted with X's page (issue 7): the
    // sender, the note and the saving state exist only in the bars that show them.
    const { shadow, store } = mountBar(undefined, view({ clock: clock() }));
    const line = shadow.querySelector('.bar')!;
    expect([...line.children].map((el) => el.className)).toEqual(['pills', 'more', 'clock']);
    store.setState({ saving: { '101': 1 } });
    expect([...line.children].map((el) => el.className)).toEqual(['pills', 'more', 'clock', 'state saving']);
  });

  it('shows a tag set elsewhere as soon as the background sends the post again', () => {
    const { bar, store } = mountBar(undefined, view());
    putViews(store, [view({ id: '999', status: 'open' })]);
    expect(bar.queryByText('Open')).toBeNull();
    putViews(store, [view({ status: 'escalated', channel: 'dm' })]);
    expect(bar.getByText('Escalated')).toBeInTheDocument();
  });

  it('shows a tag at once, while it is being saved', () => {
    const { bar, store } = mountBar();
    store.setState({ views: { '101': view({ queryType: 'feedback' }) }, saving: { '101': 1 } });
    expect(bar.getByText('Feedback')).toBeInTheDocument();
    expect(bar.getByText('Saving…')).toBeInTheDocument();
  });
});

describe('the bar of a brand post', () => {
  it('offers status but no query type or sentiment, and the claim on the same line', async () => {
    const { bar, tags } = mountBar({ id: '102', problem: null, fromBrand: true }, view({ id: '102', sentBy: 'teammate' }));
    const user = userEvent.setup();
    expect(bar.getByText("Teammate's reply")).toBeInTheDocument();
    expect(bar.getByRole('group', { name: 'Threadmark tags for this post' }).classList.contains('quiet')).toBe(true);
    await user.click(bar.getByRole('button', { name: 'This reply is mine' }));
    expect(tags).toEqual([{ sentBy: 'me' }]);
    await user.click(bar.getByRole('button', { name: 'Set tags for this post' }));
    expect(bar.getByRole('button', { name: 'Resolved' })).toBeInTheDocument();
    expect(bar.queryByRole('button', { name: 'Complaint' })).toBeNull();
    expect(bar.queryByRole('button', { name: 'Negative' })).toBeNull();
  });

  it('puts who sent it and the claim between the Tags control and the clock', () => {
    const { shadow } = mountBar({ id: '102', problem: null, fromBrand: true }, view({ id: '102', sentBy: 'teammate' }));
    expect([...shadow.querySelector('.bar')!.children].map((el) => el.className)).toEqual(['pills', 'more', 'sender', 'clock']);
  });

  it('says "My reply" and offers to give it back', () => {
    const { bar } = mountBar({ id: '102', problem: null, fromBrand: true }, view({ id: '102', sentBy: 'me' }));
    expect(bar.getByText('My reply')).toBeInTheDocument();
    expect(bar.getByRole('button', { name: 'Not mine' })).toBeInTheDocument();
  });
});

describe('when the page cannot be read', () => {
  it('says a post without an id is skipped and offers no tags', () => {
    const { bar } = mountBar({ id: null, problem: 'no-permalink', fromBrand: false });
    expect(bar.getByRole('status')).toHaveTextContent('shows no id, so it is not recorded');
    expect(bar.queryAllByRole('button')).toHaveLength(0);
  });

  it('pauses every bar when the layout changed, and comes back when it is fixed', () => {
    const { bar, store } = mountBar();
    store.setState({ paused: { missing: ['timeline'] } });
    expect(bar.getByRole('status')).toHaveTextContent('Threadmark paused');
    expect(bar.queryAllByRole('button')).toHaveLength(0);
    store.setState({ paused: null });
    expect(bar.getByRole('button', { name: 'Set tags for this post' })).toBeInTheDocument();
  });

  it('shows why a tag was refused', () => {
    const { bar, store } = mountBar();
    store.setState({ errors: { '101': 'sentiment is set on customer messages only' } });
    expect(bar.getByRole('alert')).toHaveTextContent('Not saved: sentiment is set on customer messages only');
  });
});

describe('what a page script can do to the bar', () => {
  it('cannot reach into the bar: its shadow root is closed', () => {
    const { handle } = mountBar();
    expect(handle.host.shadowRoot).toBeNull();
  });

  it('ignores clicks and hovers that no person made', () => {
    const { bar, tags } = mountBar({ id: '102', problem: null, fromBrand: true }, view({ id: '102', sentBy: 'teammate' }), { trustAll: false });
    bar.getByRole('button', { name: 'This reply is mine' }).click();
    const more = bar.getByRole('button', { name: 'Set tags for this post' });
    fireEvent.pointerEnter(more);
    more.click();
    expect(tags).toEqual([]);
    expect(more).toHaveAttribute('aria-expanded', 'false');
  });
});
