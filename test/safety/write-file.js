// node write-file.js SOURCE TARGET — writes SOURCE's bytes over TARGET with writeOutputFile (dist/), for the
// kill tests of atomic.test.ts. Prints "written" when done; a WorkbookFileError is its message and exit 2.
// io.js needs ExcelJS only for its error class's module: a stub keeps this script's start at ~0.1 s, so
// that most of a run is the write being killed.
const Module = require("node:module");
const { readFileSync } = require("node:fs");
const stub = new Module(require.resolve("exceljs"));
stub.loaded = true;
stub.exports = {};
require.cache[stub.id] = stub;
const { writeOutputFile } = require("../../dist/src/cli/io.js");

const [source, target] = process.argv.slice(2);
const bytes = readFileSync(source);
const t0 = process.hrtime.bigint();
writeOutputFile(target, bytes).then(
  () => console.log(`written in ${Number(process.hrtime.bigint() - t0) / 1e6} ms`),
  (e) => {
    console.error(e.message);
    process.exitCode = 2;
  },
);
