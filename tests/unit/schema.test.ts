import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../lib/schema/defaults';
import { settingsSchema } from '../../lib/schema/records';

describe('settings schema', () => {
  it('accepts the defaults', () => {
    expect(settingsSchema.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
  });

  it.each([
    ['a negative SLA target', { sla: { ...DEFAULT_SETTINGS.sla, targetMinutes: -5 } }, 'sla.targetMinutes'],
    ['a handle with a space', { brandHandles: { x: ['Acme Support'], facebook: [] } }, 'brandHandles.x.0'],
    ['a target longer than the limit', { sla: { targetMinutes: 600, limitHours: 2, overrides: [] } }, 'sla.targetMinutes'],
  ])('refuses %s and names the field', (_label, patch, path) => {
    const result = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
