// LibreOffice headless as an independent spreadsheet: opens a file and saves it in another
// format, which is how the tests see what LibreOffice makes of a file (a formula or text, a
// number or a string). Debian's libreoffice-calc-nogui, installed by scripts/test.sh.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

/**
 * `file` as LibreOffice saves it in `format` (`csv`, `fods`…), as text. Each call has a
 * profile of its own under `work`, so that no running LibreOffice (or an earlier call's) is reused.
 */
export function libreOfficeAs(file, format, work) {
  const out = mkdtempSync(join(work, 'lo-'));
  execFileSync('soffice', [`-env:UserInstallation=file://${out}/profile`, '--headless', '--convert-to', format, '--outdir', out, file], { stdio: 'ignore', timeout: 120000 });
  return readFileSync(join(out, `${basename(file, extname(file))}.${format}`), 'utf8');
}

/**
 * The cells of `file` as LibreOffice reads them, asked through its UNO bridge
 * (tests/oracle/libreoffice_cells.py), since its file writers keep only 15 digits:
 * `{sheets: {name: rows}}`, rows of `{t: 'n', v, s}` (a number: the double and its text as
 * shown), `{t: 's', s}` (text), `{t: 'f', formula, r, v|s}` (a formula and its result:
 * `r` is `n`, `s` or `e` for an error, its code in `s`) or `null` (empty). Options:
 * `filter` and `options` (the import filter, e.g. the CSV one with a locale's settings),
 * `recalc` (recalculate every formula, then read every sheet), `edit: [sheet, cell, number]`
 * (then set that cell, recalculate and read again, as `edited`).
 */
export function libreOfficeCells(file, { filter, options, recalc, edit } = {}) {
  const script = new URL('../oracle/libreoffice_cells.py', import.meta.url).pathname;
  const args = [script, file];
  if (filter) args.push('--filter', filter);
  if (options) args.push('--options', options);
  if (recalc) args.push('--recalc');
  if (edit) args.push('--edit', ...edit.map(String));
  const out = execFileSync('/usr/bin/python3', args, { encoding: 'utf8', timeout: 180000, maxBuffer: 64 << 20 });
  return JSON.parse(out);
}
