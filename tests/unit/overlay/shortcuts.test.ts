// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { shortcutFor } from '../../../lib/overlay/shortcuts';

const key = (code: string, mods: Partial<{ shiftKey: boolean; altKey: boolean; ctrlKey: boolean; metaKey: boolean }> = {}) => ({
  code, shiftKey: false, altKey: false, ctrlKey: false, metaKey: false, ...mods,
});

describe('keyboard shortcuts', () => {
  it.each([
    ['Digit1', {}, { patch: { queryType: 'complaint' } }],
    ['Digit4', {}, { patch: { queryType: 'technical_question' } }],
    ['Numpad6', {}, { patch: { queryType: 'other' } }],
    ['Digit4', { shiftKey: true }, { patch: { status: 'resolved' } }],
    ['Digit3', { shiftKey: true }, { patch: { status: 'escalated' } }],
    ['Digit7', {}, { patch: { sentiment: 'negative' } }],
    ['Digit9', {}, { patch: { sentiment: 'positive' } }],
    ['Digit0', {}, { toggle: 'noReplyNeeded' }],
  ])('%s %o tags %o', (code, mods, action) => expect(shortcutFor(key(code, mods))).toEqual(action));

  it.each([
    ['KeyJ', {}], // X's "next post"
    ['KeyL', {}], // X's "like"
    ['Digit1', { ctrlKey: true }], // browser tab switching
    ['Digit5', { shiftKey: true }],
  ])('leaves %s %o to X and the browser', (code, mods) => expect(shortcutFor(key(code, mods))).toBeNull());
});
