import { Button, Field, Select, Text } from "@fluentui/react-components";
import { startTransition, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { ISSUE_NAMES } from "../../core/model/issue-names";
import type { IssueCode } from "../../core/model/issues";
import type { CheckResult, MonitorService, SheetChange } from "../../pane/service";
import type { Dictionary } from "../i18n";
import { type IssueFilter, type IssueGroup, type IssueLine, IssueGrouper, NO_FILTER, ORG_NONE, filterChoices, flatten, groupIssues } from "../issue-view";
import type { PaneIssue } from "../../engine/tasks";
import { ColumnMapping } from "./ColumnMapping";
import { IssueList } from "./IssueList";
import { ErrorIcon, OutcomeBar, WarningIcon, srOnly, timeOf } from "./ui";
import { ClockContext, useAction } from "./useAction";

/**
 * «Сопоставить столбцы»: offered where the user meets the problem — a check that found a required column
 * missing, or a sheet without a header row it knows; opens the column mapping, whose save checks again.
 */
function MappingEntry({ result, service, t, recheck }: { result: CheckResult | null; service: MonitorService; t: Dictionary; recheck: () => Promise<unknown> }) {
  const [open, setOpen] = useState(false);
  const needed = !!result && (result.issues.some((i) => i.code === "missing-column") || result.problems.some((p) => p.includes("строка заголовков")));
  if (!open && !needed) return null;
  return open ? (
    <ColumnMapping service={service} t={t} onSaved={recheck} onClose={() => setOpen(false)} />
  ) : (
    <div style={{ ...row, margin: "0 0 8px" }}>
      <Text block size={200}>{t.mapColumnsHint}</Text>
      <Button size="small" onClick={() => setOpen(true)}>{t.mapColumns}</Button>
    </div>
  );
}

export interface ImportedCheck {
  readonly check: CheckResult;
  readonly seq: number;
}

/** The latest change to the data sheets made by the user (App numbers them as they come). */
export interface LiveChange {
  readonly seq: number;
  readonly changes: readonly SheetChange[];
}

/** «устарело»: a result computed before the data last changed. */
export function StaleMark({ text, t }: { text: string; t: Dictionary }) {
  return (
    <div data-stale role="status" style={{ display: "flex", gap: 6, alignItems: "flex-start", margin: "4px 0 6px", padding: "4px 6px", border: "1px solid #7a5e00", borderRadius: 2, background: "#fff9db" }}>
      <WarningIcon />
      <Text size={200}>
        <span style={{ fontWeight: 600 }}>{t.stale[0].toUpperCase() + t.stale.slice(1)}.</span> {text}
      </Text>
    </div>
  );
}

/** Where the changes were, in the pane's words: «Участники», строки 20 002–20 501. */
function placesOf(changes: readonly SheetChange[], t: Dictionary): string {
  return changes
    .map((c) => (c.rows === "all" ? `«${c.sheet}»` : c.rows.map((r) => t.livePlace(c.sheet, r.first + 1, r.last + 1)).join("; ")))
    .join("; ");
}

const row: React.CSSProperties = { display: "flex", gap: 6, flexWrap: "wrap", alignItems: "center" };

/** Up to this many issues are grouped at once; more (a district of 100 000 rows has 8 000) a slice per task. */
const GROUP_AT_ONCE = 3000;
const GROUP_SLICE = 1500;

/**
 * The issues grouped for the list. A long list is grouped between frames, so the page never stops for it;
 * meanwhile the groups of the same issues under the previous filter stay (none for new issues).
 */
function useIssueGroups(issues: readonly PaneIssue[], filter: IssueFilter): readonly IssueGroup[] {
  const small = issues.length <= GROUP_AT_ONCE;
  const atOnce = useMemo(() => (small ? groupIssues(issues, filter) : null), [small, issues, filter]);
  const [sliced, setSliced] = useState<{ issues: readonly PaneIssue[]; groups: IssueGroup[] } | null>(null);
  useEffect(() => {
    if (small) return;
    const grouper = new IssueGrouper(filter);
    let at = 0;
    let id = 0;
    const step = () => {
      grouper.add(issues, at, Math.min(issues.length, at + GROUP_SLICE));
      at += GROUP_SLICE;
      if (at < issues.length) id = window.setTimeout(step, 0);
      else {
        const groups = grouper.result();
        startTransition(() => setSliced({ issues, groups }));
      }
    };
    id = window.setTimeout(step, 0);
    return () => clearTimeout(id);
  }, [small, issues, filter]);
  if (atOnce) return atOnce;
  return sliced?.issues === issues ? sliced.groups : [];
}

/** «Проверка»: check the workbook, then work through the issues school by school. */
export function CheckTab({ service, t, imported, live = null }: { service: MonitorService; t: Dictionary; imported: ImportedCheck | null; live?: LiveChange | null }) {
  const act = useAction();
  const clock = useContext(ClockContext);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [checkedAt, setCheckedAt] = useState<Date | null>(null);
  const [filter, setFilter] = useState<IssueFilter>(NO_FILTER);
  const [current, setCurrent] = useState(0);
  const [reveal, setReveal] = useState(0);
  const [fixed, setFixed] = useState<ReadonlyMap<string, string>>(new Map());
  const listWrap = useRef<HTMLDivElement>(null);
  // Live re-check: changes heard since the result, not yet re-checked (seq of the last one taken in).
  const [stale, setStale] = useState(false);
  const seen = useRef(0);
  const waiting = useRef<SheetChange[]>([]);
  // A check is reading or analysing: changes heard meanwhile may be after its read of their rows, so they
  // are kept and re-checked once it lands (a row it did read is re-read once and gives the same issues).
  const checking = useRef(false);

  const adopt = useCallback((r: CheckResult) => {
    // A transition: React renders thousands of issues in slices, giving the page back between them,
    // while the outcome above (an urgent update) shows at once.
    startTransition(() => {
      setResult(r);
      setCheckedAt(clock());
      setFixed(new Map());
      setCurrent(0);
    });
  }, [clock]);

  // A change after a check: the mark at once, then the changed rows re-checked without a click (when no
  // other action runs; otherwise as soon as it ends).
  useEffect(() => {
    if (live && live.seq > seen.current) {
      seen.current = live.seq;
      if (result || checking.current) {
        waiting.current.push(...live.changes);
        setStale(true);
      }
    }
    if (act.busy || waiting.current.length === 0 || !result) return;
    const changes = waiting.current.splice(0);
    void act.run(
      (onProgress) => service.recheck(changes, { onProgress }),
      (r) => {
        if (!r) return null;
        adopt(r);
        if (waiting.current.length === 0) setStale(false);
        if (r.problems.length > 0) return { kind: "error", text: r.problems.join("\n") };
        const highlights = r.highlightsChanged ? ` ${t.liveHighlights(r.highlightsChanged)}` : "";
        return { kind: r.errors > 0 ? "warning" : "success", text: t.liveDone(placesOf(changes, t), t.checkDone(r.errors, r.warnings)) + highlights };
      },
    );
  }, [live, act.busy]); // eslint-disable-line react-hooks/exhaustive-deps

  // The import's re-check is this tab's result too (its outcome committed with it, as useAction does).
  useEffect(() => {
    if (!imported) return;
    startTransition(() => {
      adopt(imported.check);
      act.setOutcome({ kind: "info", text: `${t.fromImport} ${t.checkDone(imported.check.errors, imported.check.warnings)}`, at: clock() });
    });
  }, [imported]); // eslint-disable-line react-hooks/exhaustive-deps

  // The list comes one task after the summary and filters: two smaller commits instead of one long task.
  const [listFor, setListFor] = useState<CheckResult | null>(null);
  useEffect(() => {
    const id = setTimeout(() => startTransition(() => setListFor(result)), 0);
    return () => clearTimeout(id);
  }, [result]);
  const issues = result?.issues ?? [];
  const choices = useMemo(() => filterChoices(issues), [issues]);
  const groups = useIssueGroups(issues, filter);
  const items = useMemo(() => flatten(groups), [groups]);
  const lines = useMemo(() => items.flatMap((it) => (it.kind === "line" ? [it.line] : [])), [items]);
  const shown = groups.reduce((s, g) => s + g.count, 0);

  const check = () =>
    act.run(
      (onProgress) => {
        // The check's read covers the changes heard so far; those heard from now on are kept (see `checking`).
        waiting.current = [];
        checking.current = true;
        return service.check({ onProgress }).finally(() => (checking.current = false));
      },
      (r) => {
        const before = result;
        const beforeAt = checkedAt;
        adopt(r);
        setStale(waiting.current.length > 0); // changes heard during the check: re-checked right after it
        if (r.problems.length > 0) return { kind: "error", text: r.problems.join("\n") };
        if (before && beforeAt && before.fingerprint !== undefined && before.fingerprint === r.fingerprint) return { kind: "info", text: t.unchanged(timeOf(beforeAt)) };
        return { kind: r.errors > 0 ? "warning" : "success", text: t.checkDone(r.errors, r.warnings) };
      },
    );

  const select = useCallback(
    async (line: IssueLine, cell: string) => {
      try {
        await service.selectCell(line.sheet, cell);
      } catch (e) {
        const text = e instanceof Error ? e.message : String(e);
        act.setOutcome({ kind: "error", text, at: clock() }); // announced by useAction once shown
      }
    },
    [service, act.setOutcome, clock], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const fix = useCallback(
    (line: IssueLine) => {
      if (line.value === undefined || line.suggestion === undefined) return;
      void act
        .run(
          () => service.fixCells({ sheet: line.sheet, cells: line.cells, expected: line.value!, value: line.suggestion! }),
          (r) => {
            if (r.written.length > 0) setFixed((m) => new Map(m).set(line.key, line.suggestion!));
            const parts = [r.written.length > 0 ? t.fixDone([...r.written], line.suggestion!, line.value!) : "", r.changed.length > 0 ? t.fixChanged([...r.changed]) : ""];
            return { kind: r.changed.length > 0 ? "warning" : "success", text: parts.filter(Boolean).join(" ") };
          },
        )
        .then(() => setReveal((x) => x + 1)); // the fix button is gone: focus goes to the line's cell
    },
    [service, act.run, t], // eslint-disable-line react-hooks/exhaustive-deps
  );

  const step = (delta: number, focusList: boolean) => {
    if (lines.length === 0) return;
    const next = Math.max(0, Math.min(lines.length - 1, current + delta));
    setCurrent(next);
    if (focusList) setReveal((x) => x + 1);
    else setReveal((x) => -(Math.abs(x) + 1)); // negative: scroll into view, keep focus on the button
    void select(lines[next], lines[next].cells[0]);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!e.altKey || (e.key !== "ArrowDown" && e.key !== "ArrowUp")) return;
    e.preventDefault();
    step(e.key === "ArrowDown" ? 1 : -1, listWrap.current?.contains(document.activeElement) ?? false);
  };

  const setF = (patch: Partial<IssueFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setCurrent(0);
  };

  return (
    <div onKeyDown={onKeyDown}>
      <div style={row}>
        <Button appearance="primary" disabledFocusable={act.busy} onClick={() => void check()}>
          {t.runCheck}
        </Button>
      </div>
      <Text block size={200} style={{ marginTop: 4 }}>{t.recheckHint}</Text>
      <OutcomeBar state={act} t={t} />
      {stale && result && <StaleMark text={t.staleCheck} t={t} />}
      <MappingEntry result={result} service={service} t={t} recheck={check} />
      {/* With a workbook-level problem, the outcome above is all there is to say: no «Ошибки: 0» beside it. */}
      {result && result.problems.length === 0 && (
        <>
          <div style={{ ...row, margin: "0 0 6px" }}>
            <Button size="small" title={t.highlightTitle} disabledFocusable={act.busy || result.issues.length === 0} onClick={() => void act.run((onProgress) => service.highlightIssues({ onProgress }), t.highlighted)}>
              {t.highlight}
            </Button>
            <Button size="small" disabledFocusable={act.busy} onClick={() => void act.run(() => service.clearHighlights(), t.cleared)}>
              {t.clearHighlight}
            </Button>
            <Button
              size="small"
              title={t.remarksTitle}
              disabledFocusable={act.busy || result.issues.every((i) => i.org === undefined)}
              onClick={() =>
                void act.run(
                  (onProgress) => service.exportRemarks({ onProgress, org: filter.org === "" || filter.org === ORG_NONE ? undefined : filter.org }),
                  (r) => t.remarksDone(r.sheet, r.rows, r.schools),
                )
              }
            >
              {t.remarks}
            </Button>
          </div>
          <div style={{ ...row, gap: 10, margin: "2px 0 6px" }} role="group" aria-label={t.checkDone(result.errors, result.warnings)}>
            <span style={{ display: "inline-flex", alignItems: "center", gap: 4, fontWeight: 600, color: "#8e1b1b" }}>
              <ErrorIcon />
              {t.errors}: {result.errors}
            </span>
            <span style={{ display: "inline-flex", alignItems: "center", gap: 4, fontWeight: 600, color: "#5c4700" }}>
              <WarningIcon />
              {t.warnings}: {result.warnings}
            </span>
          </div>
          {result.issues.length === 0 && <Text block>{t.noIssues}</Text>}
          {result.issues.length > 0 && (
            <>
              <fieldset style={{ border: 0, padding: 0, margin: "0 0 6px", minWidth: 0 }}>
                <legend style={srOnly}>{t.filters}</legend>
                <div style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)", gap: 6 }}>
                  <Field label={t.filterSeverity} size="small">
                    <Select size="small" value={filter.severity} onChange={(_, d) => setF({ severity: d.value as IssueFilter["severity"] })}>
                      <option value="all">{t.all}</option>
                      <option value="error">{t.onlyErrors} ({result.errors})</option>
                      <option value="warning">{t.onlyWarnings} ({result.warnings})</option>
                    </Select>
                  </Field>
                  <Field label={t.filterSheet} size="small">
                    <Select size="small" value={filter.sheet} onChange={(_, d) => setF({ sheet: d.value })}>
                      <option value="">{t.all}</option>
                      {choices.sheets.map(([s, k]) => (
                        <option key={s} value={s}>{s} ({k})</option>
                      ))}
                    </Select>
                  </Field>
                  <Field label={t.filterOrg} size="small">
                    <Select size="small" value={filter.org} onChange={(_, d) => setF({ org: d.value })}>
                      <option value="">{t.all}</option>
                      {choices.orgs.map(([o, k]) => (
                        <option key={o} value={o}>{o === ORG_NONE ? t.noOrg : o} ({k})</option>
                      ))}
                    </Select>
                  </Field>
                  <Field label={t.filterKind} size="small">
                    <Select size="small" value={filter.code} onChange={(_, d) => setF({ code: d.value as IssueCode | "" })}>
                      <option value="">{t.all}</option>
                      {choices.codes.map(([c, k]) => (
                        <option key={c} value={c}>{ISSUE_NAMES[c] ?? c} ({k})</option>
                      ))}
                    </Select>
                  </Field>
                </div>
              </fieldset>
              <div style={{ ...row, justifyContent: "space-between", margin: "0 0 4px" }}>
                <Button size="small" title={t.prevTitle} aria-keyshortcuts="Alt+ArrowUp" disabledFocusable={lines.length === 0 || current === 0} onClick={() => step(-1, false)}>
                  ↑ {t.prev}
                </Button>
                <Text size={200} aria-live="off">{lines.length > 0 ? t.position(current + 1, lines.length) : t.shown(0, result.issues.length)}</Text>
                <Button size="small" title={t.nextTitle} aria-keyshortcuts="Alt+ArrowDown" disabledFocusable={lines.length === 0 || current >= lines.length - 1} onClick={() => step(1, false)}>
                  ↓ {t.next}
                </Button>
              </div>
              <a
                href="#check-after-list"
                className="mm-skip"
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById("check-after-list")?.focus();
                }}
              >
                {t.skipList}
              </a>
              <div ref={listWrap} style={{ minHeight: "min(62vh, 560px)" }}>
                {listFor === result && <IssueList
                  items={items}
                  orgNames={result.orgNames ?? {}}
                  t={t}
                  current={current}
                  fixed={fixed}
                  busy={act.busy}
                  onCurrent={setCurrent}
                  onGo={select}
                  onFix={fix}
                  focusRequest={reveal}
                />}
              </div>
              <Text block size={200} id="check-after-list" tabIndex={-1} style={{ marginTop: 4 }}>
                {t.shown(shown, result.issues.length)}
              </Text>
            </>
          )}
        </>
      )}
    </div>
  );
}
