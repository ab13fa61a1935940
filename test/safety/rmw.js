// node rmw.js FILE TAG N [--no-lock] [--hold MS] [--timeout MS] — N read-modify-write rounds over a JSON
// array in FILE, each appending "TAG-i" under withOutputLock (dist/), as consolidate does with its -o file.
// --hold keeps the lock MS ms after reading (a slow consolidate); --timeout sets how long to wait for it.
// --no-lock: the same rounds without the lock (to show what the lock prevents). Exit 2 with the message
// when the lock is refused.
const { readFile } = require("node:fs/promises");
const io = require("../../dist/src/cli/io.js");

const [file, tag, n, ...rest] = process.argv.slice(2);
const opt = (name) => {
  const i = rest.indexOf(name);
  return i < 0 ? undefined : Number(rest[i + 1]);
};
const noLock = rest.includes("--no-lock");
const hold = opt("--hold") ?? 0;
if (opt("--timeout") !== undefined) io.lockSettings.timeoutMs = opt("--timeout");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function round(i) {
  const work = async () => {
    const list = JSON.parse(Buffer.from(await readFile(file)).toString("utf8"));
    await sleep(hold || Math.random() * 4); // the time consolidate spends between reading and writing
    list.push(`${tag}-${i}`);
    await io.writeOutputFile(file, Buffer.from(JSON.stringify(list)));
  };
  return noLock ? work() : io.withOutputLock(file, work);
}

(async () => {
  for (let i = 0; i < Number(n); i++) await round(i);
  console.log("done");
})().catch((e) => {
  console.error(e.message);
  process.exitCode = 2;
});
