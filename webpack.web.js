// The standalone page (issue 16): the task pane's app over an in-memory workbook, as plain files in
// dist-web/ that work opened from a disk (file://), from a network share, or served by
// `mentor-monitor open`. No Office.js, no address outside the page's own files.
//   npm run build:web
//
// Two builds, one after the other: first the page's worker (src/web/engine.worker.ts: reading the file,
// the engine, the package edits) as one self-contained script into dist-web-engine/, then the page, whose
// bundle carries that script's text (the module "mentor-monitor-engine-source") and starts the worker
// from a blob: address of it — the one way a page opened from file:// may start a worker (docs/web.md).
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { tsRule } = require("./webpack.config.js");

const OUTPUT = path.resolve(__dirname, "dist-web");
const ENGINE_OUTPUT = path.resolve(__dirname, "dist-web-engine");
const ENGINE_FILE = path.join(ENGINE_OUTPUT, "engine.js");

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode !== "development";
  const common = {
    mode: production ? "production" : "development",
    devtool: false, // never eval-based: the page's CSP forbids eval
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    performance: { maxEntrypointSize: 8_000_000, maxAssetSize: 8_000_000 },
  };
  const engine = {
    ...common,
    name: "engine",
    target: ["webworker", "es2020"],
    entry: { engine: "./src/web/engine.worker.ts" },
    output: { path: ENGINE_OUTPUT, filename: "engine.js", publicPath: "", clean: true },
    // One script, nothing loaded later: a blob: worker has no folder to load a chunk from.
    optimization: { splitChunks: false, runtimeChunk: false },
    plugins: [new (require("webpack").optimize.LimitChunkCountPlugin)({ maxChunks: 1 })],
    module: { rules: [tsRule(production)] },
  };
  const page = {
    ...common,
    name: "page",
    dependencies: ["engine"],
    target: ["web", "es2020"],
    entry: { page: "./src/web/index.tsx" },
    output: {
      path: OUTPUT,
      // Relative addresses, so the page works from file:// and from any folder.
      publicPath: "",
      filename: "[name].[contenthash:8].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { ...common.resolve, alias: { "mentor-monitor-engine-source$": ENGINE_FILE } },
    module: {
      rules: [
        tsRule(production),
        { test: (p) => p === ENGINE_FILE, type: "asset/source" },
      ],
    },
    plugins: [new HtmlWebpackPlugin({ filename: "index.html", template: "./src/web/index.html", chunks: ["page"], scriptLoading: "defer" })],
  };
  return [engine, page];
};
module.exports.OUTPUT = OUTPUT;
