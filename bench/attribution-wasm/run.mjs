// The wasm32 side: node run.mjs MODULE.wasm FILE [all|heuristic|markov|markov1] prints `hash count seconds`.
import { readFileSync } from "node:fs";
const [wasmPath, csvPath, which = "all"] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {});
const e = instance.exports;
const bytes = readFileSync(csvPath);
const ptr = e.input(bytes.length);
new Uint8Array(e.memory.buffer, ptr, bytes.length).set(bytes);
const code = { all: 0, heuristic: 1, markov: 2, markov1: 3 }[which];
const t = performance.now();
const h = e.hash(code);
const s = (performance.now() - t) / 1000;
console.log(`${BigInt.asUintN(64, h).toString(16).padStart(16, "0")} ${e.count()} ${s.toFixed(6)}`);
