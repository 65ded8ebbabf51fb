// Object illustrations, one per category, drawn in an 800x800 space; the object
// stands on y≈640. Each returns { body, shadow } where shadow = half-width of the
// floor shadow (and `defs` when it needs a gradient).

import { BRASS, CREAM, INK, STEEL, WOOD } from "./palette.mjs";
import { r } from "./random.mjs";

export function steam(x, y, n) {
  let out = "";
  for (let i = 0; i < n; i++) {
    const sx = x + (i - (n - 1) / 2) * 46;
    out += `<path d="M${r(sx)} ${y}c-18-26 18-42 0-70s18-44 0-66" fill="none" stroke="#fff" stroke-width="11" stroke-linecap="round" opacity=".75"/>`;
  }
  return out;
}

export function mug(p, rnd, opt = {}) {
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

export function skillet(p, rnd) {
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

export function headphones(p, rnd) {
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

export function chair(p, rnd) {
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

export function tent(p, rnd) {
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

export function backpack(p, rnd) {
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

export function lamp(p, rnd, slug = "") {
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

export function notebook(p, rnd) {
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
