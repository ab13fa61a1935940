// Builds the Excel add-in (task pane + function commands) into dist-addin/.
// dist/ belongs to the command line (tsc -p tsconfig.build.json); the two builds never share a folder.
//
//   npm run build        production bundle; ADDIN_URL=https://host/path/ puts that address in the manifest
//   npm run build:dev    development bundle with source maps
//   npm run dev-server   https://localhost:3000 with office-addin-dev-certs certificates
//
// See docs/addin-build.md.
/* eslint-env node */
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

/** The address manifest.xml is written for: the development server. */
const DEV_URL = "https://localhost:3000/";
const DEV_PORT = 3000;
const OUTPUT = path.resolve(__dirname, "dist-addin");

/**
 * The production address from ADDIN_URL: https only, no query or fragment, always ending in "/"
 * (so `${base}taskpane.html` is the page). Returns null when ADDIN_URL is empty.
 */
function addinUrl(raw) {
  if (!raw || !raw.trim()) return null;
  let url;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`ADDIN_URL is not a URL: ${raw}`);
  }
  if (url.protocol !== "https:") throw new Error(`ADDIN_URL must be an https:// address (Office loads add-ins over https only): ${raw}`);
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`ADDIN_URL must be a plain folder address, without query, fragment or credentials: ${raw}`);
  }
  const base = url.href.endsWith("/") ? url.href : `${url.href}/`;
  if (/[<>"'&\s]/.test(base)) throw new Error(`ADDIN_URL contains characters that cannot go into the manifest: ${raw}`);
  return base;
}

/** The ExcelApi version manifest.xml requires (`<Set Name="ExcelApi" MinVersion="1.9"/>`); the guard checks it too. */
function manifestExcelApi(xml = fs.readFileSync(path.resolve(__dirname, "manifest.xml"), "utf8")) {
  const m = /<Set\s+Name="ExcelApi"\s+MinVersion="(\d+\.\d+)"/.exec(xml);
  if (!m) throw new Error("manifest.xml names no ExcelApi MinVersion");
  return m[1];
}

/**
 * taskpane.html's parameters: the guard script (copied as it is, ES5, with a content hash in its name)
 * loads the pane's bundle itself, so the page lists the bundle for it instead of loading it directly.
 */
function taskpaneParameters(compilation, assets, assetTags, options) {
  const guard = compilation.getAssets().map((a) => a.name).find((n) => /^guard\.[0-9a-f]{8}\.js$/.test(n));
  if (!guard) throw new Error("the guard script was not emitted (CopyWebpackPlugin pattern for src/taskpane/guard.js)");
  return {
    compilation,
    webpackConfig: compilation.options,
    htmlWebpackPlugin: { tags: assetTags, files: assets, options },
    guard: `${assets.publicPath}${guard}`,
    bundles: assets.js.join(" "),
    excelApi: manifestExcelApi(),
  };
}

/** manifest.xml with every development address replaced by the production one. */
function rewriteManifest(xml, base) {
  return base ? xml.split(DEV_URL).join(base) : xml;
}

/** TypeScript through ts-loader: one rule for the add-in's bundles and the standalone page's. */
function tsRule(production) {
  return {
    test: /\.tsx?$/,
    exclude: /node_modules/,
    use: {
      loader: "ts-loader",
      options: {
        configFile: path.resolve(__dirname, "tsconfig.json"),
        transpileOnly: true, // `npm run typecheck` does the type checking
        // ES modules for webpack, so unused parts of Fluent UI are left out of the bundle.
        compilerOptions: { module: "esnext", sourceMap: !production },
      },
    },
  };
}

module.exports = async (env = {}, argv = {}) => {
  const production = argv.mode === "production";
  const serving = Boolean(env.WEBPACK_SERVE);
  const base = production ? addinUrl(process.env.ADDIN_URL) : null;

  // The development certificates are only needed to serve; plain builds never touch them. Getting them
  // creates and trusts a local CA on first use (office-addin-dev-certs asks for the password once).
  let server = { type: "https" };
  if (serving && !production) {
    const devCerts = require("office-addin-dev-certs");
    server = { type: "https", options: await devCerts.getHttpsServerOptions() };
  }

  return {
    mode: production ? "production" : "development",
    devtool: production ? false : "source-map", // never eval-based: the pages' CSP forbids eval
    target: ["web", "es2020"],
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      dialog: "./src/commands/dialog.ts",
    },
    output: {
      path: OUTPUT,
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    module: {
      rules: [
        tsRule(production),
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        inject: false, // the guard loads the bundle (src/taskpane/guard.js)
        templateParameters: taskpaneParameters,
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
      }),
      new HtmlWebpackPlugin({
        filename: "dialog.html",
        template: "./src/commands/dialog.html",
        chunks: ["dialog"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets", to: "assets", globOptions: { ignore: ["**/make-icons.js"] } },
          // As written (ES5, for Internet Explorer 11), never through a loader or the minifier.
          { from: "src/taskpane/guard.js", to: "guard.[contenthash:8].js", info: { minimized: true } },
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => rewriteManifest(content.toString("utf8"), base) },
        ],
      }),
    ],
    performance: {
      // One bundle per page, loaded once from the add-in's own server; warn only when it gets unusual.
      maxEntrypointSize: 1_500_000,
      maxAssetSize: 1_500_000,
    },
    devServer: {
      port: DEV_PORT,
      server,
      headers: { "Access-Control-Allow-Origin": "*" },
      static: false,
      client: { overlay: { warnings: false, errors: true } },
    },
  };
};

module.exports.addinUrl = addinUrl;
module.exports.manifestExcelApi = manifestExcelApi;
module.exports.rewriteManifest = rewriteManifest;
module.exports.DEV_URL = DEV_URL;
module.exports.OUTPUT = OUTPUT;
module.exports.tsRule = tsRule;
