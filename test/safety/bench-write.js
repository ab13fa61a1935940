// Measures writeOutputFile (dist/src/cli/io.js) against write-file-atomic (as installed under node_modules,
// a dependency of jest) and a plain fs.writeFile, for docs/file-safety.md. Run: node test/safety/bench-write.js
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { writeOutputFile } = require("../../dist/src/cli/io.js");
let wfa = null;
try { wfa = require("write-file-atomic"); } catch { /* not installed */ }

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mm-bench-"));
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(label, size, runs, write) {
  const bytes = Buffer.alloc(size, 7);
  const file = path.join(dir, `${label}-${size}.bin`);
  fs.writeFileSync(file, "old");
  const ts = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await write(file, bytes);
    ts.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(ts);
}

(async () => {
  const rows = [];
  for (const [size, runs] of [[20_000, 41], [20 << 20, 11]]) {
    const own = await time("own", size, runs, writeOutputFile);
    const lib = wfa ? await time("wfa", size, runs, (f, b) => wfa(f, b)) : NaN;
    const plain = await time("plain", size, runs, (f, b) => fs.promises.writeFile(f, b));
    rows.push({ size, own: own.toFixed(2), "write-file-atomic": lib.toFixed(2), "fs.writeFile (not atomic)": plain.toFixed(2) });
  }
  console.table(rows);
  fs.rmSync(dir, { recursive: true, force: true });
})();
