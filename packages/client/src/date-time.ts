// The one string format the spec uses, `date-time`: RFC 3339 §5.6, a full date and a time with its
// offset ("2024-07-29T15:51:28.071Z"), as Ajv's ajv-formats checks it (test/date-time.test.ts
// compares the two). Written here so that no validator library is loaded at run time.

/** A full date, "T" (or "t", or a space), and a full time with its offset. */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[t\s](\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)(?:z|([+-])(\d{2})(?::?(\d{2}))?)$/i;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isDateTime(text: string): boolean {
  const match = DATE_TIME.exec(text);
  if (match === null) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as number[];
  const isLeapYear = year! % 4 === 0 && (year! % 100 !== 0 || year! % 400 === 0);
  const lastDay = month === 2 && isLeapYear ? 29 : DAYS_IN_MONTH[month! - 1];
  if (lastDay === undefined || day! < 1 || day! > lastDay) return false;
  const sign = match[7] === "-" ? -1 : 1;
  const [offsetHours, offsetMinutes] = [Number(match[8] ?? 0), Number(match[9] ?? 0)];
  if (offsetHours > 23 || offsetMinutes > 59) return false;
  if (hour! <= 23 && minute! <= 59 && second! < 60) return true;
  // A leap second (":60") is valid only at 23:59 UTC.
  const utcMinute = minute! - offsetMinutes * sign;
  const utcHour = hour! - offsetHours * sign - (utcMinute < 0 ? 1 : 0);
  return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second! < 61;
}
