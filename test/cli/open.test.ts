// `mentor-monitor open`'s server: only the page's files and the one book it was given, under a token the
// page alone knows, on 127.0.0.1; nothing else of the disk, no other method, no caching of the book.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../../src/cli/commands/open";

const root = mkdtempSync(join(tmpdir(), "mm-open-"));
const page = join(root, "dist-web");
mkdirSync(page);
writeFileSync(join(page, "index.html"), "<!doctype html><title>Мониторинг</title>");
writeFileSync(join(page, "page.12345678.js"), "console.log(1)");
writeFileSync(join(root, "secret.txt"), "personal data");
const book = { name: "Бокситогорск 2021.xlsx", bytes: new Uint8Array([80, 75, 3, 4, 1, 2, 3]) };

let url: string;
let close: () => Promise<void>;
beforeAll(async () => {
  const s = await startServer(page, book);
  url = s.url;
  close = () => new Promise((done) => s.server.close(() => done()));
  expect((s.server.address() as AddressInfo).address).toBe("127.0.0.1");
});
afterAll(() => close());

const origin = () => new URL(url).origin;
const token = () => new URL(url).hash.replace(/^#book=/, "");

test("the address carries the book's token in the fragment, which browsers never send", () => {
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#book=[\w-]{24}$/);
});

test("serves the page and its scripts with their types and no caching", async () => {
  const r = await fetch(`${origin()}/`);
  expect(r.status).toBe(200);
  expect(r.headers.get("content-type")).toBe("text/html; charset=utf-8");
  expect(r.headers.get("cache-control")).toBe("no-store");
  expect(await r.text()).toContain("Мониторинг");
  const js = await fetch(`${origin()}/page.12345678.js`);
  expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
});

test("serves the book only under its token, with its name", async () => {
  const r = await fetch(`${origin()}/book/${token()}`);
  expect(r.status).toBe(200);
  expect(new Uint8Array(await r.arrayBuffer())).toEqual(book.bytes);
  expect(decodeURIComponent(r.headers.get("x-book-name")!)).toBe(book.name);
  expect((await fetch(`${origin()}/book/${token().slice(1)}`)).status).toBe(404);
  expect((await fetch(`${origin()}/book/`)).status).toBe(404);
});

test("nothing outside the page's folder is reachable, however the path is written", async () => {
  for (const p of ["/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "//etc/passwd"]) {
    const r = await fetch(`${origin()}${p}`);
    expect([p, r.status]).toEqual([p, 404]);
  }
});

test("a malformed address is refused, and the server goes on", async () => {
  expect((await fetch(`${origin()}/%E0%A4%A`)).status).toBe(400);
  expect((await fetch(`${origin()}/`)).status).toBe(200);
});

test("only GET and HEAD", async () => {
  expect((await fetch(`${origin()}/`, { method: "POST", body: "x" })).status).toBe(405);
  expect((await fetch(`${origin()}/`, { method: "HEAD" })).status).toBe(200);
});
