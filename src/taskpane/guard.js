/*
 * The task pane's guard: the one script of taskpane.html besides Office's own. Written in ES5 with no
 * newer library call before the checks (no arrow functions, let/const, template strings, classes or
 * Promise), so that Internet Explorer 11 — the webview of volume-licensed Office 2016 and 2019, and of
 * Microsoft 365 on Windows without WebView2 — parses and runs it. It loads the pane's bundle only when
 * the webview can run it and Excel has the API sets the add-in needs; otherwise it writes a short
 * Russian message into the page instead of leaving it blank. Microsoft recommends such a message:
 * https://learn.microsoft.com/office/dev/add-ins/develop/support-ie-11
 *
 * taskpane.html gives it the bundle's file names (data-bundle) and the ExcelApi version the manifest
 * asks for (data-excel-api). Loaded by a <script src> of the add-in's own origin: no inline script, so
 * the page's Content-Security-Policy (script-src 'self') allows it. See docs/addin-build.md.
 */
(function () {
  "use strict";

  var scripts = document.getElementsByTagName("script");
  var me = document.currentScript || scripts[scripts.length - 1];
  var bundles = splitWords(me ? me.getAttribute("data-bundle") : "");
  var excelApi = (me && me.getAttribute("data-excel-api")) || "1.9";
  var state = { blocked: false, reason: "", missing: [], loaded: false };
  window.__MENTOR_MONITOR_GUARD__ = state;

  function splitWords(text) {
    var out = [];
    var parts = String(text || "").split(" ");
    for (var i = 0; i < parts.length; i++) if (parts[i]) out.push(parts[i]);
    return out;
  }

  function isFunction(x) {
    return typeof x === "function";
  }

  /** What the bundle (ES2020, React 18, Fluent UI 9) needs and an old webview lacks. */
  function missingFeatures() {
    var w = window;
    var missing = [];
    function need(name, ok) {
      if (!ok) missing.push(name);
    }
    need("Promise", isFunction(w.Promise) && isFunction(w.Promise.prototype.then) && isFunction(w.Promise.prototype["finally"]));
    need("Symbol", isFunction(w.Symbol) && typeof w.Symbol.iterator === "symbol");
    need("Map", isFunction(w.Map));
    need("Set", isFunction(w.Set));
    need("WeakMap", isFunction(w.WeakMap));
    need("Reflect", typeof w.Reflect === "object" && w.Reflect !== null);
    need("globalThis", typeof globalThis !== "undefined");
    need("Object.assign", isFunction(Object.assign));
    need("Object.fromEntries", isFunction(Object.fromEntries));
    need("Array.prototype.includes", isFunction(Array.prototype.includes));
    need("Array.prototype.flatMap", isFunction(Array.prototype.flatMap));
    need("String.prototype.matchAll", isFunction(String.prototype.matchAll));
    need("Worker", isFunction(w.Worker)); // the analysis runs in a Web Worker
    need("TextDecoder", isFunction(w.TextDecoder));
    need("ResizeObserver", isFunction(w.ResizeObserver));
    need("queueMicrotask", isFunction(w.queueMicrotask));
    return missing;
  }

  function webview() {
    var ua = String(navigator.userAgent || "");
    if (ua.indexOf("Trident/") !== -1 || ua.indexOf("MSIE ") !== -1) return "ie";
    if (/\bEdge\/\d/.test(ua)) return "edgehtml";
    return "other";
  }

  var NEED =
    "Нужен Excel из Microsoft\u00a0365 или Excel\u00a02021 и новее с компонентом Microsoft Edge WebView2 " +
    "(в Windows\u00a010 и\u00a011 он обычно уже установлен), либо Excel в Интернете — в браузере Edge, Chrome, Firefox или Safari.";
  var WHY = {
    ie:
      "Это окно Excel показывает панели надстроек во встроенном Internet Explorer\u00a011 — так бывает в Office\u00a02016 и 2019 " +
      "с корпоративной лицензией и в Microsoft\u00a0365 на компьютерах без WebView2. Internet Explorer не умеет выполнять " +
      "современный JavaScript, на котором написана надстройка.",
    edgehtml:
      "Это окно Excel показывает панели надстроек в устаревшем Microsoft Edge (EdgeHTML). Ему не хватает возможностей, " +
      "без которых надстройка не работает.",
    other: "Встроенному браузеру этого окна Excel не хватает возможностей, без которых надстройка не работает.",
    api:
      "Эта версия Excel не поддерживает набор функций ExcelApi " + excelApi + ", без которого надстройка не может читать " +
      "и оформлять листы.",
    office:
      "Не загрузилась библиотека Office (office.js) с сайта Microsoft: вероятно, доступ к appsforoffice.microsoft.com " +
      "закрыт в этой сети.",
    load: "Файлы панели не загрузились или не запустились."
  };
  var WHAT = {
    ie: NEED + " Если у вас Microsoft\u00a0365, попросите администратора установить Microsoft Edge WebView2 Runtime и обновить Office.",
    edgehtml: NEED,
    other: NEED,
    api: NEED,
    office:
      "Попросите администратора сети открыть доступ к appsforoffice.microsoft.com и officeapis.public.onecdn.static.microsoft " +
      "или разместить копию office.js вместе с надстройкой (это описано в инструкции по установке).",
    load: "Закройте панель и откройте её снова. Если не поможет, перешлите администратору технические сведения ниже."
  };
  var ALTERNATIVE = [
    "Без надстройки ту же проверку, охват, сроки дорожной карты и свод делает программа командной строки ",
    "mentor-monitor",
    ": она читает книгу .xlsx и записывает свод в файл, например: ",
    "mentor-monitor report книга.xlsx --period 2021-Q2 -o свод.xlsx",
    "."
  ];
  var COMING = "Скоро появится и отдельная страница, которая будет работать в любом современном браузере, без Excel.";

  function element(tag, text, css) {
    var el = document.createElement(tag);
    if (text) el.appendChild(document.createTextNode(text));
    if (css) el.style.cssText = css;
    return el;
  }

  /** A command line, broken between its words only (never at the hyphen of «mentor-monitor»). */
  function command(text) {
    var code = element("code", "", "font-family:Consolas,'Courier New',monospace;font-size:13px;");
    var words = text.split(" ");
    for (var i = 0; i < words.length; i++) {
      if (i > 0) code.appendChild(document.createTextNode(" "));
      code.appendChild(element("span", words[i], "white-space:nowrap;"));
    }
    return code;
  }

  /** Replaces the pane with the message; the bundle is never loaded (or its start is ignored). */
  function show(reason, technical) {
    if (state.blocked) return;
    state.blocked = true;
    state.reason = reason;
    var root = document.getElementById("root");
    if (root) root.style.display = "none";
    var box = element("div", "", "font-family:'Segoe UI',Tahoma,sans-serif;font-size:14px;line-height:1.45;color:#242424;margin:12px 14px;");
    box.id = "mm-unsupported";
    box.setAttribute("role", "alert");
    box.setAttribute("lang", "ru");
    box.appendChild(element("h1", "Надстройка «Мониторинг наставничества» не может работать в этом окне Excel", "font-size:16px;font-weight:600;margin:0 0 10px;"));
    box.appendChild(element("p", WHY[reason], "margin:0 0 8px;"));
    box.appendChild(element("p", WHAT[reason], "margin:0 0 8px;"));
    var alternative = element("p", "", "margin:0 0 8px;");
    for (var i = 0; i < ALTERNATIVE.length; i++) {
      if (i % 2 === 0) alternative.appendChild(document.createTextNode(ALTERNATIVE[i]));
      else alternative.appendChild(command(ALTERNATIVE[i]));
    }
    box.appendChild(alternative);
    box.appendChild(element("p", COMING, "margin:0 0 8px;"));
    var details = "Технические сведения: " + technical + "; браузер: " + String(navigator.userAgent || "неизвестен") + ".";
    var small = element("p", details, "margin:12px 0 0;font-size:11px;color:#616161;word-wrap:break-word;");
    small.id = "mm-unsupported-details";
    box.appendChild(small);
    document.body.appendChild(box);
  }

  function isBundle(file) {
    if (!file) return false;
    for (var i = 0; i < bundles.length; i++) {
      var name = bundles[i].split("/").pop();
      if (String(file).indexOf(name, String(file).length - name.length) !== -1) return true;
    }
    return false;
  }

  /** Loads the bundles in order; a bundle that does not load or throws while starting gets the message. */
  function load() {
    var starting = true;
    window.addEventListener("error", function (e) {
      if (starting && isBundle(e.filename)) show("load", "ошибка при запуске панели: " + e.message);
    });
    var left = bundles.length;
    for (var i = 0; i < bundles.length; i++) {
      var s = document.createElement("script");
      s.src = bundles[i];
      s.async = false; // in order, as the page listed them
      s.onload = function () {
        left--;
        if (left === 0) {
          starting = false;
          state.loaded = true;
        }
      };
      s.onerror = function () {
        show("load", "файл панели не загрузился: " + this.src);
      };
      document.body.appendChild(s);
    }
  }

  var missing = missingFeatures();
  state.missing = missing;
  if (missing.length > 0) {
    show(webview(), "не хватает " + missing.join(", "));
    return;
  }
  var office = window.Office;
  if (!office || !isFunction(office.onReady)) {
    show("office", "office.js не загружен");
    return;
  }
  office.onReady(function (info) {
    // Only inside Excel: a page opened outside Office (a developer's browser) has no host to ask.
    var requirements = office.context && office.context.requirements;
    if (info && info.host && requirements && isFunction(requirements.isSetSupported) && !requirements.isSetSupported("ExcelApi", excelApi)) {
      show("api", "ExcelApi " + excelApi + " не поддерживается");
      return;
    }
    load();
  });
})();
