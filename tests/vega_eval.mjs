// Run a chart's own Vega-Lite spec in Node with given parameter values and print every dataset
// the compiled Vega view computes, as JSON: the page's in-browser model, evaluated without a
// browser, so a test can compare it with the Python twin.
// Usage: node tests/vega_eval.mjs < {"spec": {...}, "params": {"name": value, ...}}
import * as vl from "vega-lite";
import * as vega from "vega";

let input = "";
for await (const chunk of process.stdin) { input += chunk; }
const { spec, params } = JSON.parse(input);
const compiled = vl.compile(spec).spec;
const view = new vega.View(vega.parse(compiled), { renderer: "none" });
for (const [name, value] of Object.entries(params)) { view.signal(name, value); }
await view.runAsync();
const out = {};
for (const d of compiled.data || []) { out[d.name] = view.data(d.name); }
process.stdout.write(JSON.stringify(out));
