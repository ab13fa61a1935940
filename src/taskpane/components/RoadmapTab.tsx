import { Badge, Button, Text } from "@fluentui/react-components";
import { useState } from "react";
import { ruOf } from "../../core/dates";
import { type RoadmapResult, compareItems } from "../../core/roadmap";
import type { MonitorService } from "../../office/service";
import type { Dictionary } from "../i18n";
import { Status } from "./Status";
import { useAction } from "./useAction";

const TONE = { overdue: "danger", "due-soon": "warning", done: "success" } as const;

export function RoadmapTab({ service, t, asOf }: { service: MonitorService; t: Dictionary; asOf: string }) {
  const { busy, outcome, run } = useAction();
  const [result, setResult] = useState<RoadmapResult | null | undefined>(undefined);
  const items = result ? [...result.items].sort(compareItems) : [];
  const urgent = items.filter((i) => i.status === "overdue" || i.status === "due-soon");
  return (
    <section aria-label={t.tabRoadmap}>
      <div style={{ display: "flex", gap: 6, flexWrap: "wrap" }}>
        <Button appearance="primary" disabled={busy} onClick={() => run(() => service.roadmap(asOf)).then((r) => setResult(r ?? null))}>
          {t.showRoadmap} ({asOf.split("-").reverse().join(".")})
        </Button>
        <Button size="small" disabled={busy || !result} onClick={() => run(() => service.highlightRoadmap(asOf), t.highlighted)}>{t.highlight}</Button>
        <Button size="small" disabled={busy} onClick={() => run(() => service.clearHighlights(), t.cleared)}>{t.clearHighlight}</Button>
      </div>
      <Text block size={100} style={{ marginTop: 4 }}>{t.legend}</Text>
      {result === null && <Text block>{t.noRoadmap}</Text>}
      {result && (
        <ul style={{ listStyle: "none", padding: 0, margin: "8px 0" }}>
          {urgent.map((i) => (
            <li key={i.row} style={{ padding: "5px 0", borderBottom: "1px solid #e1e1e1" }}>
              <Badge color={TONE[i.status as keyof typeof TONE] ?? "informative"}>{t.roadmapStatus[i.status]}</Badge>{" "}
              <Text size={200} weight="semibold">{i.id ? `${i.id}. ` : ""}{i.title}</Text>
              <Text block size={200}>
                «{i.deadline.text}» — {i.daysOverdue !== null ? t.overdueDays(i.daysOverdue) : i.due !== null ? t.dueOn(ruOf(i.due)) : ""}
                {i.responsible ? ` · ${i.responsible}` : ""}
              </Text>
            </li>
          ))}
          <li>
            <Text size={200}>{t.otherItems(items.length - urgent.length)}: {(["on-track", "ongoing", "no-date", "done", "cancelled"] as const).map((s) => `${t.roadmapStatus[s]} — ${result.counts[s]}`).join(", ")}</Text>
          </li>
        </ul>
      )}
      <Status busy={busy} outcome={outcome} t={t} />
    </section>
  );
}
