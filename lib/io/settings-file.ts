/**
 * The team settings file (format `threadmark-settings`, version 2; README "Team settings
 * file"): what a lead hands the team so everyone measures the same way. One JSON object:
 *
 *   {"format":"threadmark-settings","schemaVersion":2,"exportedAt":<ms>,
 *    "team":{"brandHandles":…,"brandPageNames":…,"sla":…,"schedule":…,"escalationThreshold":…}}
 *
 * Version 2 added `brandPageNames` (the brand Pages' names by Page id). Version 1 files,
 * without it, still read; applying one keeps the agent's own names for the Pages it lists.
 * The agent's own name and hourly cost are personal and never in it. Pure.
 */
import { z } from 'zod';
import { settingsSchema, type Settings } from '../schema/records';
import { agentNameSchema, checkPageNames, EARLIEST_TIME } from './export-format';

export const SETTINGS_FORMAT = 'threadmark-settings';
export const SETTINGS_VERSION = 2;
/** Versions this build reads (each has a fixture in tests/fixtures/settings). */
const READABLE_VERSIONS = [1, 2] as const;
const MAX_SETTINGS_BYTES = 1024 * 1024;

const teamSettingsSchema = settingsSchema
  .pick({ brandHandles: true, sla: true, schedule: true, escalationThreshold: true })
  // Optional: a version 1 file has no names (and a missing field must not erase the agent's).
  .extend({ brandPageNames: settingsSchema.shape.brandPageNames.unwrap().optional() })
  .strict()
  .superRefine((s, ctx) => {
    s.brandHandles.facebook.forEach((page, i) => {
      if (!agentNameSchema.safeParse(page).success) ctx.addIssue({ code: 'custom', path: ['brandHandles', 'facebook', i], message: 'unsafe name' });
    });
    checkPageNames(s.brandPageNames ?? {}, ctx, ['brandPageNames']);
  });
export type TeamSettings = z.infer<typeof teamSettingsSchema>;

export const settingsFileSchema = z
  .object({
    format: z.literal(SETTINGS_FORMAT),
    schemaVersion: z.literal(READABLE_VERSIONS),
    exportedAt: z.number().int().min(EARLIEST_TIME),
    team: teamSettingsSchema,
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.schemaVersion === 1 && f.team.brandPageNames !== undefined) ctx.addIssue({ code: 'custom', path: ['team', 'brandPageNames'], message: 'not in a version 1 file' });
  });

export function writeSettingsFile(settings: Settings, now: number): string {
  const { brandHandles, brandPageNames, sla, schedule, escalationThreshold } = settings;
  const file = settingsFileSchema.parse({
    format: SETTINGS_FORMAT,
    schemaVersion: SETTINGS_VERSION,
    exportedAt: now,
    team: { brandHandles, brandPageNames, sla, schedule, escalationThreshold },
  });
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type SettingsFileResult = { ok: true; team: TeamSettings } | { ok: false; file: string; field: string; detail: string };

export function readSettingsFile(name: string, text: string): SettingsFileResult {
  if (text.length > MAX_SETTINGS_BYTES) return { ok: false, file: name, field: '', detail: 'larger than 1 MB' };
  let value: unknown;
  try {
    value = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch {
    return { ok: false, file: name, field: '', detail: 'not JSON' };
  }
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > SETTINGS_VERSION) {
    return { ok: false, file: name, field: 'schemaVersion', detail: `version ${version}; this build reads up to ${SETTINGS_VERSION}` };
  }
  const parsed = settingsFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, file: name, field: issue.path.map(String).join('.'), detail: issue.message };
  }
  return { ok: true, team: parsed.data.team };
}

/**
 * The agent's settings with the team's applied; their name and hourly cost stay theirs. A
 * file without Page names (version 1) keeps the agent's names of the Pages it lists.
 */
export function applyTeamSettings(mine: Settings, team: TeamSettings): Settings {
  const { brandPageNames, ...rest } = team;
  const names = brandPageNames ?? Object.fromEntries(Object.entries(mine.brandPageNames).filter(([id]) => team.brandHandles.facebook.includes(id)));
  return { ...mine, ...rest, brandPageNames: names };
}
