/**
 * Short, language-neutral durations for bars and the popup: "45s", "12m", "1h 05m",
 * "3d 4h". Units are the international abbreviations, read the same in English,
 * Spanish and Romanian.
 */
export function formatDuration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}
