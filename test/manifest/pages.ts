// What the manifest tests share: office-addin-manifest's own reader, the addresses of a manifest, and
// the rules every page of the add-in keeps (its Content-Security-Policy, Office's script first, no
// inline script).
import { spawnSync } from "node:child_process";
import type { ManifestInfo } from "office-addin-manifest";
import { ROOT } from "./apisets";
import { type XmlElement, childrenNamed, descendants } from "./xml";

/**
 * office-addin-manifest's own reader: readManifestFile() and the xml2js tree its XML handler parses.
 * Run in a child Node process: the package loads ES-module-only dependencies (for JSON manifests)
 * that Node itself can require but Jest's module runtime cannot.
 */
export function readWithOfficeTooling(file: string): { info: ManifestInfo; tree: Record<string, unknown> } {
  const script = `
    const { OfficeAddinManifest } = require("office-addin-manifest");
    const { ManifestHandlerXml } = require("office-addin-manifest/lib/manifestHandler/manifestHandlerXml");
    (async () => {
      const file = process.argv[1];
      const info = await OfficeAddinManifest.readManifestFile(file);
      const tree = await new ManifestHandlerXml(file).parseXmlAsync();
      process.stdout.write(JSON.stringify({ info, tree }));
    })().catch((e) => { process.stderr.write(String(e && e.message)); process.exit(1); });`;
  const result = spawnSync(process.execPath, ["--no-warnings", "-e", script, file], { cwd: ROOT, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`office-addin-manifest could not read ${file}: ${result.stderr}`);
  return JSON.parse(result.stdout) as { info: ManifestInfo; tree: Record<string, unknown> };
}

/** Every address in a manifest: top-level URL settings, URL and image resources, and their overrides. */
export function manifestUrls(doc: XmlElement): { where: string; value: string }[] {
  const urlElements = new Set(["IconUrl", "HighResolutionIconUrl", "SupportUrl", "SourceLocation"]);
  const out: { where: string; value: string }[] = [];
  for (const el of descendants(doc)) {
    const isUrl = (urlElements.has(el.local) && el.attrs.DefaultValue) || ((el.name === "bt:Image" || el.name === "bt:Url") && el.attrs.id);
    if (!isUrl) continue;
    out.push({ where: `${el.name} line ${el.line}`, value: el.attrs.DefaultValue });
    for (const o of childrenNamed(el, "Override")) out.push({ where: `${el.name} override line ${o.line}`, value: o.attrs.Value });
  }
  return out;
}

// The pages' Content-Security-Policy, directive by directive (docs/addin-build.md explains each).
export const EXPECTED_CSP: Record<string, string[]> = {
  "default-src": ["'self'"],
  "script-src": ["'self'", "https://appsforoffice.microsoft.com", "https://officeapis.public.onecdn.static.microsoft"],
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": ["'self'", "data:"],
  "font-src": ["'self'"],
  "connect-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'none'"],
};
export const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

export function cspOf(html: string): Record<string, string[]> {
  const meta = /<meta\s+http-equiv="?Content-Security-Policy"?\s+content="([^"]*)"/i.exec(html);
  if (!meta) throw new Error("no Content-Security-Policy meta tag");
  return Object.fromEntries(
    meta[1]
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

export function scriptsOf(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*?\bsrc="?([^"\s>]+)"?[^>]*>/gi)].map((m) => m[1]);
}

/** The page rules both for the templates and for the built (minified) pages. */
export function checkPage(html: string, { title, root: hasRoot }: { title: string; root: boolean }) {
  const head = html.slice(0, html.search(/<\/head>/i));
  expect(html).toMatch(/<html[^>]*\blang="?ru"?[\s>]/i);
  expect(head).toMatch(new RegExp(`<title>${title}</title>`));
  expect(cspOf(html)).toEqual(EXPECTED_CSP);
  expect(html).not.toMatch(/unsafe-eval/);
  // The policy comes before any script, Office's script is the first one and sits in <head>.
  expect(head.search(/Content-Security-Policy/i)).toBeLessThan(head.search(/<script/i));
  expect(scriptsOf(head)[0]).toBe(OFFICE_JS);
  const allowed = EXPECTED_CSP["script-src"].filter((s) => s.startsWith("https://"));
  for (const src of scriptsOf(html)) if (/^https?:/.test(src)) expect(allowed).toContain(new URL(src).origin);
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/i); // no inline scripts: the policy would block them
  if (hasRoot) {
    expect(html).toMatch(/<div id="?root"?>/);
    expect(html).toMatch(/<noscript>[^<]*<p>[^<]*JavaScript[^<]*<\/p>[^<]*<\/noscript>/);
  }
}

