import { Button, Field, Input, Text } from "@fluentui/react-components";
import { useState } from "react";
import { ruOf } from "../../core/model/dates";
import { type RoadmapResult, compareItems } from "../../core/roadmap/roadmap";
import type { MonitorService } from "../../pane/service";
import type { Dictionary } from "../i18n";
import { CheckIcon, ClockIcon, ErrorIcon, OutcomeBar } from "./ui";
import { useAction } from "./useAction";

/** Each urgent status with an icon and its word, never colour alone. */
function StatusMark({ status, t }: { status: string; t: Dictionary }) {
  const icon = status === "overdue" ? <ErrorIcon /> : status === "due-soon" ? <ClockIcon color="#5c4700" /> : <CheckIcon />;
  return (
    <span style={{ display: "inline-flex", alignItems: "center", gap: 3, fontSize: 12, fontWeight: 600, color: status === "overdue" ? "#8e1b1b" : status === "due-soon" ? "#5c4700" : "#0e700e" }}>
      {icon}
      {t.roadmapStatus[status]}
    </span>
  );
}

export function RoadmapTab({ service, t, asOf, onAsOf }: { service: MonitorService; t: Dictionary; asOf: string; onAsOf: (d: string) => void }) {
  const act = useAction();
  const [result, setResult] = useState<RoadmapResult | null | undefined>(undefined);
  const items = result ? [...result.items].sort(compareItems) : [];
  const urgent = items.filter((i) => i.status === "overdue" || i.status === "due-soon");
  return (
    <div>
      <Field label={t.asOf} size="small" style={{ maxWidth: 200 }}>
        <Input type="date" size="small" value={asOf} onChange={(_, d) => d.value && onAsOf(d.value)} />
      </Field>
      <div style={{ display: "flex", gap: 6, flexWrap: "wrap", marginTop: 8 }}>
        <Button
          appearance="primary"
          disabledFocusable={act.busy}
          onClick={() =>
            void act.run(
              (onProgress) => service.roadmap(asOf, { onProgress }),
              (r) => {
                setResult(r ?? null);
                return r ? t.roadmapDone(r.counts.overdue) : { kind: "warning", text: t.noRoadmap };
              },
            )
          }
        >
          {t.showRoadmap}
        </Button>
        <Button size="small" disabledFocusable={act.busy || !result} onClick={() => void act.run((onProgress) => service.highlightRoadmap(asOf, { onProgress }), t.highlighted)}>
          {t.highlight}
        </Button>
        <Button size="small" disabledFocusable={act.busy} onClick={() => void act.run(() => service.clearHighlights(), t.cleared)}>
          {t.clearHighlight}
        </Button>
      </div>
      <OutcomeBar state={act} t={t} />
      {result && (
        <ul style={{ listStyle: "none", padding: 0, margin: "8px 0" }} aria-busy={act.busy}>
          {urgent.map((i) => (
            <li key={i.row} style={{ padding: "5px 0", borderBottom: "1px solid #e0e0e0" }}>
              <StatusMark status={i.status} t={t} />{" "}
              <Text size={200} weight="semibold">{i.id ? `${i.id}. ` : ""}{i.title}</Text>
              <Text block size={200}>
                «{i.deadline.text}» — {i.daysOverdue !== null ? t.overdueDays(i.daysOverdue) : i.due !== null ? t.dueOn(ruOf(i.due)) : ""}
                {i.responsible ? ` · ${i.responsible}` : ""}
              </Text>
            </li>
          ))}
          <li>
            <Text size={200}>
              {t.otherItems(items.length - urgent.length)}: {(["on-track", "ongoing", "no-date", "done", "cancelled"] as const).map((s) => `${t.roadmapStatus[s]} — ${result.counts[s]}`).join(", ")}
            </Text>
          </li>
        </ul>
      )}
    </div>
  );
}
