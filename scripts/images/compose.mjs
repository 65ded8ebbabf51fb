// Compositions: which drawing a product gets, and the product, category and hero
// SVG documents around it.

import {
  backpack,
  chair,
  headphones,
  lamp,
  mug,
  notebook,
  skillet,
  tent,
} from "./category-objects.mjs";
import { palette } from "./palette.mjs";
import { fnv1a, mulberry32, r } from "./random.mjs";
import {
  board,
  bulb,
  dripper,
  kettle,
  lantern,
  laptop,
  plant,
  pot,
  speaker,
  taskLamp,
  tote,
  washi,
} from "./variant-objects.mjs";

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

export function productSvg(product, colorIdx) {
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

export function categorySvg(catSlug, colorIdx) {
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

export function heroSvg() {
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
