// The wasm32 side: node run.mjs MODULE.wasm FILE [all|heuristic|markov|markov1] [REPEAT]
// prints `hash count seconds first_seconds`: the fastest of REPEAT runs (default 1) and the
// first one (which includes V8's tier-up of the freshly compiled module).
import { readFileSync } from "node:fs";
const [wasmPath, csvPath, which = "all", repeat = "1"] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {});
const e = instance.exports;
const bytes = readFileSync(csvPath);
const ptr = e.input(bytes.length);
new Uint8Array(e.memory.buffer, ptr, bytes.length).set(bytes);
const code = { all: 0, heuristic: 1, markov: 2, markov1: 3 }[which];
let h = 0n;
let best = Infinity;
let first = 0;
for (let i = 0; i < Math.max(1, Number(repeat)); i++) {
  const t = performance.now();
  h = e.hash(code);
  const s = (performance.now() - t) / 1000;
  if (i === 0) first = s;
  best = Math.min(best, s);
}
console.log(`${BigInt.asUintN(64, h).toString(16).padStart(16, "0")} ${e.count()} ${best.toFixed(6)} ${first.toFixed(6)}`);
