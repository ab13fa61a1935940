import { FluentProvider, Tab, TabList, Text, webLightTheme } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { MonitorService, PaneSettings } from "../../office/service";
import { type Lang, dictionary } from "../i18n";
import { CheckTab } from "./CheckTab";
import { CoverageTab } from "./CoverageTab";
import { ImportTab } from "./ImportTab";
import { ReportTab } from "./ReportTab";
import { RoadmapTab } from "./RoadmapTab";
import { TemplateTab } from "./TemplateTab";

type TabId = "template" | "check" | "coverage" | "roadmap" | "report" | "import";

export function App({ service, lang }: { service: MonitorService; lang: Lang }) {
  const t = dictionary(lang);
  const [tab, setTab] = useState<TabId>("check");
  const [settings, setSettings] = useState<PaneSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    service.loadSettings().then(setSettings, (e) => setLoadError(e instanceof Error ? e.message : String(e)));
  }, [service]);
  const today = new Date().toISOString().slice(0, 10);
  const period = settings?.period ?? `${today.slice(0, 4)}-Q${Math.ceil(Number(today.slice(5, 7)) / 3)}`;
  const asOf = settings?.asOf ?? today;
  return (
    <FluentProvider theme={webLightTheme} style={{ padding: "8px 10px", minWidth: 280, maxWidth: 480 }}>
      <main lang={lang}>
        <Text as="h1" size={400} weight="semibold" block>{t.appTitle}</Text>
        {settings?.municipality && <Text size={200} block>{settings.municipality}</Text>}
        {loadError && <Text size={200} block>{loadError}</Text>}
        <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)} size="small" style={{ flexWrap: "wrap", margin: "6px 0" }}>
          <Tab value="template">{t.tabTemplate}</Tab>
          <Tab value="check">{t.tabCheck}</Tab>
          <Tab value="coverage">{t.tabCoverage}</Tab>
          <Tab value="roadmap">{t.tabRoadmap}</Tab>
          <Tab value="report">{t.tabReport}</Tab>
          <Tab value="import">{t.tabImport}</Tab>
        </TabList>
        {tab === "template" && <TemplateTab service={service} t={t} settings={settings} onSettings={setSettings} />}
        {tab === "check" && <CheckTab service={service} t={t} />}
        {tab === "coverage" && <CoverageTab service={service} t={t} period={period} />}
        {tab === "roadmap" && <RoadmapTab service={service} t={t} asOf={asOf} />}
        {tab === "import" && <ImportTab service={service} t={t} />}
        {tab === "report" && <ReportTab service={service} t={t} period={period} asOf={asOf} year={settings?.planYear ?? Number(today.slice(0, 4))} />}
      </main>
    </FluentProvider>
  );
}
