// The standalone page (issue 16): the task pane's app over an in-memory workbook, as plain files in
// dist-web/ that work opened from a disk (file://), from a network share, or served by
// `mentor-monitor open`. No Office.js, no address outside the page's own files.
//   npm run build:web
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { tsRule } = require("./webpack.config.js");

const OUTPUT = path.resolve(__dirname, "dist-web");

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode !== "development";
  return {
    mode: production ? "production" : "development",
    devtool: false, // never eval-based: the page's CSP forbids eval
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
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: { rules: [tsRule(production)] },
    plugins: [new HtmlWebpackPlugin({ filename: "index.html", template: "./src/web/index.html", chunks: ["page"], scriptLoading: "defer" })],
    performance: { maxEntrypointSize: 4_000_000, maxAssetSize: 4_000_000 },
  };
};
module.exports.OUTPUT = OUTPUT;
