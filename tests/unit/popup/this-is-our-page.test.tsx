/**
 * "This is our Page" (issue 8): on a Facebook tab acting as a Page that is not a brand Page,
 * the popup offers to add it with one click; the id lands in settings next to the others.
 */
import { fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ThisIsOurPage } from '../../../components/popup/ThisIsOurPage';
import { DEFAULT_SETTINGS } from '../../../lib/schema/defaults';
import { loadSettings, saveSettings } from '../../../lib/settings/validated';

const OURS = { ...DEFAULT_SETTINGS, brandHandles: { x: [], facebook: ['111'] }, brandPageNames: { '111': 'Acme' } };

describe('This is our Page', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await saveSettings(OURS);
  });

  it('adds the acting Page to the brand Pages with one click, keeping the others', async () => {
    render(<ThisIsOurPage settings={OURS} ask={async () => ({ id: '222', name: null })} />);
    fireEvent.click(await screen.findByRole('button', { name: 'This is our Page' }));
    await screen.findByRole('status');
    const saved = await loadSettings();
    expect(saved.brandHandles.facebook).toEqual(['111', '222']);
    expect(saved.brandPageNames).toEqual({ '111': 'Acme' });
  });

  it("keeps the name the tab's comment box shows beside the Page's id", async () => {
    render(<ThisIsOurPage settings={OURS} ask={async () => ({ id: '222', name: 'Acme Care' })} />);
    expect(await screen.findByText(/Acme Care \(222\)/)).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'This is our Page' }));
    await screen.findByRole('status');
    expect((await loadSettings()).brandPageNames).toEqual({ '111': 'Acme', '222': 'Acme Care' });
  });

  it.each([
    ['the acting Page is already a brand Page', '111'],
    ['the tab is not Facebook or acts as no Page', null],
  ])('offers nothing when %s', async (_label, acting) => {
    let asked!: () => void;
    const answered = new Promise<void>((r) => (asked = r));
    render(<ThisIsOurPage settings={OURS} ask={async () => (asked(), acting === null ? null : { id: acting, name: null })} />);
    await answered;
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByRole('button', { name: 'This is our Page' })).toBeNull();
  });
});
