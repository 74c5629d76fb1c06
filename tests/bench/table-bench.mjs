// Browser benchmark of the user table (run by `cargo xtask bench` against a
// server with 100,000 users). Prints medians / p95; asserts nothing.
import { chromium } from 'playwright-core';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';

const base = process.env.BASE_URL;
const dist = process.env.DIST_DIR;
if (!base || !dist) throw new Error('BASE_URL and DIST_DIR are required (run `cargo xtask bench`)');
const RUNS = 11;

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))];
};
const ms = (x) => `${x.toFixed(1)} ms`;
const rows = [];
const report = (name, value, goal, met) => rows.push({ name, value, goal, met: met === undefined ? '' : met ? 'met' : 'NOT met' });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
const firstRow = '[role=row][aria-rowindex="2"] .user a';

// Navigation to first rows painted (warm cache after the first load, like a returning admin).
const nav = [];
for (let i = 0; i < RUNS; i++) {
  await page.goto(`${base}/?_=${i}`, { waitUntil: 'commit' });
  await page.waitForSelector(firstRow);
  nav.push(await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(performance.now())))));
}
report('navigation → first rows painted (p50)', ms(pct(nav, 0.5)), '≤ 250 ms', pct(nav, 0.5) <= 250);

// Keystroke in search → rows painted.
await page.evaluate(() => {
  window.__marks = [];
  const total = document.querySelector('.selection-bar .total');
  document.addEventListener('input', () => (window.__t0 = performance.now()), true);
  new MutationObserver(() => {
    if (window.__t0 !== undefined) {
      const t0 = window.__t0;
      window.__t0 = undefined;
      requestAnimationFrame(() => window.__marks.push(performance.now() - t0));
    }
  }).observe(total, { childList: true, subtree: true, characterData: true });
});
const box = page.getByRole('searchbox');
await box.focus();
const terms = ['k', 'ki', 'kim', 'kim.', 'kim', 'ki', 'k', 'ka', 'kar', 'ka', 'k', 'l', 'la', 'lar', 'la', 'l', 'm', 'ma', 'mar', 'ma', 'm', 'n'];
let previous = '';
for (const term of terms) {
  if (term.length > previous.length) await page.keyboard.type(term.slice(-1));
  else if (term.length < previous.length) await page.keyboard.press('Backspace');
  else { await page.keyboard.press('Backspace'); await page.keyboard.type(term.slice(-1)); }
  previous = term;
  await page.waitForFunction((n) => window.__marks.length >= n, terms.indexOf(term) + 1, { timeout: 5000 }).catch(() => {});
  await page.waitForTimeout(30);
}
const keys = await page.evaluate(() => window.__marks);
report('keystroke → rows painted (p50)', ms(pct(keys, 0.5)), '—');
report('keystroke → rows painted (p95)', ms(pct(keys, 0.95)), '≤ 33 ms', pct(keys, 0.95) <= 33);

// Scrolling: frame times and DOM size.
await page.goto(`${base}/?orderBy=id:asc`);
await page.waitForSelector(firstRow);
// The display's frame interval, from frames with nothing to do: rAF
// deltas jitter around it by a few hundredths of a millisecond.
const frame = await page.evaluate(() => new Promise((resolve) => {
  const d = [];
  let last = performance.now();
  const step = (t) => {
    d.push(t - last);
    last = t;
    if (d.length < 65) requestAnimationFrame(step);
    else resolve(d.slice(5).sort((a, b) => a - b)[30]);
  };
  requestAnimationFrame(step);
}));
const scroll = await page.evaluate(() => new Promise((resolve) => {
  const grid = document.querySelector('[role=grid]');
  const deltas = [];
  let last = performance.now();
  let n = 0;
  const step = (t) => {
    deltas.push(t - last);
    last = t;
    grid.scrollTop += 360;
    if (++n < 400) requestAnimationFrame(step);
    else resolve({ deltas: deltas.slice(5), nodes: document.getElementsByTagName('*').length, rows: grid.querySelectorAll('[role=row]').length });
  };
  requestAnimationFrame(step);
}));
// One frame, with the display's jitter (5 %): a run that never misses a
// frame meets it (compared with 16.7 ms, its p95 of 16.7x missed by jitter).
report('scroll frame time (p95)', `${ms(pct(scroll.deltas, 0.95))} (frame ${ms(frame)})`, '≤ 1 frame', pct(scroll.deltas, 0.95) <= frame * 1.05);
report('scroll: frames late (> 1.5 frames)', `${scroll.deltas.filter((d) => d > frame * 1.5).length} of ${scroll.deltas.length}`, '—');
report('DOM nodes while scrolling', `${scroll.nodes} (${scroll.rows} rows)`, '≤ 1,400', scroll.nodes <= 1400);

// Select all matching.
const sel = [];
for (let i = 0; i < 5; i++) {
  await page.goto(`${base}/?_=${i}`);
  const button = page.getByRole('button', { name: /^Select all .* matching$/ });
  await button.waitFor();
  const t0 = Date.now();
  await button.click();
  await page.getByText(/^100,000 selected$/).waitFor();
  sel.push(Date.now() - t0);
}
report('select all 100,000 matching (p50)', ms(pct(sel, 0.5)), '≤ 1 s', pct(sel, 0.5) <= 1000);

// Export of every user (nothing selected): fetch, CSV, download.
const exports = [];
const longestFrames = [];
for (let i = 0; i < 3; i++) {
  await page.goto(`${base}/?_=e${i}`);
  await page.waitForSelector(firstRow);
  // The longest gap between animation frames while the export runs.
  await page.evaluate(() => {
    window.__longest = 0;
    let last = performance.now();
    const tick = (t) => {
      window.__longest = Math.max(window.__longest, t - last);
      last = t;
      window.__frames = requestAnimationFrame(tick);
    };
    window.__frames = requestAnimationFrame(tick);
  });
  const t0 = Date.now();
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Actions' }).click();
  await page.getByRole('menuitem', { name: /^Export/ }).click();
  await download;
  exports.push(Date.now() - t0);
  longestFrames.push(await page.evaluate(() => (cancelAnimationFrame(window.__frames), window.__longest)));
}
report('export 100,000 users to CSV (p50)', ms(pct(exports, 0.5)), '≤ 2 s', pct(exports, 0.5) <= 2000);
report('longest frame during export (p50)', ms(pct(longestFrames, 0.5)), '≤ 100 ms', pct(longestFrames, 0.5) <= 100);

// Select all matching, then Disable Sync on all of them.
await page.goto(`${base}/`);
await page.getByRole('button', { name: /^Select all .* matching$/ }).click();
await page.getByText(/^100,000 selected$/).waitFor();
const t0 = Date.now();
await page.getByRole('button', { name: 'Actions' }).click();
await page.getByRole('menuitem', { name: /^Disable Sync/ }).click();
await page.getByRole('dialog', { name: 'Disable sync' }).getByRole('button', { name: 'Disable Sync' }).click();
await page.locator('#bulk-progress').filter({ hasText: /^Done:/ }).waitFor({ timeout: 120_000 });
const bulk = Date.now() - t0;
report('Disable Sync on 100,000 selected', ms(bulk), '≤ 10 s', bulk <= 10_000);

// Transferred size of the console.
let raw = 0, gz = 0, br = 0;
for (const f of readdirSync(dist)) {
  if (!/\.(wasm|js|css)$/.test(f)) continue;
  const data = readFileSync(join(dist, f));
  raw += data.length; gz += gzipSync(data, { level: 9 }).length; br += brotliCompressSync(data).length;
}
report('console size (wasm + js + css)', `${(raw / 1024).toFixed(0)} KB raw, ${(gz / 1024).toFixed(0)} KB gzip, ${(br / 1024).toFixed(0)} KB brotli`, '—');

await browser.close();
const w = Math.max(...rows.map((r) => r.name.length));
for (const r of rows) console.log(`    ${r.name.padEnd(w)}  ${String(r.value).padStart(14)}   goal ${r.goal.padEnd(9)} ${r.met}`);
