// The task pane's engine worker: the analysis, coverage, roadmap and report model run here, off the
// page's thread, so the pane stays responsive on a district's roster (src/engine/engine.ts has the
// protocol). Bundled by webpack 5 from `new Worker(new URL("./engine.worker.ts", import.meta.url))`.
import { config } from "zod";
import { type FromWorker, type ToWorker, workerHandler } from "../engine/engine";

// The same as on the page: no `new Function` probe, whatever policy the worker's script is served with.
config({ jitless: true });

const scope = self as unknown as { postMessage(m: FromWorker): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };
const handle = workerHandler((m) => scope.postMessage(m));
scope.onmessage = (e) => handle(e.data);
