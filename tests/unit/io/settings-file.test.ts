// @vitest-environment node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyTeamSettings, readSettingsFile, writeSettingsFile } from '../../../lib/io/settings-file';
import { at, officeHours, settings } from '../metrics/build';

const NOW = at('2024-06-01 00:00');
const lead = settings({
  agentName: 'Lead',
  brandHandles: { x: ['AcmeHelp', 'AcmeES'], facebook: ['Acme Page'] },
  sla: { targetMinutes: 15, limitHours: 8, overrides: [{ platform: 'x', queryType: 'complaint', targetMinutes: 10, limitHours: 4 }] },
  schedule: officeHours('Europe/Madrid', ['2024-12-25']),
  escalationThreshold: 6,
  cost: { hourly: 30, weeklyHours: 40 },
});

describe('the team settings file', () => {
  it("carries the team's way of measuring, not the lead's name or hourly cost", () => {
    const text = writeSettingsFile(lead, NOW);
    expect(text).not.toContain('Lead');
    expect(text).not.toContain('hourly');
    const read = readSettingsFile('team.json', text);
    if (!read.ok) throw new Error(read.detail);
    expect(read.team).toEqual({ brandHandles: lead.brandHandles, sla: lead.sla, schedule: lead.schedule, escalationThreshold: 6 });
  });

  it("applies to an agent's settings, keeping their own name and hourly cost", () => {
    const read = readSettingsFile('team.json', writeSettingsFile(lead, NOW));
    if (!read.ok) throw new Error(read.detail);
    const agent = settings({ agentName: 'Ana', cost: { hourly: 20, weeklyHours: 30 } });
    expect(applyTeamSettings(agent, read.team)).toEqual({ ...lead, agentName: 'Ana', cost: { hourly: 20, weeklyHours: 30 } });
  });

  it.each([
    ['not JSON', () => '{"format":', ''],
    ['a newer version', (t: string) => t.replace('"schemaVersion": 1', '"schemaVersion": 2'), 'schemaVersion'],
    ['another format', (t: string) => t.replace('threadmark-settings', 'threadmark-export'), 'format'],
    ['a bad X handle', (t: string) => t.replace('"AcmeES"', '"not a handle!"'), 'team.brandHandles.x.1'],
    ['a Page name with markup', (t: string) => t.replace('"Acme Page"', '"<img src=x>"'), 'team.brandHandles.facebook.0'],
    ['a target longer than the limit', (t: string) => t.replace('"targetMinutes": 15', '"targetMinutes": 900'), 'team.sla.targetMinutes'],
    ['an unknown time zone', (t: string) => t.replace('Europe/Madrid', 'Mars/Olympus'), 'team.schedule.timeZone'],
    ['a __proto__ key', (t: string) => t.replace('"team": {', '"team": {"__proto__": {"x": 1},'), 'team'],
    ['an agent name slipped in', (t: string) => t.replace('"team": {', '"team": {"agentName": "Eve",'), 'team'],
  ])('refuses %s, naming the field', (_, mutate, field) => {
    const read = readSettingsFile('team.json', mutate(writeSettingsFile(lead, NOW)));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.file).toBe('team.json');
    expect(read.field).toBe(field);
  });
});

describe('every shipped version of the team settings file', () => {
  it.each([[1, 'threadmark-team-settings-v1.json']])('still reads a version %i file written by that build', (version, name) => {
    const text = readFileSync(resolve(__dirname, '../../fixtures/settings', name), 'utf8');
    const read = readSettingsFile(name, text);
    if (!read.ok) throw new Error(`${read.field}: ${read.detail}`);
    expect(JSON.parse(text).schemaVersion).toBe(version);
    expect(read.team.schedule?.timeZone).toBe('Europe/Bucharest');
  });
});
