// The worker bundle's text (webpack.web.js builds src/web/engine.worker.ts first and inlines its output).
declare module "mentor-monitor-engine-source" {
  const source: string;
  export default source;
}
