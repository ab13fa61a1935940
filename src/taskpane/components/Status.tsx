import { MessageBar, MessageBarBody, Spinner } from "@fluentui/react-components";
import type { Dictionary } from "../i18n";
import type { Outcome } from "./useAction";

/** Progress while working, then the outcome; announced to screen readers. */
export function Status({ busy, outcome, t }: { busy: boolean; outcome: Outcome; t: Dictionary }) {
  return (
    <div aria-live="polite" style={{ marginTop: 8 }}>
      {busy && <Spinner size="tiny" label={t.working} />}
      {!busy && outcome && (
        <MessageBar intent={outcome.kind === "success" ? "success" : "error"}>
          <MessageBarBody>{outcome.text}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
