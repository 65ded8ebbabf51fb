#!/usr/bin/env node
// Generates the local, dependency-free product / category / hero illustrations
// used by the web app. Reads the seed catalog (TypeScript source) as plain text
// and extracts slug / name / categorySlug with regexes, so nothing needs compiling.
//
//   node scripts/generate-images.mjs
//
// Output (deterministic, safe to re-run):
//   apps/web/public/images/products/<slug>.svg        800x800
//   apps/web/public/images/categories/<category>.svg  600x400
//   apps/web/public/images/hero.svg                   1600x700

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CATALOG = join(ROOT, "apps/product-service/prisma/seed/catalog.ts");
const OUT = join(ROOT, "apps/web/public/images");

// ---------------------------------------------------------------------------
// Catalog parsing
// ---------------------------------------------------------------------------

function parseCatalog(src) {
  const catBlock = src.slice(
    src.indexOf("export const categories"),
    src.indexOf("export const products"),
  );
  const prodBlock = src.slice(src.indexOf("export const products"));
  const categories = [...catBlock.matchAll(/slug:\s*"([a-z0-9-]+)",\s*name:\s*"([^"]*)"/g)].map(
    (m) => ({
      slug: m[1],
      name: m[2],
    }),
  );
  const products = [
    ...prodBlock.matchAll(
      /slug:\s*"([a-z0-9-]+)",\s*name:\s*"((?:[^"\\]|\\.)*)",[\s\S]*?categorySlug:\s*"([a-z0-9-]+)"/g,
    ),
  ].map((m) => ({ slug: m[1], name: m[2], categorySlug: m[3] }));
  if (!categories.length || !products.length) throw new Error(`Could not parse ${CATALOG}`);
  return { categories, products };
}

// ---------------------------------------------------------------------------
// Deterministic helpers
// ---------------------------------------------------------------------------

function fnv1a(str) {
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
const r = (n) => Math.round(n);

function hex(h, s, l) {
  h = ((h % 360) + 360) % 360;
  s = clamp(s, 0, 100) / 100;
  l = clamp(l, 0, 100) / 100;
  const k = (n) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return (
    "#" +
    [f(0), f(8), f(4)]
      .map((x) =>
        r(x * 255)
          .toString(16)
          .padStart(2, "0"),
      )
      .join("")
  );
}

// Curated object colours (h, s, l). Hand-picked so every combination looks good.
const COLORS = [
  [14, 58, 54], // terracotta
  [40, 78, 56], // mustard
  [110, 18, 52], // sage
  [152, 34, 32], // forest
  [184, 42, 38], // teal
  [206, 58, 56], // sky
  [222, 42, 30], // navy
  [256, 30, 62], // lavender
  [318, 22, 40], // plum
  [352, 48, 68], // dusty rose
  [8, 70, 62], // coral
  [220, 10, 26], // charcoal
  [72, 28, 42], // olive
  [30, 38, 44], // tobacco
];
// Background hue offsets relative to the object hue (analogous or soft complement).
const BG_SHIFT = [28, -32, 180, 150, -150, 45];

function palette(colorIdx, rnd) {
  const [h, s, l] = COLORS[colorIdx % COLORS.length];
  const bh = h + BG_SHIFT[Math.floor(rnd() * BG_SHIFT.length)];
  const bs = 42 + rnd() * 22;
  return {
    main: hex(h, s, l),
    dark: hex(h, s + 4, l - 13),
    deep: hex(h, s, l - 22),
    light: hex(h, s - 6, l + 14),
    pale: hex(h, s - 10, Math.min(l + 30, 93)),
    bg1: hex(bh, bs, 93),
    bg2: hex(bh + 18, bs - 6, 83),
    h,
    s,
    l,
  };
}

// Shared material colours
const WOOD = ["#b98154", "#9c6a43", "#c9975f", "#7d5436"];
const BRASS = "#d2a857";
const STEEL = "#c7ccd3";
const INK = "#2c2f36";
const CREAM = "#ecdcbf";

// ---------------------------------------------------------------------------
// Object illustrations, drawn in an 800x800 space; the object stands on y≈640.
// Each returns { body, shadow } where shadow = half-width of the floor shadow.
// ---------------------------------------------------------------------------

function steam(x, y, n) {
  let out = "";
  for (let i = 0; i < n; i++) {
    const sx = x + (i - (n - 1) / 2) * 46;
    out += `<path d="M${r(sx)} ${y}c-18-26 18-42 0-70s18-44 0-66" fill="none" stroke="#fff" stroke-width="11" stroke-linecap="round" opacity=".75"/>`;
  }
  return out;
}

function mug(p, rnd, opt = {}) {
  const w = r(opt.w ?? 210 + rnd() * 50);
  const h = r(opt.h ?? 220 + rnd() * 60);
  const saucer = opt.saucer ?? rnd() < 0.5;
  const band = rnd();
  const speckle = rnd() < 0.45;
  const floor = saucer ? 618 : 640;
  const x = 380 - w / 2;
  const top = floor - h;
  let s = "";
  if (saucer) {
    s += `<ellipse cx="400" cy="636" rx="${w / 2 + 86}" ry="30" fill="${p.deep}"/>`;
    s += `<ellipse cx="400" cy="626" rx="${w / 2 + 86}" ry="30" fill="${p.light}"/>`;
    s += `<ellipse cx="390" cy="622" rx="${w / 2 + 20}" ry="15" fill="${p.main}" opacity=".5"/>`;
  }
  // handle
  s += `<path d="M${x + w - 8} ${top + 52}c96 0 96 ${h - 130} 0 ${h - 130}" fill="none" stroke="${p.dark}" stroke-width="30" stroke-linecap="round"/>`;
  // body
  s += `<path d="M${x} ${top}h${w}v${h - 40}a40 40 0 0 1-40 40h-${w - 80}a40 40 0 0 1-40-40z" fill="${p.main}"/>`;
  if (band < 0.35)
    s += `<rect x="${x}" y="${top + r(h * 0.52)}" width="${w}" height="26" fill="${p.pale}"/>`;
  else if (band < 0.6)
    s += `<path d="M${x} ${top + 40}h${w}v${r(h * 0.3)}h-${w}z" fill="${p.light}" opacity=".55"/>`;
  if (speckle) {
    for (let i = 0; i < 14; i++) {
      s += `<circle cx="${r(x + 20 + rnd() * (w - 40))}" cy="${r(top + 30 + rnd() * (h - 60))}" r="${(2 + rnd() * 3).toFixed(1)}" fill="${p.deep}" opacity=".5"/>`;
    }
  }
  s += `<rect x="${x + 22}" y="${top + 34}" width="22" height="${h - 90}" rx="11" fill="#fff" opacity=".28"/>`;
  // rim + coffee
  s += `<ellipse cx="${x + w / 2}" cy="${top}" rx="${w / 2}" ry="24" fill="${p.light}"/>`;
  s += `<ellipse cx="${x + w / 2}" cy="${top + 4}" rx="${w / 2 - 14}" ry="16" fill="#5b3b2a"/>`;
  s += `<ellipse cx="${x + w / 2 - 18}" cy="${top + 1}" rx="${w / 5}" ry="5" fill="#8a5f43" opacity=".8"/>`;
  if (opt.steam !== false) s += steam(x + w / 2, top - 40, 3);
  return { body: s, shadow: saucer ? w / 2 + 96 : w / 2 + 70, top, cx: x + w / 2 };
}

function skillet(p, rnd) {
  const cx = 360,
    cy = 440,
    rx = 200,
    ry = 132;
  const enamel = rnd() < 0.75;
  const wall = enamel ? p.dark : "#24262b";
  const rim = enamel ? p.main : "#3a3d44";
  const inner = enamel && rnd() < 0.4 ? p.pale : "#2e3036";
  const woodHandle = rnd() < 0.5;
  const handle = woodHandle ? WOOD[Math.floor(rnd() * WOOD.length)] : wall;
  const food = rnd();
  let s = "";
  // long handle
  s += `<g transform="rotate(-12 ${cx + rx - 20} ${cy + 20})">`;
  s += `<rect x="${cx + rx - 40}" y="${cy + 4}" width="90" height="34" rx="12" fill="${wall}"/>`;
  s += `<rect x="${cx + rx + 30}" y="${cy}" width="210" height="42" rx="21" fill="${handle}"/>`;
  s += `<circle cx="${cx + rx + 214}" cy="${cy + 21}" r="9" fill="${p.bg2}"/>`;
  s += `</g>`;
  // helper handle
  s += `<path d="M${cx - rx + 14} ${cy + 4}c-46-6-70 14-66 34s30 26 70 16" fill="none" stroke="${wall}" stroke-width="22" stroke-linecap="round"/>`;
  // wall and rim
  s += `<ellipse cx="${cx}" cy="${cy + 46}" rx="${rx}" ry="${ry}" fill="${wall}"/>`;
  s += `<rect x="${cx - rx}" y="${cy}" width="${rx * 2}" height="46" fill="${wall}"/>`;
  s += `<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" fill="${rim}"/>`;
  s += `<ellipse cx="${cx}" cy="${cy + 8}" rx="${rx - 20}" ry="${ry - 18}" fill="${inner}"/>`;
  s += `<path d="M${cx - rx + 50} ${cy - 20}a${rx - 40} ${ry - 30} 0 0 1 ${rx - 30}-${ry - 40}" fill="none" stroke="#fff" stroke-width="8" stroke-linecap="round" opacity=".12"/>`;
  if (food < 0.45) {
    // fried egg
    s += `<path d="M${cx - 70} ${cy}c-10-50 60-66 100-44 40-6 70 30 40 60-10 40-80 46-110 20-30-6-40-20-30-36z" fill="#fbf8f1"/>`;
    s += `<ellipse cx="${cx - 2}" cy="${cy + 10}" rx="34" ry="28" fill="#f7b733"/>`;
    s += `<ellipse cx="${cx - 12}" cy="${cy + 1}" rx="10" ry="7" fill="#fff" opacity=".6"/>`;
  } else if (food < 0.75) {
    // vegetables
    const veg = ["#e4572e", "#7bb661", "#f3c13a", "#e4572e", "#7bb661"];
    veg.forEach((c, i) => {
      const a = (i / veg.length) * Math.PI * 2 + 0.4;
      s += `<circle cx="${r(cx + Math.cos(a) * 80)}" cy="${r(cy + 10 + Math.sin(a) * 46)}" r="${i % 2 ? 20 : 26}" fill="${c}"/>`;
    });
    s += `<circle cx="${cx}" cy="${cy + 10}" r="24" fill="#f3c13a"/>`;
  }
  return { body: s, shadow: 290 };
}

function headphones(p, rnd) {
  const round = rnd() < 0.5;
  const pad = rnd() < 0.6 ? p.pale : INK;
  const cushion = rnd() < 0.5 ? INK : p.deep;
  const ring = rnd() < 0.5 ? BRASS : STEEL;
  const cw = round ? 124 : 104;
  const ch = round ? 170 : 190;
  let s = "";
  // headband
  s += `<path d="M232 470A168 226 0 0 1 568 470" fill="none" stroke="${p.deep}" stroke-width="30" stroke-linecap="round"/>`;
  s += `<path d="M290 300A168 226 0 0 1 510 300" fill="none" stroke="${pad}" stroke-width="48" stroke-linecap="round"/>`;
  // sliders
  for (const side of [-1, 1]) {
    const x = 400 + side * 168;
    s += `<rect x="${x - 9}" y="432" width="18" height="70" rx="9" fill="${ring}"/>`;
    const cx = 400 + side * (168 + cw / 2 - 34);
    // cushion on the inner side
    s += `<rect x="${r(cx - cw / 2 - side * 26)}" y="${560 - ch / 2 + 10}" width="${cw}" height="${ch - 20}" rx="${r(cw / 2 - 6)}" fill="${cushion}"/>`;
    // cup
    s += `<rect x="${r(cx - cw / 2)}" y="${560 - ch / 2}" width="${cw}" height="${ch}" rx="${r(cw / 2)}" fill="${p.main}"/>`;
    s += `<rect x="${r(cx - cw / 2 + 16)}" y="${560 - ch / 2 + 18}" width="${cw - 32}" height="${ch - 36}" rx="${r(cw / 2 - 16)}" fill="none" stroke="${ring}" stroke-width="6"/>`;
    s += `<rect x="${r(cx - cw / 2 + (side < 0 ? 14 : cw - 28))}" y="${560 - ch / 2 + 30}" width="12" height="${ch - 80}" rx="6" fill="#fff" opacity=".25"/>`;
  }
  return { body: s, shadow: 270 };
}

function chair(p, rnd) {
  const arms = rnd() < 0.65;
  const mesh = rnd() < 0.5;
  const head = rnd() < 0.35;
  const backTop = r(head ? 220 : 170 + rnd() * 50);
  const frame = rnd() < 0.5 ? INK : "#8a8f98";
  let s = "";
  // column + base
  s += `<rect x="386" y="500" width="28" height="92" fill="${STEEL}"/>`;
  s += `<rect x="380" y="520" width="40" height="44" rx="6" fill="${frame}"/>`;
  s += `<path d="M400 590L252 622M400 590L548 622M400 590L330 640M400 590L470 640" stroke="${frame}" stroke-width="20" stroke-linecap="round"/>`;
  for (const [x, y] of [
    [252, 636],
    [548, 636],
    [330, 652],
    [470, 652],
  ])
    s += `<circle cx="${x}" cy="${y}" r="14" fill="${INK}"/>`;
  // back support
  s += `<rect x="388" y="${backTop + 200}" width="24" height="110" fill="${frame}"/>`;
  if (head) {
    s += `<rect x="396" y="${backTop - 60}" width="8" height="60" fill="${frame}"/>`;
    s += `<rect x="330" y="${backTop - 110}" width="140" height="62" rx="30" fill="${p.dark}"/>`;
  }
  // backrest
  s += `<rect x="290" y="${backTop}" width="220" height="${440 - backTop}" rx="70" fill="${p.dark}"/>`;
  s += `<rect x="306" y="${backTop + 14}" width="188" height="${410 - backTop}" rx="58" fill="${p.main}"/>`;
  if (mesh) {
    for (let y = backTop + 50; y < 420; y += 28)
      s += `<path d="M322 ${y}h156" stroke="${p.dark}" stroke-width="3" opacity=".45"/>`;
  } else {
    s += `<path d="M400 ${backTop + 30}V410" stroke="${p.dark}" stroke-width="5" opacity=".5"/>`;
  }
  s += `<rect x="326" y="${backTop + 36}" width="18" height="${300 - backTop}" rx="9" fill="#fff" opacity=".22"/>`;
  // seat
  s += `<rect x="256" y="446" width="288" height="70" rx="35" fill="${p.dark}"/>`;
  s += `<rect x="256" y="440" width="288" height="58" rx="29" fill="${p.main}"/>`;
  s += `<rect x="290" y="452" width="150" height="12" rx="6" fill="#fff" opacity=".25"/>`;
  if (arms) {
    for (const x of [240, 544]) {
      s += `<rect x="${x - 8}" y="384" width="16" height="90" fill="${frame}"/>`;
      s += `<rect x="${x - 38}" y="370" width="76" height="24" rx="12" fill="${INK}"/>`;
    }
  }
  return { body: s, shadow: 230 };
}

function tent(p, rnd) {
  const dome = rnd() < 0.55;
  const open = rnd() < 0.6;
  const flag = rnd() < 0.5;
  const trees = rnd() < 0.5;
  let s = "";
  if (trees) {
    for (const [x, h, o] of [
      [150, 210, 0.5],
      [650, 260, 0.55],
      [700, 180, 0.4],
    ]) {
      s += `<path d="M${x} ${640 - h}l${r(h * 0.28)} ${h}h-${r(h * 0.56)}z" fill="${p.deep}" opacity="${o}"/>`;
    }
  }
  s += `<path d="M370 640l-140 0" stroke="${p.deep}" stroke-width="0"/>`;
  if (dome) {
    s += `<path d="M170 640C170 330 630 330 630 640z" fill="${p.main}"/>`;
    s += `<path d="M400 268C300 300 250 460 250 640h300c0-180-50-340-150-372z" fill="${p.light}"/>`;
    s += `<path d="M170 640C170 330 630 330 630 640" fill="none" stroke="${p.deep}" stroke-width="10" stroke-linecap="round"/>`;
    s += `<path d="M248 640C250 440 320 300 400 268C480 300 550 440 552 640" fill="none" stroke="${p.dark}" stroke-width="8"/>`;
  } else {
    s += `<path d="M400 230L170 640h460z" fill="${p.main}"/>`;
    s += `<path d="M400 230L250 640h300z" fill="${p.light}"/>`;
    s += `<path d="M400 220V248" stroke="${INK}" stroke-width="8" stroke-linecap="round"/>`;
  }
  if (open) {
    s += `<path d="M400 ${dome ? 330 : 300}L322 640h156z" fill="#2c2a33"/>`;
    s += `<path d="M400 ${dome ? 330 : 300}L322 640h46z" fill="${p.dark}"/>`;
    s += `<circle cx="372" cy="560" r="10" fill="${BRASS}" opacity=".9"/>`;
  } else {
    s += `<path d="M400 ${dome ? 300 : 280}V640" stroke="${p.dark}" stroke-width="6" stroke-dasharray="10 8"/>`;
    s += `<circle cx="400" cy="470" r="8" fill="${INK}"/>`;
  }
  if (flag) {
    const top = dome ? 262 : 220;
    s += `<path d="M400 ${top}v-70" stroke="${INK}" stroke-width="6"/><path d="M403 ${top - 70}l56 16-56 16z" fill="${BRASS}"/>`;
  }
  // guy lines + stakes
  s += `<path d="M${dome ? 210 : 260} ${dome ? 470 : 480}L100 640M${dome ? 590 : 540} ${dome ? 470 : 480}L700 640" stroke="${INK}" stroke-width="3" opacity=".55"/>`;
  s += `<path d="M100 632v16M700 632v16" stroke="${INK}" stroke-width="6"/>`;
  return { body: s, shadow: 310 };
}

function backpack(p, rnd) {
  const style = rnd(); // <.4 flap, <.7 roll-top, else zip top
  const leather = rnd() < 0.5 ? WOOD[Math.floor(rnd() * WOOD.length)] : p.deep;
  const patch = rnd() < 0.5;
  let s = "";
  // straps behind body
  s += `<path d="M300 250c-30 90-40 210-20 330M500 250c30 90 40 210 20 330" fill="none" stroke="${p.deep}" stroke-width="30" stroke-linecap="round"/>`;
  // top handle
  s += `<path d="M360 214c0-52 80-52 80 0" fill="none" stroke="${p.deep}" stroke-width="16" stroke-linecap="round"/>`;
  // side pockets
  s += `<rect x="242" y="440" width="60" height="170" rx="24" fill="${p.dark}"/>`;
  s += `<rect x="498" y="440" width="60" height="170" rx="24" fill="${p.dark}"/>`;
  // body
  if (style >= 0.4 && style < 0.7) {
    s += `<rect x="272" y="250" width="256" height="390" rx="46" fill="${p.main}"/>`;
    s += `<rect x="262" y="170" width="276" height="70" rx="30" fill="${p.dark}"/>`;
    s += `<rect x="272" y="222" width="256" height="40" fill="${p.main}"/>`;
    s += `<path d="M270 205h260" stroke="${p.deep}" stroke-width="6" opacity=".5"/>`;
    s += `<rect x="386" y="180" width="28" height="110" rx="6" fill="${INK}"/><rect x="380" y="270" width="40" height="24" rx="6" fill="${STEEL}"/>`;
  } else {
    s += `<rect x="272" y="200" width="256" height="440" rx="84" fill="${p.main}"/>`;
    if (style < 0.4) {
      s += `<path d="M272 290c0-50 40-90 90-90h76c50 0 90 40 90 90v70c-60 24-196 24-256 0z" fill="${p.dark}"/>`;
      s += `<rect x="326" y="330" width="22" height="80" rx="6" fill="${leather}"/><rect x="452" y="330" width="22" height="80" rx="6" fill="${leather}"/>`;
      s += `<rect x="322" y="392" width="30" height="18" rx="4" fill="${BRASS}"/><rect x="448" y="392" width="30" height="18" rx="4" fill="${BRASS}"/>`;
    } else {
      s += `<path d="M300 270c30-40 170-40 200 0" fill="none" stroke="${p.deep}" stroke-width="8" stroke-linecap="round"/>`;
      s += `<rect x="486" y="262" width="12" height="36" rx="6" fill="${STEEL}"/>`;
    }
  }
  // front pocket
  s += `<rect x="306" y="440" width="188" height="160" rx="36" fill="${p.dark}"/>`;
  s += `<path d="M326 470h148" stroke="${p.deep}" stroke-width="6" stroke-linecap="round"/>`;
  s += `<rect x="452" y="466" width="10" height="34" rx="5" fill="${STEEL}"/>`;
  if (patch) s += `<rect x="372" y="510" width="56" height="40" rx="8" fill="${leather}"/>`;
  s += `<rect x="290" y="${style >= 0.4 && style < 0.7 ? 280 : 300}" width="18" height="120" rx="9" fill="#fff" opacity=".2"/>`;
  return { body: s, shadow: 220 };
}

function lamp(p, rnd, slug = "") {
  let shade = rnd(); // cone / drum / dome
  let base = rnd(); // vase / stick / stack
  if (/mushroom|pendant|dome/.test(slug)) shade = 0.9;
  if (/floor|arc/.test(slug)) base = 0.5;
  if (/ceramic|vase/.test(slug)) base = 0.2;
  const linen = /ceramic|linen|paper|pleated/.test(slug);
  const sh = linen ? CREAM : p.main;
  const shD = linen ? "#cdb48a" : p.dark;
  const baseCol = linen ? p.main : rnd() < 0.5 ? BRASS : p.pale;
  let s = `<circle cx="400" cy="330" r="250" fill="url(#glow)"/>`;
  // stem
  s += `<rect x="392" y="380" width="16" height="150" fill="${BRASS}"/>`;
  // base
  if (base < 0.4) {
    s += `<path d="M400 470c90 0 110 60 100 110-6 40-40 60-100 60s-94-20-100-60c-10-50 10-110 100-110z" fill="${baseCol}"/>`;
    s += `<path d="M340 520c-14 20-18 50-10 76" fill="none" stroke="#fff" stroke-width="12" stroke-linecap="round" opacity=".3"/>`;
  } else if (base < 0.7) {
    s += `<rect x="392" y="400" width="16" height="220" fill="${baseCol === p.pale ? p.dark : baseCol}"/>`;
    s += `<ellipse cx="400" cy="628" rx="110" ry="16" fill="${p.deep}"/><ellipse cx="400" cy="620" rx="110" ry="16" fill="${baseCol}"/>`;
  } else {
    s += `<rect x="340" y="560" width="120" height="80" rx="14" fill="${baseCol}"/>`;
    s += `<rect x="356" y="510" width="88" height="56" rx="12" fill="${p.dark}"/>`;
    s += `<rect x="372" y="470" width="56" height="44" rx="10" fill="${baseCol}"/>`;
  }
  // shade
  if (shade < 0.4) {
    s += `<path d="M320 190h160l80 200H240z" fill="${sh}"/><path d="M400 190h80l80 200H400z" fill="${shD}" opacity=".55"/>`;
    s += `<ellipse cx="400" cy="390" rx="160" ry="16" fill="#ffe7a8"/>`;
  } else if (shade < 0.7) {
    s += `<rect x="260" y="210" width="280" height="180" rx="10" fill="${sh}"/><rect x="400" y="210" width="140" height="180" rx="10" fill="${shD}" opacity=".5"/>`;
    s += `<ellipse cx="400" cy="390" rx="140" ry="14" fill="#ffe7a8"/>`;
  } else {
    s += `<path d="M230 390c0-120 76-200 170-200s170 80 170 200z" fill="${sh}"/><path d="M400 190c94 0 170 80 170 200H400z" fill="${shD}" opacity=".5"/>`;
    s += `<ellipse cx="400" cy="390" rx="170" ry="16" fill="#ffe7a8"/>`;
  }
  s += `<path d="M${shade < 0.4 ? 312 : shade < 0.7 ? 290 : 288} 250l-${shade < 0.4 ? 30 : 0} 100" stroke="#fff" stroke-width="14" stroke-linecap="round" opacity=".3"/>`;
  return {
    body: s,
    shadow: 200,
    defs: `<radialGradient id="glow"><stop offset="0" stop-color="#fff3c4" stop-opacity=".9"/><stop offset="1" stop-color="#fff3c4" stop-opacity="0"/></radialGradient>`,
  };
}

function notebook(p, rnd) {
  const band = rnd() < 0.5 ? INK : BRASS;
  const pencil = rnd() < 0.4;
  const label = rnd() < 0.5;
  const penCol = rnd() < 0.5 ? INK : p.deep;
  const ang = r(-12 + rnd() * 8);
  let s = `<g transform="rotate(${ang} 400 420)">`;
  s += `<rect x="268" y="196" width="290" height="410" rx="16" fill="#f3efe6"/>`;
  s += `<path d="M548 212v380" stroke="#d9d2c3" stroke-width="4"/>`;
  s += `<rect x="252" y="186" width="290" height="420" rx="16" fill="${p.main}"/>`;
  s += `<rect x="252" y="186" width="36" height="420" rx="16" fill="${p.dark}"/>`;
  s += `<path d="M400 600v70l-18-16-18 16v-70" fill="${p.deep === penCol ? BRASS : p.deep}"/>`;
  s += `<rect x="496" y="186" width="14" height="420" fill="${band}"/>`;
  if (label)
    s += `<rect x="330" y="270" width="130" height="74" rx="8" fill="${p.pale}"/><path d="M350 296h90M350 318h60" stroke="${p.dark}" stroke-width="6" stroke-linecap="round" opacity=".5"/>`;
  else
    for (let y = 0; y < 3; y++)
      for (let x = 0; x < 3; x++)
        s += `<circle cx="${350 + x * 45}" cy="${300 + y * 45}" r="5" fill="${p.pale}" opacity=".7"/>`;
  s += `</g>`;
  // pen / pencil lying across
  s += `<g transform="rotate(-58 540 470)">`;
  if (pencil) {
    s += `<rect x="380" y="452" width="300" height="34" fill="${BRASS}"/><rect x="380" y="452" width="300" height="11" fill="#fff" opacity=".25"/>`;
    s += `<path d="M380 452l-52 17 52 17z" fill="#f0d2a4"/><path d="M344 463l-16 6 16 6z" fill="${INK}"/>`;
    s += `<rect x="680" y="452" width="26" height="34" fill="${STEEL}"/><rect x="706" y="452" width="24" height="34" rx="8" fill="#e98a8a"/>`;
  } else {
    s += `<rect x="380" y="452" width="320" height="34" rx="17" fill="${penCol}"/><path d="M380 456l-48 13 48 13z" fill="${BRASS}"/>`;
    s += `<rect x="600" y="446" width="90" height="10" rx="5" fill="${BRASS}"/><rect x="420" y="458" width="180" height="8" rx="4" fill="#fff" opacity=".25"/>`;
  }
  s += `</g>`;
  return { body: s, shadow: 220 };
}

// --- Product-type variants, picked by keywords in the slug --------------------

const GLOW_DEFS = `<radialGradient id="glow"><stop offset="0" stop-color="#fff3c4" stop-opacity=".9"/><stop offset="1" stop-color="#fff3c4" stop-opacity="0"/></radialGradient>`;

function pot(p, rnd) {
  const knob = rnd() < 0.5 ? BRASS : STEEL;
  const h = r(150 + rnd() * 40);
  const top = 620 - h;
  let s = "";
  s += `<rect x="176" y="${top + 34}" width="70" height="30" rx="15" fill="${p.dark}"/><rect x="554" y="${top + 34}" width="70" height="30" rx="15" fill="${p.dark}"/>`;
  s += `<path d="M214 ${top}h372v${h - 50}a70 70 0 0 1-70 70H284a70 70 0 0 1-70-70z" fill="${p.main}"/>`;
  s += `<path d="M214 ${top + h - 40}h372v-10a70 70 0 0 1-70 70H284a70 70 0 0 1-70-60z" fill="${p.dark}" opacity=".35"/>`;
  s += `<rect x="246" y="${top + 40}" width="20" height="${h - 80}" rx="10" fill="#fff" opacity=".25"/>`;
  s += `<ellipse cx="400" cy="${top}" rx="196" ry="30" fill="${p.dark}"/>`;
  s += `<path d="M212 ${top - 4}c20-70 356-70 376 0z" fill="${p.main}"/><path d="M262 ${top - 30}c60-26 160-30 220-16" fill="none" stroke="#fff" stroke-width="10" stroke-linecap="round" opacity=".3"/>`;
  s += `<rect x="392" y="${top - 76}" width="16" height="26" fill="${knob}"/><rect x="360" y="${top - 92}" width="80" height="24" rx="12" fill="${knob}"/>`;
  s += steam(400, top - 110, 2);
  return { body: s, shadow: 240 };
}

function board(p, rnd) {
  const wood = WOOD[Math.floor(rnd() * WOOD.length)];
  const handle = rnd() < 0.5 ? INK : p.deep;
  let s = `<g transform="rotate(-6 400 480)">`;
  s += `<rect x="170" y="356" width="440" height="270" rx="36" fill="${p.deep}" opacity=".35"/>`;
  s += `<path d="M186 340h404a36 36 0 0 1 36 36v50h50a40 40 0 0 1 0 80h-50v70a36 36 0 0 1-36 36H186a36 36 0 0 1-36-36V376a36 36 0 0 1 36-36z" fill="${wood}"/>`;
  s += `<circle cx="672" cy="466" r="14" fill="${p.bg2}"/>`;
  s += `<path d="M190 400c120-14 260 10 400-6M190 470c140 14 280-10 400 4M190 540c120-12 260 14 400-2" fill="none" stroke="#fff" stroke-width="4" opacity=".18"/>`;
  s += `</g>`;
  // knife
  s += `<g transform="rotate(-16 420 420)"><path d="M230 430c40-34 160-48 300-44v54H260c-24 0-36-4-30-10z" fill="${STEEL}"/>`;
  s += `<path d="M240 432c60-10 180-14 290-12v8H250z" fill="#fff" opacity=".45"/>`;
  s += `<rect x="530" y="384" width="24" height="58" rx="6" fill="#9aa1ab"/><rect x="550" y="390" width="150" height="46" rx="18" fill="${handle}"/>`;
  s += `<circle cx="600" cy="413" r="6" fill="${STEEL}"/><circle cx="650" cy="413" r="6" fill="${STEEL}"/></g>`;
  // tomato slices + herbs
  for (const [x, y] of [
    [300, 540],
    [380, 556],
  ]) {
    s += `<circle cx="${x}" cy="${y}" r="38" fill="#e4572e"/><circle cx="${x}" cy="${y}" r="28" fill="#f08a5d"/><path d="M${x - 14} ${y}h28M${x} ${y - 14}v28" stroke="#f7c59f" stroke-width="6" stroke-linecap="round"/>`;
  }
  s += `<path d="M470 540c20-30 60-30 70 0-20 22-50 22-70 0z" fill="#6aa84f"/><path d="M500 520c26-22 60-10 60 16-26 14-50 8-60-16z" fill="#7bb661"/>`;
  return { body: s, shadow: 290 };
}

function kettle(p, rnd, teapot = false) {
  let s = "";
  if (teapot) {
    s += `<path d="M520 420c70-10 100 40 90 90s-50 70-80 66" fill="none" stroke="${p.dark}" stroke-width="22" stroke-linecap="round"/>`;
    s += `<path d="M280 480c-50-10-80-70-110-100l-10 10c24 40 50 120 120 140z" fill="#fff" opacity=".6"/>`;
    s += `<circle cx="400" cy="480" r="150" fill="#fff" opacity=".55"/>`;
    s += `<path d="M254 520a150 150 0 0 0 292 0z" fill="#c9772b" opacity=".75"/>`;
    s += `<rect x="360" y="330" width="80" height="200" rx="20" fill="${STEEL}" opacity=".8"/><path d="M372 360h56M372 390h56M372 420h56M372 450h56" stroke="#9aa1ab" stroke-width="4"/>`;
    s += `<circle cx="400" cy="480" r="150" fill="none" stroke="#fff" stroke-width="8" opacity=".8"/>`;
    s += `<rect x="320" y="322" width="160" height="26" rx="13" fill="${p.main}"/><rect x="380" y="292" width="40" height="34" rx="14" fill="${p.dark}"/>`;
    s += `<path d="M330 400c-20 30-24 80 0 120" fill="none" stroke="#fff" stroke-width="14" stroke-linecap="round" opacity=".7"/>`;
    return { body: s, shadow: 220 };
  }
  const lid = rnd() < 0.5 ? WOOD[0] : INK;
  s += `<g transform="translate(34 0)">`;
  s += `<path d="M300 560C230 560 240 440 200 380s-60-60-84-56" fill="none" stroke="${p.dark}" stroke-width="22" stroke-linecap="round"/>`;
  s += `<path d="M500 380c90-20 120 40 100 110s-50 70-90 80" fill="none" stroke="${lid}" stroke-width="28" stroke-linecap="round"/>`;
  s += `<path d="M270 640h260c20 0 30-12 30-30V450c0-70-70-110-160-110s-160 40-160 110v160c0 18 10 30 30 30z" fill="${p.main}"/>`;
  s += `<rect x="240" y="560" width="320" height="28" fill="${p.dark}" opacity=".5"/>`;
  s += `<ellipse cx="400" cy="350" rx="100" ry="22" fill="${p.dark}"/><rect x="378" y="300" width="44" height="46" rx="14" fill="${lid}"/>`;
  s += `<circle cx="400" cy="420" r="26" fill="${p.pale}"/><path d="M400 420l12-12" stroke="${INK}" stroke-width="4"/>`;
  s += `<rect x="274" y="430" width="22" height="110" rx="11" fill="#fff" opacity=".28"/></g>`;
  return { body: s, shadow: 240 };
}

function dripper(p, rnd, slug) {
  const m = mug(p, rnd, { h: 170 + rnd() * 30, saucer: false, steam: false });
  const cone = rnd() < 0.5 ? "#f4f1ec" : p.pale;
  const t = m.top,
    cx = m.cx;
  let s = "";
  if (slug.includes("stand")) {
    const wood = WOOD[Math.floor(rnd() * WOOD.length)];
    s += `<rect x="${cx - 200}" y="${t - 64}" width="26" height="${700 - t}" rx="6" fill="${wood}"/>`;
    s += `<rect x="${cx - 200}" y="${t - 44}" width="300" height="22" rx="6" fill="${wood}"/>`;
    s += `<rect x="${cx - 230}" y="626" width="460" height="26" rx="8" fill="${wood}"/>`;
  }
  s += m.body;
  s += `<ellipse cx="${cx}" cy="${t - 8}" rx="96" ry="16" fill="${cone}"/><ellipse cx="${cx}" cy="${t - 12}" rx="96" ry="16" fill="#fff" opacity=".3"/>`;
  s += `<path d="M${cx - 126} ${t - 180}h252l-76 160h-100z" fill="${cone}"/>`;
  s += `<path d="M${cx + 40} ${t - 180}h86l-76 160h-30z" fill="#000" opacity=".06"/>`;
  s += `<ellipse cx="${cx}" cy="${t - 180}" rx="126" ry="20" fill="#f9f7f3"/><ellipse cx="${cx}" cy="${t - 178}" rx="110" ry="14" fill="#6b4430"/>`;
  s += `<path d="M${cx - 80} ${t - 150}l50 110M${cx} ${t - 150}v110M${cx + 80} ${t - 150}l-50 110" stroke="#000" stroke-width="4" opacity=".07"/>`;
  s += `<path d="M${cx - 40} ${t - 200}c-10-30 14-40 6-70" fill="none" stroke="#fff" stroke-width="10" stroke-linecap="round" opacity=".7"/>`;
  if (slug.includes("stand")) s = `<g transform="translate(44 0)">${s}</g>`;
  return { body: s, shadow: 200 };
}

function speaker(p, rnd, slug) {
  let s = "";
  if (slug.includes("portable")) {
    s += `<defs><pattern id="dots" width="18" height="18" patternUnits="userSpaceOnUse"><circle cx="9" cy="9" r="4" fill="${p.deep}" opacity=".6"/></pattern></defs>`;
    s += `<path d="M600 470c50 0 60 80 10 90" fill="none" stroke="${INK}" stroke-width="14"/>`;
    s += `<rect x="190" y="420" width="420" height="200" rx="100" fill="${p.main}"/><rect x="228" y="446" width="344" height="148" rx="74" fill="url(#dots)"/>`;
    s += `<rect x="250" y="420" width="300" height="20" rx="10" fill="${p.dark}"/><rect x="300" y="404" width="40" height="16" rx="6" fill="${p.dark}"/><rect x="460" y="404" width="40" height="16" rx="6" fill="${p.dark}"/>`;
    s += `<rect x="230" y="610" width="340" height="22" rx="11" fill="${INK}"/>`;
    return { body: s, shadow: 240 };
  }
  const cab = rnd() < 0.5 ? WOOD[Math.floor(rnd() * WOOD.length)] : p.main;
  for (const [x, sc] of [
    [520, 0.82],
    [300, 1],
  ]) {
    s += `<g transform="translate(${x} 640) scale(${sc})">`;
    s += `<rect x="-120" y="-400" width="240" height="400" rx="22" fill="${cab}"/><rect x="-104" y="-384" width="208" height="368" rx="14" fill="${p.dark}"/>`;
    s += `<circle cy="-300" r="34" fill="${INK}"/><circle cy="-300" r="14" fill="${STEEL}"/>`;
    s += `<circle cy="-140" r="88" fill="${INK}"/><circle cy="-140" r="70" fill="#3b3f47"/><circle cy="-140" r="28" fill="${p.light}"/>`;
    s += `<rect x="-96" y="-376" width="14" height="340" rx="7" fill="#fff" opacity=".12"/></g>`;
  }
  return { body: s, shadow: 300 };
}

function lantern(p, rnd) {
  const metal = rnd() < 0.5 ? INK : p.deep;
  let s = `<circle cx="400" cy="450" r="230" fill="url(#glow)"/>`;
  s += `<path d="M330 290c0-110 140-110 140 0" fill="none" stroke="${metal}" stroke-width="14" stroke-linecap="round"/>`;
  s += `<rect x="306" y="336" width="188" height="210" rx="30" fill="#fff1c1"/><circle cx="400" cy="440" r="60" fill="#ffd66b"/><circle cx="400" cy="440" r="30" fill="#fff6da"/>`;
  s += `<path d="M340 336v210M460 336v210" stroke="${p.dark}" stroke-width="10"/>`;
  s += `<path d="M316 290h168l40 56H276z" fill="${p.main}"/><rect x="276" y="340" width="248" height="12" rx="6" fill="${p.dark}"/>`;
  s += `<rect x="286" y="540" width="228" height="90" rx="22" fill="${p.main}"/><rect x="370" y="570" width="60" height="18" rx="9" fill="${p.pale}"/>`;
  return { body: s, shadow: 190, defs: GLOW_DEFS };
}

function tote(p, rnd, slug) {
  const leather = slug.includes("leather");
  const body = leather ? WOOD[Math.floor(rnd() * 2) + 2] : p.main;
  const strap = leather ? WOOD[3] : rnd() < 0.5 ? p.deep : CREAM;
  let s = "";
  s += `<path d="M336 400c0-180 70-184 84-184M524 400c0-180-90-184-104-184" fill="none" stroke="${strap}" stroke-width="18"/>`;
  s += `<path d="M336 400c0-180 70-184 84-184M524 400c0-180-90-184-104-184" fill="none" stroke="#000" stroke-width="18" opacity=".2"/>`;
  s += `<path d="M310 400c0-200 80-200 90-200M490 400c0-200-80-200-90-200" fill="none" stroke="${strap}" stroke-width="22"/>`;
  s += `<path d="M240 380h320l36 240a24 24 0 0 1-24 24H228a24 24 0 0 1-24-24z" fill="${body}"/>`;
  s += `<rect x="240" y="380" width="320" height="40" fill="#000" opacity=".08"/>`;
  s += `<path d="M310 380v60M490 380v60" stroke="${strap}" stroke-width="22"/>`;
  if (leather)
    s += `<circle cx="400" cy="410" r="12" fill="${BRASS}"/><path d="M260 440l-20 170" stroke="#fff" stroke-width="10" opacity=".2" stroke-linecap="round"/>`;
  else
    s += `<rect x="330" y="480" width="140" height="100" rx="10" fill="${p.pale}" opacity=".9"/><path d="M346 500h108" stroke="${p.dark}" stroke-width="5" stroke-dasharray="8 6"/>`;
  return { body: s, shadow: 230 };
}

function bulb(p, rnd) {
  let s = `<circle cx="400" cy="330" r="260" fill="url(#glow)"/>`;
  s += `<path d="M330 470c-40-40-80-80-80-150a150 150 0 0 1 300 0c0 70-40 110-80 150v30H330z" fill="#fff8e0" opacity=".85"/>`;
  s += `<path d="M370 480V400l-24-70M430 480V400l24-70" fill="none" stroke="#c9a25a" stroke-width="4"/>`;
  s += `<path d="M346 330c20-24 36 24 54 0s36 24 54 0" fill="none" stroke="#ff9f1c" stroke-width="8" stroke-linecap="round"/>`;
  s += `<path d="M300 270c10-40 40-66 70-76" fill="none" stroke="#fff" stroke-width="14" stroke-linecap="round"/>`;
  s += `<rect x="330" y="490" width="140" height="26" rx="8" fill="${p.main}"/>`;
  s += `<rect x="338" y="516" width="124" height="84" rx="8" fill="${STEEL}"/><path d="M338 536h124M338 558h124M338 580h124" stroke="#9aa1ab" stroke-width="6"/>`;
  s += `<path d="M360 600h80l-20 32h-40z" fill="${INK}"/>`;
  return { body: s, shadow: 110, defs: GLOW_DEFS };
}

function laptop(p, rnd) {
  const wood = WOOD[Math.floor(rnd() * WOOD.length)];
  const ui = [p.light, p.main, p.pale];
  let s = `<rect x="140" y="608" width="520" height="32" rx="16" fill="${p.main}"/>`;
  s += `<rect x="226" y="528" width="348" height="26" rx="10" fill="${wood}"/><rect x="246" y="554" width="26" height="56" fill="${wood}"/><rect x="528" y="554" width="26" height="56" fill="${wood}"/>`;
  s += `<rect x="222" y="236" width="356" height="254" rx="18" fill="${INK}"/><rect x="240" y="254" width="320" height="214" rx="6" fill="${p.pale}"/>`;
  s += `<rect x="240" y="254" width="320" height="30" fill="${ui[0]}"/><rect x="260" y="304" width="120" height="144" rx="8" fill="${ui[1]}"/>`;
  s += `<rect x="400" y="304" width="140" height="20" rx="6" fill="${ui[0]}"/><rect x="400" y="336" width="110" height="20" rx="6" fill="${ui[0]}"/><rect x="400" y="368" width="140" height="80" rx="8" fill="#fff" opacity=".7"/>`;
  s += `<path d="M196 490h408l-28 38H224z" fill="${STEEL}"/><rect x="360" y="490" width="80" height="10" rx="5" fill="#9aa1ab"/>`;
  return { body: s, shadow: 280 };
}

function taskLamp(p, rnd) {
  const arm = rnd() < 0.5 ? p.main : BRASS;
  const head = arm === BRASS ? p.main : p.dark;
  let s = `<circle cx="520" cy="470" r="220" fill="url(#glow)"/>`;
  s += `<path d="M470 330L590 640H350z" fill="#fff6d2" opacity=".45"/>`;
  s += `<ellipse cx="300" cy="630" rx="110" ry="18" fill="${p.deep}"/><rect x="200" y="596" width="200" height="36" rx="18" fill="${head}"/>`;
  s += `<path d="M300 600L250 380L470 290" fill="none" stroke="${arm}" stroke-width="18" stroke-linecap="round" stroke-linejoin="round"/>`;
  s += `<path d="M284 590L236 392L440 300" fill="none" stroke="${INK}" stroke-width="4" opacity=".4"/>`;
  s += `<circle cx="250" cy="380" r="18" fill="${INK}"/><circle cx="470" cy="290" r="16" fill="${INK}"/><circle cx="300" cy="600" r="14" fill="${INK}"/>`;
  s += `<g transform="rotate(-18 470 300)"><path d="M444 290h52l56 110H388z" fill="${head}"/><path d="M470 290h26l56 110h-82z" fill="#000" opacity=".12"/>`;
  s += `<ellipse cx="470" cy="400" rx="82" ry="14" fill="#ffe7a8"/></g>`;
  return { body: s, shadow: 260, defs: GLOW_DEFS };
}

function washi(p, rnd) {
  const base = [p.main, p.light, BRASS, p.dark];
  const o = Math.floor(rnd() * 4);
  const cols = base.map((_, i) => base[(i + o) % 4]);
  const ring = [
    `stroke-width="10" stroke-dasharray="0 20" stroke-linecap="round"`,
    `stroke-width="14" stroke-dasharray="22 18"`,
    `stroke-width="4"`,
  ];
  let s = "";
  [
    [300, 540, 0],
    [500, 540, 1],
    [400, 380, 2],
  ].forEach(([x, y, i]) => {
    s += `<circle cx="${x}" cy="${y}" r="96" fill="${cols[i]}"/>`;
    s += `<circle cx="${x}" cy="${y}" r="74" fill="none" stroke="#fff" ${ring[i]} opacity=".6"/>`;
    s += `<circle cx="${x}" cy="${y}" r="96" fill="none" stroke="#000" stroke-width="4" opacity=".1"/>`;
    s += `<circle cx="${x}" cy="${y}" r="52" fill="#efe4cf"/><circle cx="${x}" cy="${y}" r="40" fill="${p.bg1}"/>`;
  });
  s += `<path d="M500 636h150l-10 6 10 6H500z" fill="${cols[1]}"/>`;
  return { body: s, shadow: 240 };
}

function plant(p, rnd) {
  const pot = rnd() < 0.5 ? "#d9825b" : CREAM;
  let s = "";
  const leaves = [-62, -40, -18, 4, 26, 48, 66, -8];
  leaves.forEach((a, i) => {
    const len = i === 7 ? 250 : 170 + ((i * 37) % 60);
    s += `<path d="M0 0C40-${r(len * 0.3)} 36-${r(len * 0.8)} 0-${len}C-36-${r(len * 0.8)}-40-${r(len * 0.3)} 0 0z" fill="${i % 2 ? "#4f8a5b" : "#6aa772"}" transform="translate(400 470) rotate(${a})"/>`;
  });
  s += `<path d="M300 470h200l-24 170H324z" fill="${pot}"/><rect x="290" y="460" width="220" height="34" rx="10" fill="${pot}"/><rect x="290" y="480" width="220" height="14" fill="#000" opacity=".08"/>`;
  return { body: s, shadow: 140 };
}

// Keyword → drawing. First match on the product slug wins; otherwise the
// category drawing is used.
const VARIANTS = [
  [/dutch-oven|stock-?pot|casserole/, pot],
  [/knife|cutting-board/, board],
  [/teapot/, (p, rnd) => kettle(p, rnd, true)],
  [/kettle/, (p, rnd) => kettle(p, rnd)],
  [/dripper|pour-over/, dripper],
  [/speaker/, speaker],
  [/lantern/, lantern],
  [/tote/, tote],
  [/bulb/, bulb],
  [/laptop|monitor-riser|desk-mat|cable/, laptop],
  [/task-lamp|clamp|swing-arm/, taskLamp],
  [/washi|tape/, washi],
];

const DRAW = {
  kitchen: skillet,
  "coffee-tea": mug,
  audio: headphones,
  "home-office": chair,
  outdoor: tent,
  bags: backpack,
  lighting: lamp,
  stationery: notebook,
};
const FALLBACK = [mug, lamp, backpack, notebook, headphones, skillet, chair, tent];
const drawerFor = (cat) => DRAW[cat] ?? FALLBACK[fnv1a(cat) % FALLBACK.length];
function drawProduct(product, p, rnd) {
  const v = VARIANTS.find(([re]) => re.test(product.slug));
  return v ? v[1](p, rnd, product.slug) : drawerFor(product.categorySlug)(p, rnd, product.slug);
}

// ---------------------------------------------------------------------------
// Compositions
// ---------------------------------------------------------------------------

function productSvg(product, colorIdx) {
  const rnd = mulberry32(fnv1a(product.slug));
  const p = palette(colorIdx, rnd);
  const obj = drawProduct(product, p, rnd);
  const dots = [0, 1, 2]
    .map(
      () =>
        `<circle cx="${r(80 + rnd() * 640)}" cy="${r(70 + rnd() * 140)}" r="${r(6 + rnd() * 10)}" fill="#fff" opacity=".5"/>`,
    )
    .join("");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 800" width="800" height="800">` +
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${p.bg1}"/><stop offset="1" stop-color="${p.bg2}"/></linearGradient>${obj.defs ?? ""}</defs>` +
    `<rect width="800" height="800" fill="url(#bg)"/>` +
    `<circle cx="400" cy="410" r="300" fill="#fff" opacity=".35"/>${dots}` +
    `<ellipse cx="400" cy="648" rx="${r(obj.shadow)}" ry="22" fill="#000" opacity=".1"/>` +
    obj.body +
    `</svg>\n`
  );
}

function categorySvg(catSlug, colorIdx) {
  const rnd = mulberry32(fnv1a("category:" + catSlug));
  const p = palette(colorIdx, rnd);
  const obj = drawerFor(catSlug)(p, rnd);
  const s = 0.5;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 400" width="600" height="400">` +
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${p.bg1}"/><stop offset="1" stop-color="${p.bg2}"/></linearGradient>${obj.defs ?? ""}</defs>` +
    `<rect width="600" height="400" fill="url(#bg)"/>` +
    `<circle cx="470" cy="70" r="150" fill="#fff" opacity=".3"/><circle cx="90" cy="360" r="110" fill="#fff" opacity=".25"/>` +
    `<circle cx="300" cy="205" r="150" fill="#fff" opacity=".4"/>` +
    `<g transform="translate(${r(300 - 400 * s)} ${r(208 - 420 * s)}) scale(${s})">` +
    `<ellipse cx="400" cy="648" rx="${r(obj.shadow)}" ry="22" fill="#000" opacity=".1"/>${obj.body}</g>` +
    `</svg>\n`
  );
}

function heroSvg() {
  const place = (fn, colorIdx, seed, x, floorY, scale) => {
    const rnd = mulberry32(fnv1a(seed));
    const p = palette(colorIdx, rnd);
    const o = fn(p, rnd);
    const tx = r(x - 400 * scale);
    const ty = r(floorY - 648 * scale);
    return {
      defs: o.defs ?? "",
      g: `<g transform="translate(${tx} ${ty}) scale(${scale})"><ellipse cx="400" cy="648" rx="${r(o.shadow)}" ry="20" fill="#7a3d1e" opacity=".14"/>${o.body}</g>`,
    };
  };
  const floor = 585;
  const items = [
    place(plant, 2, "hero-plant", 600, floor, 0.7),
    place(lamp, 1, "hero-lamp-3", 790, floor, 0.86),
    place(backpack, 0, "hero-pack-1", 1030, floor, 0.66),
    place(notebook, 6, "hero-book", 1215, floor, 0.48),
    place(mug, 4, "hero-mug-2", 1395, floor, 0.5),
  ];
  const defs = [...new Set(items.map((i) => i.defs))].join("");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1600 700" width="1600" height="700">` +
    `<defs><linearGradient id="hbg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#fdebd6"/><stop offset=".55" stop-color="#f9d3b4"/><stop offset="1" stop-color="#f1b594"/></linearGradient>` +
    `<linearGradient id="tbl" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#e7a57c"/><stop offset="1" stop-color="#d98d63"/></linearGradient>${defs}</defs>` +
    `<rect width="1600" height="700" fill="url(#hbg)"/>` +
    `<circle cx="1380" cy="150" r="96" fill="#fff3dd" opacity=".85"/>` +
    `<circle cx="140" cy="110" r="220" fill="#fff" opacity=".16"/><circle cx="1010" cy="360" r="360" fill="#fff" opacity=".22"/>` +
    `<path d="M0 470c240-60 420 10 640-20s420-90 620-40 260 40 340 20V700H0z" fill="#f6c4a2" opacity=".55"/>` +
    `<rect y="${floor - 8}" width="1600" height="${708 - floor}" fill="url(#tbl)"/><rect y="${floor - 8}" width="1600" height="10" fill="#f3bf9a"/>` +
    items.map((i) => i.g).join("") +
    `</svg>\n`
  );
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

function write(path, content) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

const { categories, products } = parseCatalog(readFileSync(CATALOG, "utf8"));

let maxBytes = 0;
categories.forEach((cat, ci) => {
  const inCat = products.filter((p) => p.categorySlug === cat.slug);
  // Rank products within the category by slug hash so the 9 siblings always get
  // 9 distinct colours, while the assignment stays a pure function of the slugs.
  const ranked = [...inCat].sort(
    (a, b) => fnv1a(a.slug) - fnv1a(b.slug) || a.slug.localeCompare(b.slug),
  );
  ranked.forEach((prod, rank) => {
    const svg = productSvg(prod, (rank * 5 + ci * 3) % COLORS.length);
    maxBytes = Math.max(maxBytes, Buffer.byteLength(svg));
    write(join(OUT, "products", `${prod.slug}.svg`), svg);
  });
  write(join(OUT, "categories", `${cat.slug}.svg`), categorySvg(cat.slug, ci * 3 + 1));
});
const orphans = products.filter((p) => !categories.some((c) => c.slug === p.categorySlug));
orphans.forEach((prod) =>
  write(
    join(OUT, "products", `${prod.slug}.svg`),
    productSvg(prod, fnv1a(prod.slug) % COLORS.length),
  ),
);
write(join(OUT, "hero.svg"), heroSvg());

console.log(
  `generate-images: ${products.length} products, ${categories.length} categories, hero -> ${OUT} (largest product svg ${maxBytes} bytes)`,
);
