// What the sync counter (syncs.ts, built with the Office.js types) reports to bench.ts (built without).
export const ACTIONS = ["check", "highlightIssues", "coverage", "generateReport"] as const;
export type Action = (typeof ACTIONS)[number];
export type Profile = "desktop" | "web";

export interface ActionCount {
  readonly syncs: number;
  readonly queuedOps: number;
  readonly maxRequestBytes: number;
  readonly maxResponseBytes: number;
}

export type SyncResult = Record<Profile, Record<Action, ActionCount>>;
