import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Badge, Button, Link, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { CheckResult, MonitorService } from "../../office/service";
import type { Dictionary } from "../i18n";
import { Status } from "./Status";
import { useAction } from "./useAction";

/** Issues by sheet, then by organization (roster rows) — the way a curator sends them back to schools. */
type PaneIssue = CheckResult["issues"][number];

function groups(issues: CheckResult["issues"], t: Dictionary) {
  const out = new Map<string, Map<string, PaneIssue[]>>();
  for (const i of issues) {
    const bySheet = out.get(i.sheet) ?? new Map<string, PaneIssue[]>();
    out.set(i.sheet, bySheet);
    const org = i.org ?? "";
    bySheet.set(org, [...(bySheet.get(org) ?? []), i]);
  }
  return [...out].map(([sheet, orgs]) => ({ sheet, orgs: [...orgs].map(([org, list]) => ({ org: org || t.noOrg, list })) }));
}

export function CheckTab({ service, t }: { service: MonitorService; t: Dictionary }) {
  const { busy, outcome, run } = useAction();
  const [result, setResult] = useState<CheckResult | null>(null);
  return (
    <section aria-label={t.tabCheck}>
      <Button appearance="primary" disabled={busy} onClick={() => run(() => service.check()).then((r) => r && setResult(r))}>
        {t.runCheck}
      </Button>
      <Text block size={200} style={{ marginTop: 4 }}>{t.recheckHint}</Text>
      {result && (
        <div style={{ marginTop: 8 }}>
          {result.problems.map((p) => (
            <Text block key={p} style={{ color: "#9c0006" }}>{p}</Text>
          ))}
          <div style={{ display: "flex", gap: 8, margin: "6px 0" }}>
            <Badge color="danger" aria-label={`${t.errors}: ${result.errors}`}>{t.errors}: {result.errors}</Badge>
            <Badge color="warning" aria-label={`${t.warnings}: ${result.warnings}`}>{t.warnings}: {result.warnings}</Badge>
          </div>
          {result.issues.length === 0 && <Text>{t.noIssues}</Text>}
          <div style={{ display: "flex", gap: 6, flexWrap: "wrap" }}>
            <Button size="small" disabled={busy || result.issues.length === 0} onClick={() => run(() => service.highlightIssues(), t.highlighted)}>{t.highlight}</Button>
            <Button size="small" disabled={busy} onClick={() => run(() => service.clearHighlights(), t.cleared)}>{t.clearHighlight}</Button>
          </div>
          <Accordion multiple collapsible defaultOpenItems={groups(result.issues, t).map((g) => g.sheet)}>
            {groups(result.issues, t).map((g) => (
              <AccordionItem value={g.sheet} key={g.sheet}>
                <AccordionHeader size="small">{g.sheet} ({g.orgs.reduce((s, o) => s + o.list.length, 0)})</AccordionHeader>
                <AccordionPanel>
                  {g.orgs.map((o) => (
                    <div key={o.org}>
                      <Text weight="semibold" size={200}>{o.org}</Text>
                      <ul style={{ margin: "2px 0 6px", paddingLeft: 16 }}>
                        {o.list.map((i) => (
                          <li key={`${i.cell}-${i.code}`} style={{ marginBottom: 3 }}>
                            <Link as="button" aria-label={t.goToCell(i.sheet, i.cell)} onClick={() => run(() => service.selectCell(i.sheet, i.cell))}>
                              {i.cell}
                            </Link>{" "}
                            <Badge size="small" appearance="tint" color={i.severity === "error" ? "danger" : "warning"}>{i.code}</Badge>{" "}
                            <Text size={200}>{i.message}{i.suggestion ? ` → ${i.suggestion}` : ""}</Text>
                          </li>
                        ))}
                      </ul>
                    </div>
                  ))}
                </AccordionPanel>
              </AccordionItem>
            ))}
          </Accordion>
        </div>
      )}
      <Status busy={busy} outcome={outcome} t={t} />
    </section>
  );
}
