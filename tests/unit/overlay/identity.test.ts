// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { createTabIdentity } from '../../../lib/overlay/identity';

describe('the brand identity of a tab (issue 11 §3)', () => {
  it('pauses classification when no brand handle is set and no account has been seen', () => {
    expect(createTabIdentity().resolve([], null)).toEqual({ brand: new Set(), problem: { kind: 'noBrand' } });
  });

  it('remembers the logged-in account for a pass that does not show it', () => {
    const tab = createTabIdentity();
    tab.resolve([], 'AcmeCares');
    expect(tab.resolve([], null)).toEqual({ brand: new Set(['acmecares']), problem: null });
  });

  it('does not switch silently to another account a later page shows first', () => {
    const tab = createTabIdentity();
    tab.resolve([], 'acmecares');
    const later = tab.resolve([], 'dana');
    expect(later.brand).toEqual(new Set(['acmecares']));
    expect(later.problem).toEqual({ kind: 'otherAccount', kept: 'acmecares', shown: 'dana' });
    expect(tab.remembered()).toBe('acmecares');
  });

  it('accepts another account that is one of the brand handles in settings', () => {
    const tab = createTabIdentity();
    tab.resolve(['AcmeHelp'], 'acmecares');
    expect(tab.resolve(['AcmeHelp'], 'acmehelp')).toEqual({ brand: new Set(['acmehelp', 'acmecares']), problem: null });
  });

  it('classifies with the handles in settings alone when no account is shown', () => {
    expect(createTabIdentity().resolve(['AcmeCares'], null)).toEqual({ brand: new Set(['acmecares']), problem: null });
  });
});
