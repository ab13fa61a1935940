// The standalone page's worker (book-engine.ts): reads the user's file, runs the engine's tasks and makes
// the changed files, off the page's thread. Built by webpack.web.js as a bundle of its own, whose text
// the page turns into a blob: worker, which works from file:// as from `mentor-monitor open`.
import { config } from "zod";
import { type FromBookWorker, type ToBookWorker, bookWorkerHandler } from "./book-engine";

// As on the page: no `new Function` probe (the worker keeps the page's policy, which forbids eval).
config({ jitless: true });

const scope = self as unknown as {
  postMessage(m: FromBookWorker, transfer?: ArrayBuffer[]): void;
  onmessage: ((e: MessageEvent<ToBookWorker>) => void) | null;
};
const handle = bookWorkerHandler((m, transfer) => scope.postMessage(m, transfer ?? []));
scope.onmessage = (e) => handle(e.data);
scope.postMessage({ type: "ready" });
