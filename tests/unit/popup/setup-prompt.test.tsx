/**
 * The popup's "set your name and brand handles" prompt is for an agent who set nothing yet;
 * brand identities on any site count (issue 8: it nagged a Facebook-only agent forever).
 */
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PopupApp } from '../../../components/popup/PopupApp';
import type { PopupData, PopupSource } from '../../../components/popup/popup-data';
import { DEFAULT_SETTINGS } from '../../../lib/schema/defaults';
import type { Settings } from '../../../lib/schema/records';

function popup(settings: Settings) {
  const data: PopupData = { state: 'ready', records: [], settings, total: 0 };
  const source: PopupSource = { subscribe: () => () => {}, getSnapshot: () => data, stop: () => {} };
  render(<PopupApp now={Date.now()} source={source} openUrl={vi.fn()} openSettings={vi.fn()} />);
}

describe('the set-up prompt', () => {
  it.each([
    ['nothing is set', true, '', { x: [], facebook: [] }],
    ['only X handles are set', false, '', { x: ['AcmeHelp'], facebook: [] }],
    ['only a Facebook Page is set (a Facebook-only agent)', false, '', { x: [], facebook: ['104857600000001'] }],
    ['only the name is set', false, 'Ana', { x: [], facebook: [] }],
  ])('when %s, asks to set up: %s', async (_label, prompts, agentName, brandHandles) => {
    popup({ ...DEFAULT_SETTINGS, agentName, brandHandles });
    await screen.findByRole('tabpanel');
    expect(screen.queryByRole('button', { name: 'Set your name and brand handles to start.' }) !== null).toBe(prompts);
  });
});
