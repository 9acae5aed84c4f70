// Google Sheets dates → spreadsheet serial days.
//
// Sheets stores a date as a serial day count from 1899-12-30 (the same numbers Excel uses
// from 1900-03-01 on) and hands it to a custom function as a JavaScript Date: the instant
// at which the spreadsheet's time zone shows that date and time. So the serial is that
// wall-clock reading, counted in days from 1899-12-30 00:00. The reading must be taken in
// the spreadsheet's time zone, not the script's (appsscript.json), which may differ.

const MS_PER_DAY = 86400000;
const WALL_CLOCK = /^(\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})$/;
/** Utilities.formatDate pattern (Java SimpleDateFormat) matching WALL_CLOCK. */
export const WALL_CLOCK_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSS";

/**
 * The serial day of a wall-clock reading (month 1–12). Exact for whole days; a time of
 * day gives the correctly rounded quotient of its milliseconds by a day's.
 */
export function serialFromWallClock(year, month, day, hour, minute, second, ms) {
  const t = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not move years 0–99 to the 1900s.
  t.setUTCFullYear(year, month - 1, day);
  t.setUTCHours(hour, minute, second, ms);
  const epoch = new Date(0);
  epoch.setUTCFullYear(1899, 11, 30);
  epoch.setUTCHours(0, 0, 0, 0);
  return (t.getTime() - epoch.getTime()) / MS_PER_DAY;
}

/**
 * Makes `serialOf(date)` for Apps Script: reads each Date's wall clock in the
 * spreadsheet's time zone with `Utilities.formatDate`. The time zone is asked for once,
 * on the first date, and each distinct instant is converted once.
 * @param {any} host the Apps Script global scope (SpreadsheetApp, Session, Utilities)
 */
export function makeSerialOf(host) {
  let zone = null;
  const seen = new Map();
  return function serialOf(date) {
    const ms = date.getTime();
    if (Number.isNaN(ms)) return NaN;
    const known = seen.get(ms);
    if (known !== undefined) return known;
    if (zone === null) zone = spreadsheetTimeZone(host);
    const m = WALL_CLOCK.exec(host.Utilities.formatDate(date, zone, WALL_CLOCK_PATTERN));
    if (!m) throw new Error(`#VALUE! The date ${date} could not be read as a spreadsheet date.`);
    const serial = serialFromWallClock(+m[1], +m[2], +m[3], +m[4], +m[5], +m[6], +m[7]);
    seen.set(ms, serial);
    return serial;
  };
}

/**
 * The spreadsheet's time zone; the script's when there is no spreadsheet to ask (a run
 * from the script editor) or Sheets refuses the read.
 */
function spreadsheetTimeZone(host) {
  try {
    const ss = host.SpreadsheetApp && host.SpreadsheetApp.getActiveSpreadsheet();
    if (ss) return ss.getSpreadsheetTimeZone();
  } catch (e) {
    // Fall through to the script's zone: better a date read in a known zone than no answer.
  }
  return host.Session.getScriptTimeZone();
}
