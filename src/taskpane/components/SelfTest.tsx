// «Проверить совместимость Excel»: runs the self-test (src/office/selftest.ts) and lists every step
// with a ✓ or ✗ and its words (never colour alone), the Excel version and platform, and a summary.
// The pane's service provides `runSelfTest`; this component never talks to Excel itself.
import { Button, Spinner, Text } from "@fluentui/react-components";
import { useState } from "react";
import { type SelfTestReport, excelLine, selfTestSummary, selfTestText } from "../../office/selftest";

export interface SelfTestWords {
  readonly run: string;
  readonly hint: string;
  readonly working: string;
  readonly works: string;
  readonly fails: string;
  readonly failed: string;
  readonly copyHint: string;
}

export const SELF_TEST_RU: SelfTestWords = {
  run: "Проверить совместимость Excel",
  hint: "Проверяет на временном листе всё, что надстройка делает в Excel, и удаляет этот лист. Ваши листы не меняются.",
  working: "Проверка…",
  works: "работает",
  fails: "не работает",
  failed: "Проверка не выполнена",
  copyHint: "Текст для письма в поддержку",
};

export interface SelfTestProps {
  readonly runSelfTest: () => Promise<SelfTestReport>;
  readonly t?: Partial<SelfTestWords>;
}

export function SelfTest({ runSelfTest, t }: SelfTestProps) {
  const words = { ...SELF_TEST_RU, ...t };
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<SelfTestReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      setReport(await runSelfTest());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return <SelfTestView words={words} busy={busy} report={report} error={error} onRun={start} />;
}

/** What the component shows for a given state; rendered on its own by the tests. */
export function SelfTestView({ words, busy, report, error, onRun }: { words: SelfTestWords; busy: boolean; report: SelfTestReport | null; error: string | null; onRun: () => void }) {
  return (
    <section aria-label={words.run} data-testid="selftest">
      <Button data-testid="selftest-run" disabled={busy} onClick={onRun}>
        {words.run}
      </Button>
      <Text block size={200} style={{ marginTop: 4 }}>{words.hint}</Text>
      <div aria-live="polite" style={{ marginTop: 8 }}>
        {busy && <Spinner size="tiny" label={words.working} data-testid="selftest-busy" />}
        {!busy && error && (
          <Text block data-testid="selftest-error" role="alert">
            ✗ {words.failed}: {error}
          </Text>
        )}
        {!busy && report && (
          <div data-testid="selftest-report">
            <Text block weight="semibold" data-testid="selftest-summary">{selfTestSummary(report)}</Text>
            <Text block size={200} data-testid="selftest-excel">{excelLine(report)}</Text>
            <ul style={{ listStyle: "none", margin: "6px 0", padding: 0 }}>
              {report.steps.map((s) => (
                <li key={s.id} data-testid={`selftest-step-${s.id}`} data-ok={s.ok ? "true" : "false"} style={{ display: "flex", gap: 6, marginBottom: 4 }}>
                  <span aria-label={s.ok ? words.works : words.fails} role="img" style={{ fontWeight: 600, color: s.ok ? "#107c10" : "#a4262c" }}>
                    {s.ok ? "✓" : "✗"}
                  </span>
                  <Text size={200}>
                    {s.title}
                    {s.ok ? "" : ` — ${words.fails}`}
                    {s.detail && <span style={{ display: "block", opacity: 0.85 }}>{s.detail}</span>}
                  </Text>
                </li>
              ))}
            </ul>
            <details>
              <summary>{words.copyHint}</summary>
              <pre data-testid="selftest-text" style={{ whiteSpace: "pre-wrap", fontSize: 11, userSelect: "all" }}>{selfTestText(report)}</pre>
            </details>
          </div>
        )}
      </div>
    </section>
  );
}
