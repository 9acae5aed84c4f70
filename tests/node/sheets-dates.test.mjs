// Date → serial day conversion pieces (js/sheets/dates.js), with hand-counted serials.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serialFromWallClock, makeSerialOf, WALL_CLOCK_PATTERN } from '../../js/sheets/dates.js';

test('wall clock → serial day, counted by hand from 1899-12-30', () => {
  assert.equal(serialFromWallClock(1899, 12, 30, 0, 0, 0, 0), 0);
  assert.equal(serialFromWallClock(1899, 12, 29, 0, 0, 0, 0), -1);
  assert.equal(serialFromWallClock(1900, 1, 1, 0, 0, 0, 0), 2);
  assert.equal(serialFromWallClock(2024, 1, 1, 12, 0, 0, 0), 45292.5);
  assert.equal(serialFromWallClock(2024, 1, 1, 6, 0, 0, 0), 45292.25);
  assert.equal(serialFromWallClock(2024, 1, 1, 0, 0, 0, 1), 45292 + 1 / 86400000);
  // Year 99 stays year 99 (Date.UTC would make it 1999): 1899-12-30 minus 1800 years and a day.
  assert.ok(serialFromWallClock(99, 12, 29, 0, 0, 0, 0) < -650000);
});

/** A host whose formatDate reads the wall clock in UTC shifted by `hours`. */
function host({ spreadsheet, scriptZone = 'Script/Zone', shift = {} }) {
  const asked = [];
  return {
    asked,
    SpreadsheetApp: spreadsheet === undefined ? undefined : { getActiveSpreadsheet: spreadsheet },
    Session: { getScriptTimeZone: () => scriptZone },
    Utilities: {
      formatDate(d, zone, pattern) {
        asked.push(zone);
        assert.equal(pattern, WALL_CLOCK_PATTERN);
        const t = new Date(d.getTime() + (shift[zone] || 0) * 3600000);
        return t.toISOString().replace('Z', '');
      },
    },
  };
}

test('the spreadsheet zone is used; the script zone only when no spreadsheet can be asked', () => {
  const d = new Date(Date.UTC(2024, 0, 1, 20)); // 2024-01-01 20:00 UTC
  const inSheet = host({ spreadsheet: () => ({ getSpreadsheetTimeZone: () => 'Sheet/Zone' }), shift: { 'Sheet/Zone': 5 } });
  assert.equal(makeSerialOf(inSheet)(d), 45293 + 1 / 24); // 2024-01-02 01:00
  assert.deepEqual(inSheet.asked, ['Sheet/Zone']);
  for (const spreadsheet of [undefined, () => null, () => { throw new Error('no access'); }]) {
    const h = host({ spreadsheet, shift: { 'Script/Zone': -8 } });
    assert.equal(makeSerialOf(h)(d), 45292.5); // 2024-01-01 12:00
    assert.deepEqual(h.asked, ['Script/Zone']);
  }
});

test('an invalid Date is NaN (the core answers #NUM!), an unreadable one #VALUE!', () => {
  const h = host({ spreadsheet: undefined });
  assert.ok(Number.isNaN(makeSerialOf(h)(new Date(NaN))));
  h.Utilities.formatDate = () => 'not a date';
  assert.throws(() => makeSerialOf(h)(new Date(0)), /^Error: #VALUE! /);
});
