// Product-type variants, picked by keywords in the slug (see VARIANTS in
// compose.mjs). Same contract as category-objects.mjs.

import { mug, steam } from "./category-objects.mjs";
import { BRASS, CREAM, GLOW_DEFS, INK, STEEL, WOOD } from "./palette.mjs";
import { r } from "./random.mjs";

export function pot(p, rnd) {
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

export function board(p, rnd) {
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

export function kettle(p, rnd, teapot = false) {
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

export function dripper(p, rnd, slug) {
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

export function speaker(p, rnd, slug) {
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

export function lantern(p, rnd) {
  const metal = rnd() < 0.5 ? INK : p.deep;
  let s = `<circle cx="400" cy="450" r="230" fill="url(#glow)"/>`;
  s += `<path d="M330 290c0-110 140-110 140 0" fill="none" stroke="${metal}" stroke-width="14" stroke-linecap="round"/>`;
  s += `<rect x="306" y="336" width="188" height="210" rx="30" fill="#fff1c1"/><circle cx="400" cy="440" r="60" fill="#ffd66b"/><circle cx="400" cy="440" r="30" fill="#fff6da"/>`;
  s += `<path d="M340 336v210M460 336v210" stroke="${p.dark}" stroke-width="10"/>`;
  s += `<path d="M316 290h168l40 56H276z" fill="${p.main}"/><rect x="276" y="340" width="248" height="12" rx="6" fill="${p.dark}"/>`;
  s += `<rect x="286" y="540" width="228" height="90" rx="22" fill="${p.main}"/><rect x="370" y="570" width="60" height="18" rx="9" fill="${p.pale}"/>`;
  return { body: s, shadow: 190, defs: GLOW_DEFS };
}

export function tote(p, rnd, slug) {
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

export function bulb(p, rnd) {
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

export function laptop(p, rnd) {
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

export function taskLamp(p, rnd) {
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

export function washi(p, rnd) {
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

export function plant(p, rnd) {
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
