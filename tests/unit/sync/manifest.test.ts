import { describe, expect, it } from 'vitest';
import config, { E2E_SYNC_MODE } from '../../../wxt.config';

type ManifestFn = (env: { browser: string; manifestVersion: 2 | 3; mode: string; command: 'build' | 'serve' }) => Record<string, unknown>;
const manifest = config.manifest as unknown as ManifestFn;

describe('the manifest asks for no server at install', () => {
  it.each([
    ['chrome', 3],
    ['firefox', 2],
  ] as const)('ships the %s build with no host permission, the team server only optional', (browser, manifestVersion) => {
    const m = manifest({ browser, manifestVersion, mode: 'production', command: 'build' });
    expect(m.host_permissions).toBeUndefined();
    expect(JSON.stringify(m.permissions)).not.toMatch(/:\/\//);
    expect(m[browser === 'firefox' ? 'optional_permissions' : 'optional_host_permissions']).toContain('http://127.0.0.1/*');
  });

  it('grants the loopback origin at install only in the test-only e2e-sync build', () => {
    expect(manifest({ browser: 'chrome', manifestVersion: 3, mode: E2E_SYNC_MODE, command: 'build' }).host_permissions).toEqual(['http://127.0.0.1/*']);
    expect(manifest({ browser: 'chrome', manifestVersion: 3, mode: 'development', command: 'serve' }).host_permissions).toBeUndefined();
  });
});
