// Small pieces every tab uses: icons drawn here (no icon font, a few paths), severity and status marks
// that carry an icon and a word (never colour alone), the outcome bar at the top of a tab, the period picker.
import { Field, MessageBar, MessageBarBody, ProgressBar, Select, Text } from "@fluentui/react-components";
import type { CSSProperties, ReactNode } from "react";
import type { Severity } from "../../core/model/issues";
import type { Progress } from "../../pane/service";
import type { Dictionary } from "../i18n";
import { STATUS_STYLE, type StatusName } from "../palette";
import type { ActionState } from "./useAction";

type IconProps = { size?: number; color?: string };
const svg = (size: number, children: ReactNode, style?: CSSProperties) => (
  <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false" style={{ flex: "none", ...style }}>
    {children}
  </svg>
);

export const ErrorIcon = ({ size = 14, color = "#a4262c" }: IconProps) =>
  svg(size, <path fill={color} d="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm-2.1 4.2-.7.7L7.3 8l-2.1 2.1.7.7L8 8.7l2.1 2.1.7-.7L8.7 8l2.1-2.1-.7-.7L8 7.3 5.9 5.2Z" />);
export const WarningIcon = ({ size = 14, color = "#7a5e00" }: IconProps) =>
  svg(size, <path fill={color} d="M8 1.5 15.2 14H.8L8 1.5Zm-.6 4.5v4.2h1.2V6H7.4Zm0 5.4v1.3h1.2v-1.3H7.4Z" />);
export const CheckIcon = ({ size = 14, color = "#0e700e" }: IconProps) =>
  svg(size, <path fill={color} d="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm3 4.3L7 9.4 5 7.4l-.8.8L7 11l4.8-4.9-.8-.8Z" />);
export const ClockIcon = ({ size = 14, color = "#424242" }: IconProps) =>
  svg(size, <path fill={color} d="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm0 1.3a5.7 5.7 0 1 0 0 11.4A5.7 5.7 0 0 0 8 2.3Zm-.6 1.9h1.2v3.5l2.5 1.5-.6 1-3.1-1.9V4.2Z" />);
export const DashIcon = ({ size = 14, color = "#424242" }: IconProps) =>
  svg(size, <path fill={color} d="M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm0 1.3a5.7 5.7 0 1 0 0 11.4A5.7 5.7 0 0 0 8 2.3ZM4.5 7.4h7v1.2h-7V7.4Z" />);

/** Visually hidden, still read by screen readers. */
export const srOnly: CSSProperties = { position: "absolute", width: 1, height: 1, overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap", margin: -1, padding: 0, border: 0 };

/** «✖ Ошибка» / «⚠ Предупреждение»: an icon and the word. */
export function SeverityMark({ severity, t, compact = false }: { severity: Severity; t: Dictionary; compact?: boolean }) {
  const word = severity === "error" ? t.severityError : t.severityWarning;
  return (
    <span style={{ display: "inline-flex", alignItems: "center", gap: 3, color: severity === "error" ? "#8e1b1b" : "#5c4700", fontSize: 12, fontWeight: 600 }}>
      {severity === "error" ? <ErrorIcon /> : <WarningIcon />}
      {compact ? <span style={srOnly}>{word}</span> : word}
    </span>
  );
}

const STATUS_ICON: Record<StatusName, (p: IconProps) => JSX.Element> = {
  выполнен: CheckIcon,
  "в графике": ClockIcon,
  отстаёт: ErrorIcon,
  "нет плана": DashIcon,
};

/** A coverage status as a badge: fill, icon and word, with colours at least 3:1 apart (palette.ts). */
export function StatusBadge({ status, t }: { status: string; t: Dictionary }) {
  const s = STATUS_STYLE[(status in STATUS_STYLE ? status : "нет плана") as StatusName];
  const Icon = STATUS_ICON[(status in STATUS_ICON ? status : "нет плана") as StatusName];
  return (
    <span
      data-status={status}
      style={{ display: "inline-flex", alignItems: "center", gap: 4, padding: "1px 7px 1px 5px", borderRadius: 10, background: s.fill, color: s.text, border: `1px solid ${s.border}`, fontSize: 12, fontWeight: 600, whiteSpace: "nowrap" }}
    >
      <Icon size={12} color={s.text} />
      {t.status[status] ?? status}
    </span>
  );
}

export function progressText(p: Progress | null, t: Dictionary): string {
  if (!p) return t.progressStart;
  if (p.stage === "read") return t.progressRead(p.sheet, p.done, p.total);
  if (p.stage === "analyze") return t.progressAnalyze;
  return t.progressWrite(p.done, p.total);
}

/** HH:MM of the pane's clock, local time. */
export function timeOf(d: Date): string {
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

const INTENT = { success: "success", error: "error", info: "info", warning: "warning" } as const;

/** The top of a tab: progress with stage and counts while working, then the outcome with its time. */
export function OutcomeBar({ state, t }: { state: ActionState; t: Dictionary }) {
  const { busy, progress, outcome } = state;
  return (
    <div style={{ margin: "8px 0", minHeight: 0 }} data-outcome>
      {busy && (
        <Field validationMessage={progressText(progress, t)} validationState="none">
          <ProgressBar
            aria-label={progressText(progress, t)}
            value={progress?.stage === "read" && progress.total > 0 ? progress.done / progress.total : undefined}
            thickness="large"
          />
        </Field>
      )}
      {!busy && outcome && (
        <MessageBar intent={INTENT[outcome.kind]} layout="multiline">
          <MessageBarBody>
            {outcome.text}{" "}
            <Text size={200} style={{ whiteSpace: "nowrap", color: "#424242" }}>
              · {t.updatedAt(timeOf(outcome.at))}
            </Text>
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

const QUARTERS = [1, 2, 3, 4] as const;

/** A period as a year and a quarter: no text to mistype («2 квартал 2021» cannot be entered). */
export function PeriodPicker({ period, onChange, t, years, idPrefix }: { period: string; onChange: (p: string) => void; t: Dictionary; years: number[]; idPrefix: string }) {
  const m = /^(\d{4})-Q([1-4])$/.exec(period);
  const year = m ? Number(m[1]) : years[0];
  const quarter = m ? Number(m[2]) : 1;
  const allYears = [...new Set([...years, year])].sort((a, b) => b - a);
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
      <legend style={{ padding: 0, fontSize: 14, fontWeight: 600, marginBottom: 2 }}>{t.period}</legend>
      <div style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1.4fr)", gap: 6 }}>
        <Field label={t.periodYear} size="small">
          <Select id={`${idPrefix}-year`} size="small" value={String(year)} onChange={(_, d) => onChange(`${d.value}-Q${quarter}`)}>
            {allYears.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t.periodQuarter} size="small">
          <Select id={`${idPrefix}-quarter`} size="small" value={String(quarter)} onChange={(_, d) => onChange(`${year}-Q${d.value}`)}>
            {QUARTERS.map((q) => (
              <option key={q} value={q}>
                {t.quarterNames[q - 1]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
    </fieldset>
  );
}
