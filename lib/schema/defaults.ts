import type { Settings } from './records';

/** Defaults from the seed studies (DESIGN §4): 30 min target, 24 h limit, escalate past 4 messages. */
export const DEFAULT_SETTINGS: Settings = {
  agentName: '',
  brandHandles: { x: [], facebook: [] },
  brandPageNames: {},
  sla: { targetMinutes: 30, limitHours: 24, overrides: [] },
  schedule: null,
  escalationThreshold: 4,
  cost: null,
};
