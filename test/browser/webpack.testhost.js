// Bundles the Excel test host for the browser tests (dist-addin-test/testhost.js).
const path = require("node:path");

module.exports = {
  mode: "development",
  devtool: false,
  target: ["web", "es2020"],
  entry: { testhost: path.resolve(__dirname, "host-entry.ts") },
  output: { path: path.resolve(__dirname, "../../dist-addin-test"), filename: "[name].js" },
  resolve: { extensions: [".ts", ".js"] },
  module: { rules: [{ test: /\.ts$/, loader: "ts-loader", options: { transpileOnly: true, configFile: path.resolve(__dirname, "../../tsconfig.json") } }] },
};
