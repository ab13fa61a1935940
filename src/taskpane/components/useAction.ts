import { createContext, useCallback, useContext, useRef, useState } from "react";
import type { Progress } from "../../pane/service";

export type OutcomeKind = "success" | "error" | "info" | "warning";
export type Outcome = { kind: OutcomeKind; text: string; at: Date } | null;

/** The pane's live region: what an action found, read out by screen readers (App renders it). */
export const AnnounceContext = createContext<(text: string) => void>(() => {});
/** The pane's clock (the browser tests fix it, so stamps and screenshots repeat). */
export const ClockContext = createContext<() => Date>(() => new Date());

export type Success<T> = (r: T) => string | { kind: OutcomeKind; text: string } | null;

/**
 * Runs one service call at a time with its progress and outcome. Focus goes back to the control that
 * started the action (a control that was re-rendered or hidden meanwhile loses it to the page otherwise),
 * and the outcome is announced.
 */
export function useAction() {
  const announce = useContext(AnnounceContext);
  const clock = useContext(ClockContext);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const running = useRef(false);
  const run = useCallback(
    async <T,>(work: (onProgress: (p: Progress) => void) => Promise<T>, success?: Success<T>): Promise<T | undefined> => {
      if (running.current) return undefined;
      running.current = true;
      const origin = typeof document !== "undefined" ? (document.activeElement as HTMLElement | null) : null;
      setBusy(true);
      setProgress(null);
      try {
        const r = await work(setProgress);
        const s = success?.(r);
        if (s) {
          const o = typeof s === "string" ? { kind: "success" as const, text: s } : s;
          setOutcome({ ...o, at: clock() });
          announce(o.text);
        } else setOutcome(null);
        return r;
      } catch (e) {
        const text = e instanceof Error ? e.message : String(e);
        setOutcome({ kind: "error", text, at: clock() });
        announce(text);
        return undefined;
      } finally {
        running.current = false;
        setBusy(false);
        setProgress(null);
        // Back to where the user was, unless they moved on to another control meanwhile.
        requestAnimationFrame(() => {
          const now = document.activeElement;
          if (origin && origin.isConnected && (now === null || now === document.body)) origin.focus();
        });
      }
    },
    [announce, clock],
  );
  return { busy, progress, outcome, run, setOutcome };
}

export type ActionState = Pick<ReturnType<typeof useAction>, "busy" | "progress" | "outcome">;
