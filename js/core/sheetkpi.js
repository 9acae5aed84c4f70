// The one JavaScript entry over the WASM core, shared by every host (Excel, Sheets,
// the browser page, Node tests and benchmarks). It only routes: plain-number calls go
// to the serde-free fast paths, everything else to the generic `evaluate`.
//
// Results: a number, a string, or {error: "#DIV/0!", message}.

// Built-ins bound once: hosts that evaluate this in a vm context (the Apps Script and
// Excel emulations) pay for every global lookup, and a range is millions of them.
const { isArray } = Array;
const { isFinite, isNaN } = Number;

/** @param {unknown} x */
const isNumber = (x) => typeof x === 'number' && isFinite(x);
/**
 * A blank by the core's one rule (Rust `Cell::is_blank`): nothing (Excel null, omitted
 * undefined) or text of only whitespace (Sheets sends blank cells as ""). Only a
 * pre-filter for the fast path: what it calls blank, Rust calls blank too; anything
 * else goes the generic way, where Rust's rule decides. JS trim() and Rust trim() both
 * strip Unicode White_Space, except that JS also strips U+FEFF (not White_Space, so a
 * BOM is left to Rust) and Rust also strips U+0085 (which JS keeps: Rust decides).
 */
const isBlank = (x) => x === null || x === undefined || (typeof x === 'string' && x.trim() === '' && !x.includes('\ufeff'));

/**
 * Wraps an initialised wasm-bindgen glue module (`pkg/sheetkpi.js` after init/initSync).
 * @param {any} glue
 */
export function createKpi(glue) {
  // Routing needs only the names; the full registry (descriptions, examples) is built on
  // first use, which keeps it out of every cold start (Sheets runs many).
  const names = glue.function_names();
  /** @type {Map<string, number>} */
  const byName = new Map();
  const ids = [];
  for (let i = 0; i < names.length; i += 3) {
    ids.push(names[i]);
    for (const n of names.slice(i, i + 3)) byName.set(n.toUpperCase(), i / 3);
  }
  /** @type {Array<any> | undefined} */
  let registry;
  /** @type {Record<string, any> | undefined} */
  let resultKinds;
  const scratch = [0, 0, 0, 0, 0, 0];

  /**
   * Flattens all-numeric arguments for eval_numbers; null when any cell is not a
   * finite number or blank (text, booleans, errors, NaN go the generic way).
   * @param {unknown[]} args
   */
  function flatten(args) {
    let total = 0;
    for (const a of args) {
      if (!isArray(a)) total++;
      else for (const row of a) total += isArray(row) ? row.length : 1;
    }
    const values = new Float64Array(total);
    const shape = new Uint32Array(args.length * 2);
    let n = 0;
    for (let k = 0; k < args.length; k++) {
      const a = args[k];
      const start = n;
      let cells = 0;
      const take = (c) => {
        cells++;
        if (isNumber(c)) values[n++] = c;
        else if (!isBlank(c)) return false;
        return true;
      };
      if (isArray(a)) {
        for (const row of a) {
          if (isArray(row)) {
            for (const c of row) if (!take(c)) return null;
          } else if (!take(row)) return null;
        }
      } else if (!take(a)) return null;
      shape[2 * k] = n - start;
      shape[2 * k + 1] = cells;
    }
    return { values: values.subarray(0, n), shape };
  }

  /**
   * Index of a function by id, Excel name or Sheets name (any case), or -1.
   * @param {string} name
   */
  function indexOf(name) {
    const i = byName.get(String(name).toUpperCase());
    return i === undefined ? -1 : i;
  }

  /**
   * Calls a function. `fn` is a name or an index from indexOf.
   * @param {string|number} fn
   * @param {unknown[]} args
   */
  function call(fn, args) {
    const i = typeof fn === 'number' ? fn : indexOf(fn);
    if (i < 0 || i >= ids.length) return glue.evaluate(String(fn), args);
    let fast = NaN;
    if (args.length <= 6 && args.every(isNumber)) {
      for (let k = 0; k < 6; k++) scratch[k] = k < args.length ? args[k] : 0;
      fast = glue.eval_fast(i, args.length, scratch[0], scratch[1], scratch[2], scratch[3], scratch[4], scratch[5]);
    } else {
      const flat = flatten(args);
      if (flat) fast = glue.eval_numbers(i, flat.values, flat.shape);
    }
    // NaN from a fast path means an error or a text result: get the full answer.
    return isNaN(fast) ? glue.evaluate(ids[i], args) : fast;
  }

  return {
    /** The registry, in the same order as the Rust registry. */
    get functions() {
      registry ??= glue.registry();
      return registry;
    },
    /** How each result kind is shown (`result_kinds()`: decimals, percent, suffix…). */
    get resultKinds() {
      resultKinds ??= glue.result_kinds();
      return resultKinds;
    },
    indexOf,
    call,
    evaluate: glue.evaluate,
    version: glue.version(),
  };
}
