/**
 * "Now" as an author in `timeZone` would write it: `2026-03-01T09:30:00+01:00`, to the second, with the zone's
 * offset at that instant (so daylight saving is right). The editor's Date field starts with it for a new post.
 */
export function nowInZone(timeZone = "UTC", now = Date.now()): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZoneName: "longOffset",
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  // "GMT" alone is UTC; otherwise "GMT+05:30".
  const offset = part("timeZoneName").replace("GMT", "") || "+00:00";
  return `${part("year")}-${part("month")}-${part("day")}T${part("hour")}:${part("minute")}:${part("second")}${offset}`;
}
