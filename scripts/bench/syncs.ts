// The Excel half of the benchmark: round trips (context.sync) and queued operations per pane action,
// counted by the Excel test host on the same generated district, as desktop Excel (no payload limit)
// and as Excel on the web (5 MB per request and per response). The host counts, it does not time:
// it has neither Excel's own work nor the network's latency.
// Built by tsconfig.bench-office.json (it needs the Office.js types); spawned by bench.ts per size:
//   node dist-bench/scripts/bench/syncs.js FILE
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { createService } from "../../src/office/service";
import { createHost, syncStats } from "../../src/testhost";
import { loadWorkbook, workbookInputOf } from "../../src/xlsx/read";
import { ACTIONS, type Action, type ActionCount, type Profile, type SyncResult } from "./sync-types";
import { BENCH_PERIOD } from "./workbook";


const AS_OF = "2021-06-30"; // the end of the bench period: the report's date
const NOW = new Date(Date.UTC(2021, 5, 30, 9, 0));

async function profile(file: string, which: Profile): Promise<Record<Action, ActionCount>> {
  const input = workbookInputOf(await loadWorkbook(readFileSync(file), basename(file)));
  const host = createHost(input, { limits: which === "desktop" ? null : undefined });
  const service = createService(host.run, () => NOW, { payloadLimited: which === "web" });
  const out = {} as Record<Action, ActionCount>;
  // In the order a specialist works: check, mark the cells, look at coverage, make the report.
  const steps: Record<Action, () => Promise<unknown>> = {
    check: () => service.check(),
    highlightIssues: () => service.highlightIssues(),
    coverage: () => service.coverage(BENCH_PERIOD),
    generateReport: () => service.generateReport(BENCH_PERIOD, AS_OF),
  };
  for (const a of ACTIONS) {
    const { stats } = await syncStats(host, steps[a]);
    out[a] = { syncs: stats.syncs, queuedOps: stats.queuedOps, maxRequestBytes: stats.maxRequestBytes, maxResponseBytes: stats.maxResponseBytes };
  }
  return out;
}

async function main(): Promise<void> {
  const [file] = process.argv.slice(2);
  const result: SyncResult = { desktop: await profile(file, "desktop"), web: await profile(file, "web") };
  process.stdout.write(JSON.stringify(result));
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exitCode = 1;
  });
}
