import {
  Button,
  FluentProvider,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Overflow,
  OverflowItem,
  Tab,
  TabList,
  Text,
  useIsOverflowItemVisible,
  useOverflowMenu,
  webLightTheme,
} from "@fluentui/react-components";
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { isoOf, parseIsoDay, todayDay } from "../../core/model/dates";
import { parsePeriod, periodEnd } from "../../core/model/period";
import type { MonitorService, PaneSettings, WorkbookStatus } from "../../pane/service";
import { type Dictionary, type Lang, dictionary } from "../i18n";
import { CheckTab, type ImportedCheck, type LiveChange } from "./CheckTab";
import { CoverageTab } from "./CoverageTab";
import { ImportTab } from "./ImportTab";
import { ReportTab } from "./ReportTab";
import { RoadmapTab } from "./RoadmapTab";
import { TemplateTab } from "./TemplateTab";
import { srOnly } from "./ui";
import { AnnounceContext, ClockContext } from "./useAction";

export const TAB_IDS = ["template", "check", "coverage", "roadmap", "report", "import"] as const;
export type TabId = (typeof TAB_IDS)[number];

/** Styles Griffel cannot express inline: the skip link appears when focused. */
const PAGE_CSS = `
.mm-skip { position: absolute; left: -10000px; top: auto; width: 1px; height: 1px; overflow: hidden; }
.mm-skip:focus { position: static; width: auto; height: auto; display: inline-block; margin: 2px 0 4px; padding: 2px 6px; background: #fff; outline: 2px solid #0f6cbd; }
[role="tabpanel"][hidden] { display: none; }
.fui-Field, .fui-Select { min-width: 0; }
.fui-Select__select { min-width: 0; width: 100%; text-overflow: ellipsis; }
`;

function MoreItem({ id, t, onSelect }: { id: TabId; t: Dictionary; onSelect: (id: TabId) => void }) {
  const visible = useIsOverflowItemVisible(id);
  if (visible) return null;
  return <MenuItem onClick={() => onSelect(id)}>{t.tabs[id][0]}</MenuItem>;
}

/** The tabs that do not fit the pane's width, in a menu at the end of the row («Ещё»). */
function MoreTabs({ t, onSelect, mountNode }: { t: Dictionary; onSelect: (id: TabId) => void; mountNode: HTMLElement | null }) {
  const { ref, isOverflowing, overflowCount } = useOverflowMenu<HTMLButtonElement>();
  if (!isOverflowing) return null;
  return (
    // The menu opens inside <main>, so all of the pane's content stays in its landmark.
    <Menu hasIcons={false} mountNode={mountNode}>
      <MenuTrigger disableButtonEnhancement>
        <Button appearance="transparent" size="small" ref={ref} role="tab" aria-selected={false} aria-haspopup="menu" aria-label={t.moreTabs(overflowCount)} style={{ minWidth: 0, padding: "4px 6px", fontWeight: 400 }}>
          {t.more} ▾
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {TAB_IDS.map((id) => (
            <MoreItem key={id} id={id} t={t} onSelect={onSelect} />
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

/**
 * The pane's one polite live region. Its text is its own state: an announcement re-renders this element
 * alone, not the tabs (a whole-pane render after each outcome cost a long task over a 20 000-row result).
 */
function Announcer({ bind }: { bind: (say: (text: string) => void) => void }) {
  const [text, setText] = useState("");
  useEffect(() => {
    // The same text twice must be read twice: clear, then set on the next frame.
    bind((next) => {
      setText("");
      requestAnimationFrame(() => setText(next));
    });
  }, [bind]);
  return (
    <div role="status" aria-live="polite" aria-atomic="true" style={srOnly} data-announcer>
      {text}
    </div>
  );
}

export interface AppProps {
  readonly service: MonitorService;
  readonly lang: Lang;
  /** The pane's clock; the browser tests fix it. */
  readonly now?: () => Date;
  /** The compatibility self-test panel, shown on «Шаблон» under «Совместимость» (wired in by the lead). */
  readonly selfTest?: ReactNode;
  /**
   * The standalone page around the app (src/web): the page has its own heading and its own button for the
   * empty template (nothing is inserted into a book), and its own words where it does things otherwise.
   */
  readonly standalone?: { readonly words: Partial<Dictionary> };
}

export function App({ service, lang, now = () => new Date(), selfTest, standalone }: AppProps) {
  const words = standalone?.words;
  const t = useMemo(() => ({ ...dictionary(lang), ...words }), [lang, words]);
  const [tab, setTab] = useState<TabId | null>(null);
  const [status, setStatus] = useState<WorkbookStatus | null>(null);
  const [draft, setDraft] = useState<PaneSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // The live region's «say»: set by the Announcer below, so an announcement renders that element alone.
  const say = useRef<(text: string) => void>(() => undefined);
  const [imported, setImported] = useState<ImportedCheck | null>(null);
  const [menuMount, setMenuMount] = useState<HTMLElement | null>(null);
  // Changes to the data sheets by the user (not the add-in), numbered: tabs compare with their result's.
  const [live, setLive] = useState<LiveChange | null>(null);

  useEffect(() => {
    let stop: (() => void) | null = null;
    let gone = false;
    service.watch((changes) => setLive((x) => ({ seq: (x?.seq ?? 0) + 1, changes }))).then(
      (off) => (gone ? off() : (stop = off)),
      () => undefined, // without events (an older Excel) the tabs simply never go stale
    );
    return () => {
      gone = true;
      stop?.();
    };
  }, [service]);

  const today = todayDay(now());
  const endOf = useCallback((period: string) => {
    const p = parsePeriod(period);
    return p ? isoOf(Math.min(periodEnd(p), today)) : isoOf(today);
  }, [today]);

  useEffect(() => {
    service.open().then(
      (s) => {
        setStatus(s);
        setDraft(s.settings);
        // A workbook without the monitoring sheets opens on the template: the one thing to do first.
        setTab((cur) => cur ?? (s.missingSheets.length > 0 ? "template" : "check"));
      },
      (e) => {
        setLoadError(e instanceof Error ? e.message : String(e));
        setTab((cur) => cur ?? "check");
      },
    );
  }, [service]);

  const announce = useCallback((text: string) => say.current(text), []);
  const bindAnnouncer = useCallback((s: (text: string) => void) => (say.current = s), []);

  const onDraft = useCallback(
    (patch: Partial<PaneSettings>) =>
      setDraft((d) => {
        if (!d) return d;
        const next = { ...d, ...patch };
        // The as-of date follows the period's end until the user sets one.
        if (patch.period && !next.asOfSet) next.asOf = endOf(patch.period);
        return next;
      }),
    [endOf],
  );

  const years = useMemo(() => {
    const y = Number(isoOf(today).slice(0, 4));
    const base = draft?.planYear ?? y;
    return [...new Set([y, base, base - 1, base + 1, y - 1])].filter((v) => v >= 2000 && v <= 2100).sort((a, b) => b - a);
  }, [draft?.planYear, today]);

  const period = draft?.period ?? `${isoOf(today).slice(0, 4)}-Q${Math.ceil(Number(isoOf(today).slice(5, 7)) / 3)}`;
  const asOf = draft?.asOf ?? isoOf(today);
  const onPeriod = useCallback((p: string) => onDraft({ period: p }), [onDraft]);
  const onAsOf = useCallback((d: string) => parseIsoDay(d) !== null && onDraft({ asOf: d, asOfSet: true }), [onDraft]);
  const refresh = useCallback(() => {
    service.open().then((s) => setStatus(s), () => undefined);
  }, [service]);
  const clock = useMemo(() => now, [now]);
  const selectFromMenu = useCallback((id: TabId) => {
    setTab(id);
    // The chosen tab moves into the row: focus goes to it, as a click on a tab would leave it.
    requestAnimationFrame(() => document.getElementById(`tab-${id}`)?.focus());
  }, []);

  const shown = tab ?? "check";
  const [visited, setVisited] = useState<ReadonlySet<TabId>>(() => new Set([shown]));
  if (!visited.has(shown)) setVisited(new Set([...visited, shown]));

  const panels: Record<TabId, ReactNode> = {
    template: <TemplateTab service={service} t={t} draft={draft} onDraft={onDraft} missing={status?.missingSheets ?? []} onTemplate={refresh} years={years} periodEnd={endOf} selfTest={selfTest} canInsert={!standalone} />,
    check: <CheckTab service={service} t={t} imported={imported} live={live} />,
    coverage: <CoverageTab service={service} t={t} period={period} onPeriod={onPeriod} years={years} changeSeq={live?.seq ?? 0} />,
    roadmap: <RoadmapTab service={service} t={t} asOf={asOf} onAsOf={onAsOf} />,
    report: <ReportTab service={service} t={t} period={period} onPeriod={onPeriod} asOf={asOf} years={years} changeSeq={live?.seq ?? 0} />,
    import: <ImportTab service={service} t={t} onChecked={(check) => setImported((x) => ({ check, seq: (x?.seq ?? 0) + 1 }))} />,
  };

  return (
    <ClockContext.Provider value={clock}>
      <AnnounceContext.Provider value={announce}>
        {/* On the page the app fills the page's column; in Excel, the pane. */}
        <FluentProvider theme={webLightTheme} style={standalone ? { minWidth: 280 } : { padding: "6px 8px", minWidth: 280, maxWidth: 480 }}>
          <style>{PAGE_CSS}</style>
          <main lang={lang}>
            {!standalone && <Text as="h1" size={400} weight="semibold" block>{t.appTitle}</Text>}
            {draft?.municipality && <Text size={200} block>{draft.municipality}</Text>}
            {loadError && <Text size={200} block role="alert">{loadError}</Text>}
            {/* One row at any width: tabs that do not fit go to «Ещё»; the selected one always stays in the row. */}
            <Overflow minimumVisible={2} padding={8}>
              <TabList
                selectedValue={tab ?? "check"}
                onTabSelect={(_, d) => setTab(d.value as TabId)}
                size="small"
                reserveSelectedTabSpace={false}
                aria-label={t.tabsLabel}
                style={{ margin: "4px -4px 2px", flexWrap: "nowrap", overflow: "hidden", minWidth: 0 }}
              >
                {TAB_IDS.map((id) => (
                  <OverflowItem key={id} id={id} priority={(tab ?? "check") === id ? 2 : 1}>
                    <Tab value={id} id={`tab-${id}`} aria-controls={`panel-${id}`} title={t.tabs[id][1]} style={{ padding: "4px 6px", minWidth: 0 }}>
                      <span id={`tab-${id}-label`}>{t.tabs[id][0]}</span>
                    </Tab>
                  </OverflowItem>
                ))}
                <MoreTabs t={t} onSelect={selectFromMenu} mountNode={menuMount} />
              </TabList>
            </Overflow>
            {/* A tab's content is made when it is first shown, then kept (with its results) while others are. */}
            {TAB_IDS.map((id) => (
              <section key={id} role="tabpanel" id={`panel-${id}`} aria-labelledby={`tab-${id}-label`} hidden={shown !== id}>
                {visited.has(id) && panels[id]}
              </section>
            ))}
            <div ref={setMenuMount} />
            <Announcer bind={bindAnnouncer} />
          </main>
        </FluentProvider>
      </AnnounceContext.Provider>
    </ClockContext.Provider>
  );
}
