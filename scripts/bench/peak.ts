// Preloaded into the processes the benchmark times (node -r …/peak.js): on exit, the process reports its
// peak resident memory on stderr, so the command line's memory is measured without changing it.
import { writeSync } from "node:fs";
import { PEAK_MARK } from "./stats";

process.on("exit", () => {
  writeSync(2, `\n${PEAK_MARK}${process.resourceUsage().maxRSS * 1024}\n`);
});
