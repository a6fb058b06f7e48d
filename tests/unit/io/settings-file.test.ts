// @vitest-environment node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyTeamSettings, readSettingsFile, writeSettingsFile } from '../../../lib/io/settings-file';
import { at, officeHours, settings } from '../metrics/build';

const NOW = at('2024-06-01 00:00');
const lead = settings({
  agentName: 'Lead',
  brandHandles: { x: ['AcmeHelp', 'AcmeES'], facebook: ['Acme Page', '104729385610001'] },
  brandPageNames: { '104729385610001': 'Acme Care' },
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
    expect(read.team).toEqual({ brandHandles: lead.brandHandles, brandPageNames: { '104729385610001': 'Acme Care' }, sla: lead.sla, schedule: lead.schedule, escalationThreshold: 6 });
  });

  it("gives every agent the brand Pages' names, not only their ids", () => {
    const read = readSettingsFile('team.json', writeSettingsFile(lead, NOW));
    if (!read.ok) throw new Error(read.detail);
    const agent = settings({ agentName: 'Ana', brandPageNames: {} });
    expect(applyTeamSettings(agent, read.team).brandPageNames).toEqual({ '104729385610001': 'Acme Care' });
  });

  it("keeps the agent's own names of the listed Pages when a version 1 file (no names) is applied", () => {
    const v1 = readFileSync(resolve(__dirname, '../../fixtures/settings/threadmark-team-settings-v1.json'), 'utf8').replace('"Acme Page"', '"Acme Page", "104729385610001"');
    const read = readSettingsFile('v1.json', v1);
    if (!read.ok) throw new Error(`${read.field}: ${read.detail}`);
    const agent = settings({ brandHandles: { x: [], facebook: ['104729385610001', '555'] }, brandPageNames: { '104729385610001': 'Acme Care', '555': 'Old Page' } });
    // The Page the team still lists keeps its name; the one the team dropped goes with its name.
    expect(applyTeamSettings(agent, read.team).brandPageNames).toEqual({ '104729385610001': 'Acme Care' });
  });

  it("applies to an agent's settings, keeping their own name and hourly cost", () => {
    const read = readSettingsFile('team.json', writeSettingsFile(lead, NOW));
    if (!read.ok) throw new Error(read.detail);
    const agent = settings({ agentName: 'Ana', cost: { hourly: 20, weeklyHours: 30 } });
    expect(applyTeamSettings(agent, read.team)).toEqual({ ...lead, agentName: 'Ana', cost: { hourly: 20, weeklyHours: 30 } });
  });

  it.each([
    ['not JSON', () => '{"format":', ''],
    ['a newer version', (t: string) => t.replace('"schemaVersion": 2', '"schemaVersion": 3'), 'schemaVersion'],
    ['a Page name with markup', (t: string) => t.replace('"Acme Care"', '"<b>Acme</b>"'), 'team.brandPageNames.104729385610001'],
    ['a Page name that starts a spreadsheet formula', (t: string) => t.replace('"Acme Care"', '"=HYPERLINK(1)"'), 'team.brandPageNames.104729385610001'],
    ['a Page name keyed by something other than a Page id', (t: string) => t.replace('"104729385610001": "Acme Care"', '"acme": "Acme Care"'), 'team.brandPageNames.acme'],
    ['Page names in a file that says version 1', (t: string) => t.replace('"schemaVersion": 2', '"schemaVersion": 1'), 'team.brandPageNames'],
    ['another format', (t: string) => t.replace('threadmark-settings', 'threadmark-export'), 'format'],
    ['a bad X handle', (t: string) => t.replace('"AcmeES"', '"not a handle!"'), 'team.brandHandles.x.1'],
    ['a Page entry with markup', (t: string) => t.replace('"Acme Page"', '"<img src=x>"'), 'team.brandHandles.facebook.0'],
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
  it.each([
    [1, 'threadmark-team-settings-v1.json', undefined],
    [2, 'threadmark-team-settings-v2.json', { '104729385610001': 'Acme Care' }],
  ])('still reads a version %i file written by that build', (version, name, pageNames) => {
    const text = readFileSync(resolve(__dirname, '../../fixtures/settings', name), 'utf8');
    const read = readSettingsFile(name, text);
    if (!read.ok) throw new Error(`${read.field}: ${read.detail}`);
    expect(JSON.parse(text).schemaVersion).toBe(version);
    expect(read.team.schedule?.timeZone).toBe('Europe/Bucharest');
    expect(read.team.brandPageNames).toEqual(pageNames);
  });
});
