// Colours: the curated object palette, the background shifts and the shared
// material colours every drawing uses.

import { clamp, r } from "./random.mjs";

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
export const COLORS = [
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

export function palette(colorIdx, rnd) {
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
export const WOOD = ["#b98154", "#9c6a43", "#c9975f", "#7d5436"];
export const BRASS = "#d2a857";
export const STEEL = "#c7ccd3";
export const INK = "#2c2f36";
export const CREAM = "#ecdcbf";

// The warm glow behind the lit objects (a drawing that uses it returns it as `defs`).
export const GLOW_DEFS = `<radialGradient id="glow"><stop offset="0" stop-color="#fff3c4" stop-opacity=".9"/><stop offset="1" stop-color="#fff3c4" stop-opacity="0"/></radialGradient>`;
