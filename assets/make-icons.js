#!/usr/bin/env node
// Draws the add-in's icons and writes them as PNG files, with nothing but Node's own zlib.
//
//   node assets/make-icons.js [OUTPUT_DIR]     (default: this folder)
//
// icon-<n>.png    the add-in: a white «Н» (наставничество) on a calm blue rounded square
// report-<n>.png  the «Сформировать свод» button: three rising bars on the same square
//
// Shapes are defined on the unit square and sampled 8×8 times per pixel, so every size is drawn
// from the same geometry with smooth edges. The output is deterministic: the pixels depend only on
// this file; test/manifest checks that the committed PNGs still match it.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const SIZES = { icon: [16, 32, 64, 80, 128], report: [16, 32, 64, 80] };
const SUPERSAMPLE = 8;

// Calm blue, a little lighter at the top than at the bottom; white glyphs.
const TOP = [0x3b, 0x7c, 0xc4];
const BOTTOM = [0x25, 0x5e, 0xa3];
const GLYPH = [0xff, 0xff, 0xff];

/** Rounded square with a small margin, in unit coordinates. */
function inBackground(x, y) {
  const m = 0.03;
  const r = 0.2;
  if (x < m || x > 1 - m || y < m || y > 1 - m) return false;
  const cx = Math.min(Math.max(x, m + r), 1 - m - r);
  const cy = Math.min(Math.max(y, m + r), 1 - m - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** An axis-aligned rectangle; at small sizes its edges snap to whole pixels so stems stay crisp. */
const rect = (size, x0, y0, x1, y1) => {
  const snap = (v) => (size <= 32 ? Math.round(v * size) / size : v);
  [x0, y0, x1, y1] = [x0, y0, x1, y1].map(snap);
  return (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
};
const union = (...shapes) => (x, y) => shapes.some((s) => s(x, y));

const GLYPHS = {
  // «Н»: two stems and a crossbar.
  icon: (n) =>
    union(rect(n, 0.27, 0.24, 0.405, 0.76), rect(n, 0.595, 0.24, 0.73, 0.76), rect(n, 0.405, 0.44, 0.595, 0.56)),
  // Three bars rising to the right, standing on a common base line.
  report: (n) =>
    union(
      rect(n, 0.22, 0.52, 0.35, 0.74),
      rect(n, 0.435, 0.38, 0.565, 0.74),
      rect(n, 0.65, 0.24, 0.78, 0.74),
      rect(n, 0.18, 0.75, 0.82, 0.8),
    ),
};

/** RGBA pixels of one icon, row by row. */
function draw(kind, size) {
  const glyph = GLYPHS[kind](size);
  const pixels = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          if (!inBackground(x, y)) continue;
          bg++;
          if (glyph(x, y)) fg++;
        }
      }
      const o = (py * size + px) * 4;
      if (bg === 0) continue; // transparent
      const t = py / Math.max(1, size - 1);
      const share = fg / bg;
      for (let c = 0; c < 3; c++) {
        const blue = TOP[c] + (BOTTOM[c] - TOP[c]) * t;
        pixels[o + c] = Math.round(blue + (GLYPH[c] - blue) * share);
      }
      pixels[o + 3] = Math.round((255 * bg) / (n * n));
    }
  }
  return pixels;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[i] = c >>> 0;
  }
  return table;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A truecolour-with-alpha, 8-bit, non-interlaced PNG; every row uses filter 0 (none). */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Every icon file this script makes: name → PNG bytes. */
function makeIcons() {
  const files = {};
  for (const [kind, sizes] of Object.entries(SIZES)) {
    for (const size of sizes) files[`${kind}-${size}.png`] = encodePng(size, draw(kind, size));
  }
  return files;
}

module.exports = { makeIcons, draw, SIZES };

if (require.main === module) {
  const out = path.resolve(process.argv[2] || __dirname);
  fs.mkdirSync(out, { recursive: true });
  for (const [name, bytes] of Object.entries(makeIcons())) {
    fs.writeFileSync(path.join(out, name), bytes);
    console.log(`${path.join(out, name)} (${bytes.length} bytes)`);
  }
}
