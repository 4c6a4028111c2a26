const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * The calendar date the author wrote, as "October 22, 2025". It is read from the string itself, never converted
 * through a time zone, so `2025-10-22T23:30:00-05:00` stays October 22 wherever the site is built or served.
 */
export function formatPostDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso.trim());
  if (!match) throw new Error(`not an ISO 8601 date: ${iso}`);
  const [, year, month, day] = match;
  return `${MONTHS[Number(month) - 1]} ${Number(day)}, ${year}`;
}

/** The value for `<time datetime>`: the author's string with its offset, in the form HTML accepts. */
export function dateTimeAttribute(iso: string): string {
  return iso.trim().replace(" ", "T");
}
