import { createContext, startTransition, useCallback, useContext, useEffect, useRef, useState } from "react";
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
 *
 * The outcome goes on screen in the same React commit as the result it speaks of: `success` (which sets
 * the tab's result, usually as a transition), the outcome and the end of «busy» are one transition. Set
 * apart, the outcome (an urgent update) was committed first and the result only when its transition
 * rendered — on a loaded machine seconds later — so the pane said «Проверка завершена: …» above no
 * result, or above the previous one, and the live region announced it before the list was there.
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
        startTransition(() => {
          const s = success?.(r);
          const o = s ? (typeof s === "string" ? { kind: "success" as const, text: s } : s) : null;
          setOutcome(o && { ...o, at: clock() });
          setBusy(false);
          setProgress(null);
        });
        return r;
      } catch (e) {
        const text = e instanceof Error ? e.message : String(e);
        setOutcome({ kind: "error", text, at: clock() });
        setBusy(false);
        setProgress(null);
        return undefined;
      } finally {
        running.current = false;
        // Back to where the user was, unless they moved on to another control meanwhile.
        requestAnimationFrame(() => {
          const now = document.activeElement;
          if (origin && origin.isConnected && (now === null || now === document.body)) origin.focus();
        });
      }
    },
    [clock],
  );
  // Announced once it is on screen (after the commit that shows it), never before.
  useEffect(() => {
    if (outcome) announce(outcome.text);
  }, [outcome]); // eslint-disable-line react-hooks/exhaustive-deps
  return { busy, progress, outcome, run, setOutcome };
}

export type ActionState = Pick<ReturnType<typeof useAction>, "busy" | "progress" | "outcome">;
