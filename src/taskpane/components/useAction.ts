import { useCallback, useState } from "react";

export type Outcome = { kind: "success" | "error"; text: string } | null;

/** Runs one service call at a time, with a busy flag and a message for the pane. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const run = useCallback(async <T,>(work: () => Promise<T>, success?: (r: T) => string): Promise<T | undefined> => {
    setBusy(true);
    setOutcome(null);
    try {
      const r = await work();
      if (success) setOutcome({ kind: "success", text: success(r) });
      return r;
    } catch (e) {
      setOutcome({ kind: "error", text: e instanceof Error ? e.message : String(e) });
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, outcome, run };
}
