// What the page's model sections (attribution, customers) share: model controls whose
// change recomputes in the worker (one request per distinct setting, only the latest answer
// shown, a setting that does not work explained while the last results stay), the CSV of
// the settings shown, and a fresh start for a newly opened file.
import { isError } from '../format.js';
import { download } from './download.js';

/**
 * @param {{
 *   root: HTMLElement, status: HTMLElement, showError: (e: unknown) => void,
 *   working: string, done: string,          // the status line while recomputing, and after
 *   compute: (params: object) => Promise<any>,  // the worker's answer for the controls' params
 *   csv: (params: object) => Promise<string>,   // the CSV of the params shown
 *   csvName: (baseName: string) => string,
 *   defaults: () => object,                 // the params of a fresh file's first answer
 *   draw: (result: any) => void,            // draws a recomputed answer
 * }} o
 */
export function createModelSection({ root, status, showError, working, done, compute, csv, csvName, defaults, draw }) {
  /** The file's name without its extension, for the download. */
  let baseName = '';
  /** The params of the answer shown. */
  let applied = defaults();
  /** The params last asked for, so that one edit is computed once. */
  let asked = '';
  let seq = 0;
  /** The controls ({params(), clearError(), showError(err), element}), once made. */
  let controls = null;

  /** The controls changed: recompute in the worker. */
  async function recompute() {
    const params = controls.params();
    const key = JSON.stringify(params);
    if (key === asked) return;
    asked = key;
    const mine = ++seq;
    // Set until the latest request is answered (earlier answers are dropped): tests wait on it.
    root.dataset.busy = 'true';
    status.textContent = working;
    try {
      const result = await compute(params);
      if (mine !== seq) return;
      delete root.dataset.busy;
      applied = params;
      controls.clearError();
      draw(result);
      status.textContent = done;
    } catch (err) {
      if (mine !== seq) return;
      delete root.dataset.busy;
      controls.showError(err);
      status.textContent = '';
    }
  }

  async function saveCsv() {
    const name = csvName(baseName);
    try {
      download(name, await csv(applied), 'text/csv;charset=utf-8');
      status.textContent = `Saved ${name}.`;
    } catch (err) {
      showError(err);
    }
  }

  return {
    recompute,
    saveCsv,
    /** The params of the answer shown. */
    applied: () => applied,
    controls: () => controls,
    /** Keeps the controls made for this file, and their params as the ones asked for. */
    adopt(made) {
      controls = made;
      asked = JSON.stringify(made.params());
    },
    /**
     * A new answer to show, for file `name`: true when the section starts again (a newly
     * opened file, no answer, an error, or no controls yet), its controls gone.
     */
    reset(result, name, fresh) {
      baseName = name;
      root.hidden = !result;
      if (!(fresh || !result || isError(result) || !controls)) return false;
      controls = null;
      applied = defaults();
      asked = '';
      seq++;
      delete root.dataset.busy;
      return true;
    },
  };
}
