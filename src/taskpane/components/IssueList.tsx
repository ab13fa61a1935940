// The issue list for thousands: a virtual list (@tanstack/react-virtual; why in docs/pane.md), so the
// rendered rows stay bounded whatever the count; school headings stay on top while their lines scroll
// (sticky); one tab stop — ↑/↓, Home/End move between lines, Enter on a cell goes to it in Excel.
import { Button, Link, Text } from "@fluentui/react-components";
import { defaultRangeExtractor, type Range, useVirtualizer } from "@tanstack/react-virtual";
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { Dictionary } from "../i18n";
import { type IssueGroup, type IssueLine, type ListItem, ORG_NONE } from "../issue-view";
import { SeverityMark, srOnly } from "./ui";

const SHOWN_CELLS = 8;

export interface IssueListProps {
  readonly items: readonly ListItem[];
  readonly orgNames: Readonly<Record<string, string>>;
  readonly t: Dictionary;
  /** Ordinal of the current line (next/previous, the keyboard). */
  readonly current: number;
  /** Lines whose fix was written: key → the value written. */
  readonly fixed: ReadonlyMap<string, string>;
  readonly busy: boolean;
  readonly onCurrent: (ordinal: number) => void;
  readonly onGo: (line: IssueLine, cell: string) => void;
  readonly onFix: (line: IssueLine) => void;
  /** Changes when the current line must come into view: positive also focuses it, negative only scrolls. */
  readonly focusRequest: number;
}

export function groupTitle(g: IssueGroup, orgNames: Readonly<Record<string, string>>, t: Dictionary): string {
  if (g.sheet !== null) return t.sheetGroup(g.sheet);
  if (g.org === ORG_NONE || g.org === null) return t.noOrg;
  const name = orgNames[g.org];
  return name ? `${g.org} — ${name}` : g.org;
}

const Heading = memo(function Heading({ g, orgNames, t }: { g: IssueGroup; orgNames: Readonly<Record<string, string>>; t: Dictionary }) {
  return (
    <div role="heading" aria-level={2} style={{ display: "flex", justifyContent: "space-between", gap: 6, padding: "4px 6px", background: "#f0f0f0", borderBottom: "1px solid #d1d1d1", fontWeight: 600, fontSize: 13 }}>
      <span style={{ overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>{groupTitle(g, orgNames, t)}</span>
      <span style={{ whiteSpace: "nowrap", fontWeight: 400 }}>{t.issuesCount(g.count)}</span>
    </div>
  );
});

interface LineProps {
  readonly line: IssueLine;
  readonly ordinal: number;
  readonly isCurrent: boolean;
  readonly fixedTo: string | undefined;
  readonly expanded: boolean;
  readonly busy: boolean;
  readonly t: Dictionary;
  readonly onGo: (line: IssueLine, cell: string, ordinal: number) => void;
  readonly onFix: (line: IssueLine, ordinal: number) => void;
  readonly onExpand: (key: string) => void;
}

const Line = memo(function Line({ line, ordinal, isCurrent, fixedTo, expanded, busy, t, onGo, onFix, onExpand }: LineProps) {
  const cells = expanded ? line.cells : line.cells.slice(0, SHOWN_CELLS);
  const more = line.cells.length - cells.length;
  return (
    <div data-line={ordinal} style={{ padding: "5px 6px 6px", borderBottom: "1px solid #e0e0e0", background: isCurrent ? "#ebf3fc" : "#fff", borderLeft: `3px solid ${isCurrent ? "#0f6cbd" : "transparent"}` }}>
      <div style={{ display: "flex", alignItems: "center", gap: 6, flexWrap: "wrap" }}>
        <SeverityMark severity={line.severity} t={t} compact />
        <Text size={200} weight="semibold">{line.name}</Text>
        <Text size={200} style={{ color: "#424242" }}>· {line.column}</Text>
        {line.cells.length > 1 && <Text size={200} style={{ color: "#424242" }}>· {t.times(line.cells.length)}</Text>}
      </div>
      <Text as="p" block size={200} style={{ margin: "2px 0" }}>{line.message}</Text>
      <div style={{ display: "flex", flexWrap: "wrap", gap: "2px 8px", alignItems: "center" }} role="group" aria-label={t.cellsList}>
        {cells.map((cell, k) => (
          <Link
            key={cell}
            as="button"
            data-go={k === 0 ? "" : undefined}
            tabIndex={isCurrent && k === 0 ? 0 : -1}
            aria-label={t.goToCell(line.sheet, cell)}
            onClick={() => onGo(line, cell, ordinal)}
            style={{ fontSize: 12 }}
          >
            {cell}
          </Link>
        ))}
        {more > 0 && (
          <Link as="button" tabIndex={-1} onClick={() => onExpand(line.key)} style={{ fontSize: 12 }}>
            {t.moreCells(more)}
          </Link>
        )}
      </div>
      {line.fixable && line.suggestion !== undefined && (
        <div style={{ marginTop: 3 }}>
          {fixedTo !== undefined ? (
            <Text size={200} style={{ color: "#0e700e" }}>✓ {t.fixed}: «{fixedTo}»</Text>
          ) : (
            <Button size="small" appearance="outline" tabIndex={isCurrent ? 0 : -1} disabledFocusable={busy} onClick={() => onFix(line, ordinal)}>
              {line.cells.length > 1 ? t.fixAll(line.suggestion, line.cells.length) : t.fix(line.suggestion)}
            </Button>
          )}
        </div>
      )}
      <Text block size={100} style={{ color: "#616161" }}>{t.codeDetail(line.code)}</Text>
    </div>
  );
});

export function IssueList({ items, orgNames, t, current, fixed, busy, onCurrent, onGo, onFix, focusRequest }: IssueListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const groupIdx = useMemo(() => items.flatMap((it, i) => (it.kind === "group" ? [i] : [])), [items]);
  const lineIdx = useMemo(() => items.flatMap((it, i) => (it.kind === "line" ? [i] : [])), [items]);
  const activeSticky = useRef(0);
  const rangeExtractor = useCallback(
    (range: Range) => {
      let sticky = 0;
      for (const g of groupIdx) {
        if (g <= range.startIndex) sticky = g;
        else break;
      }
      activeSticky.current = sticky;
      const set = new Set([sticky, ...defaultRangeExtractor(range)]);
      return [...set].sort((a, b) => a - b);
    },
    [groupIdx],
  );
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => (items[i]?.kind === "group" ? 28 : 74),
    overscan: 4,
    rangeExtractor,
    getItemKey: (i) => (items[i].kind === "group" ? `g:${(items[i] as { group: IssueGroup }).group.key}` : `l:${(items[i] as { line: IssueLine }).line.key}`),
  });

  const goLine = useCallback((line: IssueLine, cell: string, ordinal: number) => {
    onCurrent(ordinal);
    onGo(line, cell);
  }, [onCurrent, onGo]);
  const fixLine = useCallback((line: IssueLine, ordinal: number) => {
    onCurrent(ordinal);
    onFix(line);
  }, [onCurrent, onFix]);
  const expand = useCallback((key: string) => setExpanded((s) => new Set(s).add(key)), []);

  // Focus follows the current line when the keyboard or next/previous moved it.
  const pendingFocus = useRef(false);
  useEffect(() => {
    if (focusRequest === 0 || lineIdx.length === 0) return;
    pendingFocus.current = focusRequest > 0; // negative: into view only, focus stays where it is
    virtualizer.scrollToIndex(lineIdx[Math.min(current, lineIdx.length - 1)], { align: "auto" });
  }, [focusRequest]); // eslint-disable-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    if (!pendingFocus.current) return;
    const el = scroller.current?.querySelector<HTMLElement>(`[data-line="${current}"] [data-go]`);
    if (el) {
      pendingFocus.current = false;
      el.focus({ preventScroll: true });
    }
  });

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (lineIdx.length === 0 || e.altKey || e.ctrlKey || e.metaKey) return;
    let next = current;
    if (e.key === "ArrowDown") next = Math.min(lineIdx.length - 1, current + 1);
    else if (e.key === "ArrowUp") next = Math.max(0, current - 1);
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = lineIdx.length - 1;
    else return;
    e.preventDefault();
    onCurrent(next);
    pendingFocus.current = true;
    virtualizer.scrollToIndex(lineIdx[next], { align: "auto" });
  };

  const rows = virtualizer.getVirtualItems();
  // One tab stop: the current line's first cell; while that line is scrolled away, the list itself.
  const currentShown = rows.some((r) => items[r.index]?.kind === "line" && (items[r.index] as { ordinal: number }).ordinal === current);
  return (
    <div
      ref={scroller}
      onKeyDown={onKeyDown}
      tabIndex={currentShown ? -1 : 0}
      role="region"
      aria-label={t.listLabel}
      aria-busy={busy}
      data-issue-list
      style={{ height: "min(62vh, 560px)", overflowY: "auto", border: "1px solid #d1d1d1", borderRadius: 4, contain: "strict", opacity: busy ? 0.6 : 1 }}
    >
      <div style={{ height: virtualizer.getTotalSize(), width: "100%", position: "relative" }}>
        {rows.map((row) => {
          const item = items[row.index];
          const isActiveSticky = item.kind === "group" && activeSticky.current === row.index;
          return (
            <div
              key={row.key}
              data-index={row.index}
              ref={virtualizer.measureElement}
              style={
                isActiveSticky
                  ? { position: "sticky", top: 0, left: 0, width: "100%", zIndex: 2 }
                  : { position: "absolute", top: 0, left: 0, width: "100%", transform: `translateY(${row.start}px)`, zIndex: item.kind === "group" ? 1 : 0 }
              }
            >
              {item.kind === "group" ? (
                <Heading g={item.group} orgNames={orgNames} t={t} />
              ) : (
                <Line
                  line={item.line}
                  ordinal={item.ordinal}
                  isCurrent={item.ordinal === current}
                  fixedTo={fixed.get(item.line.key)}
                  expanded={expanded.has(item.line.key)}
                  busy={busy}
                  t={t}
                  onGo={goLine}
                  onFix={fixLine}
                  onExpand={expand}
                />
              )}
            </div>
          );
        })}
      </div>
      <span style={srOnly}>{t.listEnd}</span>
    </div>
  );
}
