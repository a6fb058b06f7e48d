/**
 * The team settings file (format `threadmark-settings`, version 1; README "Team settings
 * file"): what a lead hands the team so everyone measures the same way. One JSON object:
 *
 *   {"format":"threadmark-settings","schemaVersion":1,"exportedAt":<ms>,
 *    "team":{"brandHandles":…,"sla":…,"schedule":…,"escalationThreshold":…}}
 *
 * The agent's own name and hourly cost are personal and never in it. Pure.
 */
import { z } from 'zod';
import { settingsSchema, type Settings } from '../schema/records';
import { agentNameSchema, EARLIEST_TIME } from './export-format';

export const SETTINGS_FORMAT = 'threadmark-settings';
export const SETTINGS_VERSION = 1;
const MAX_SETTINGS_BYTES = 1024 * 1024;

const teamSettingsSchema = settingsSchema
  .pick({ brandHandles: true, sla: true, schedule: true, escalationThreshold: true })
  .strict()
  .superRefine((s, ctx) => {
    s.brandHandles.facebook.forEach((page, i) => {
      if (!agentNameSchema.safeParse(page).success) ctx.addIssue({ code: 'custom', path: ['brandHandles', 'facebook', i], message: 'unsafe name' });
    });
  });
export type TeamSettings = z.infer<typeof teamSettingsSchema>;

export const settingsFileSchema = z
  .object({
    format: z.literal(SETTINGS_FORMAT),
    schemaVersion: z.literal(SETTINGS_VERSION),
    exportedAt: z.number().int().min(EARLIEST_TIME),
    team: teamSettingsSchema,
  })
  .strict();

export function writeSettingsFile(settings: Settings, now: number): string {
  const { brandHandles, sla, schedule, escalationThreshold } = settings;
  const file = settingsFileSchema.parse({
    format: SETTINGS_FORMAT,
    schemaVersion: SETTINGS_VERSION,
    exportedAt: now,
    team: { brandHandles, sla, schedule, escalationThreshold },
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

/** The agent's settings with the team's applied; their name and hourly cost stay theirs. */
export function applyTeamSettings(mine: Settings, team: TeamSettings): Settings {
  return { ...mine, ...team };
}
