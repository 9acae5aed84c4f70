// The custom-functions entry of the add-in (bundled to dist/excel/functions.js).
//
// Every registry function is associated at once, from the ids the build baked in
// (the same build wrote functions.json from the same registry), so Excel never sees an
// unassociated id. The WASM is fetched and instantiated once per runtime; calls that
// arrive before it is ready return a Promise that settles when it is.

import initWasm, * as glue from '../../pkg/sheetkpi.js';
import { createKpi } from '../core/sheetkpi.js';
import { excelConverters } from './convert.js';

/* global CustomFunctions, __SHEETKPI_IDS__ */

/** Function ids in registry order, injected by js/excel/build.mjs. */
const IDS = __SHEETKPI_IDS__;

const mark = (name) => globalThis.performance?.mark?.(name);

/** Loads the WASM next to the page and checks it is the registry this bundle was built for. */
async function load() {
  await initWasm({ module_or_path: fetch(new URL('sheetkpi_bg.wasm', globalThis.location.href)) });
  const kpi = createKpi(glue);
  // function_names() is [id, Excel name, Sheets name] per function: cheap, unlike the full registry.
  const ids = glue.function_names().filter((_, i) => i % 3 === 0).map((id) => id.toUpperCase());
  if (ids.join() !== IDS.join()) {
    throw new Error(`functions.js was built for ${IDS.join(', ')} but the WASM has ${ids.join(', ')}`);
  }
  mark('sheetkpi:wasm-ready');
  return kpi;
}

function start() {
  const convert = excelConverters(CustomFunctions);
  let kpi = null;
  const ready = load().then(
    (k) => (kpi = k),
    (e) => {
      console.error('sheetkpi: the calculation engine failed to load.', e);
      throw e;
    },
  );
  // Marked handled here: the failure is logged above, and each caller reports it its own way.
  ready.catch(() => {});
  const unavailable = () =>
    new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, 'The sheetkpi engine could not load; reload the add-in.');

  /** The JavaScript function Excel calls for registry function `index`. */
  const excelFunction = (index) =>
    function (...args) {
      if (kpi) return convert.result(kpi.call(index, args.map(convert.arg)));
      return ready.then(
        (k) => convert.result(k.call(index, args.map(convert.arg))),
        () => {
          throw unavailable();
        },
      );
    };

  IDS.forEach((id, index) => CustomFunctions.associate(id, excelFunction(index)));
  mark('sheetkpi:associated');
  return { ready, ids: IDS };
}

// Once per runtime, even if the page and the manifest's Script both load this file.
globalThis.sheetkpiExcel ??= start();
