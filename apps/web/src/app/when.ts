/**
 * A moment the planner types to jump the timeline to, read in the app's own unambiguous forms (local time): the form
 * the timeline shows, "6 Dec 2026, 14:30" (month as a word, seconds optional), the ISO form "2026-12-06 14:30", or a
 * time alone for today. A date of digits only ("03/04/2026") is refused: it reads as 3 April in one country and as
 * 4 March in another. A date without a time is its first moment.
 */
export type When = { at: number } | { error: string };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const TIME = String.raw`(?:[\sT,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?`;
const ISO = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}$`);
const NAMED = new RegExp(String.raw`^(\d{1,2})\.?\s+([a-z]+)\.?,?\s+(\d{4})${TIME}$`, 'i');
const TIME_ONLY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const DIGITS_ONLY = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b/;

export const WHEN_EXAMPLE = 'such as 6 Dec 2026, 14:30 or 2026-12-06 14:30';

export function parseWhen(text: string, now = new Date()): When {
  const t = text.trim();
  let parts: (string | undefined)[] | null = null;
  const iso = ISO.exec(t);
  const named = NAMED.exec(t);
  const time = TIME_ONLY.exec(t);
  if (iso) parts = [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]];
  else if (named) {
    const month = MONTHS.findIndex((m) => named[2]!.toLowerCase().startsWith(m));
    if (month < 0) return { error: `“${named[2]}” is not a month: write it as Jan, Feb, … Dec.` };
    parts = [named[3], String(month + 1), named[1], named[4], named[5], named[6]];
  } else if (time) parts = [String(now.getFullYear()), String(now.getMonth() + 1), String(now.getDate()), time[1], time[2], time[3]];
  else if (DIGITS_ONLY.test(t))
    return { error: `“${t}” could be read two ways: write the month as a word or the date as year-month-day, ${WHEN_EXAMPLE}.` };
  if (!parts) return { error: `Write a date and time ${WHEN_EXAMPLE}.` };
  const [y, mo, d, h, mi, s] = parts.map((p) => Number(p ?? 0)) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, s);
  // Date rolls 31 Apr over to 1 May and 25:00 to the next day: a moment it had to roll is not one.
  const rolled =
    date.getFullYear() !== y ||
    date.getMonth() !== mo - 1 ||
    date.getDate() !== d ||
    date.getHours() !== h ||
    date.getMinutes() !== mi ||
    date.getSeconds() !== s;
  if (rolled) return { error: `“${t}” is not a date and time there is: write one ${WHEN_EXAMPLE}.` };
  return { at: date.getTime() };
}
