// The pane's engine in a Web Worker from the pane's own origin (the page's CSP, `default-src 'self'`,
// allows it; docs/pane.md). Where a worker cannot start, the engine runs in the page as before.
import { type Engine, type EnginePort, inThreadEngine, portEngine } from "../engine/engine";

export function workerEngine(): Engine {
  if (typeof Worker === "undefined") return inThreadEngine;
  try {
    // @ts-ignore -- import.meta is for webpack, which bundles the worker; the type check runs as CommonJS.
    const worker = new Worker(new URL("./engine.worker.ts", import.meta.url), { name: "mentor-monitor-engine" });
    return portEngine(worker as unknown as EnginePort);
  } catch {
    return inThreadEngine;
  }
}
