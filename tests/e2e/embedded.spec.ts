// Embedded for real: the console in the host stand-in (host/) on another
// origin, signed in with JWTs the host gets from the dev token relay and
// hands over by Embedding protocol v1. The server runs `--auth jwt`.
import { test, expect, axeViolations, Page } from './fixtures';
import type { APIRequestContext, Frame } from '@playwright/test';
import { readFileSync } from 'node:fs';

const need = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the browser tests with \`cargo xtask test\`.`);
  return v;
};
const HOST = need('HOST_URL');
const FOREIGN_HOST = need('FOREIGN_HOST_URL');
const CONSOLE = need('EMBEDDED_URL');
const LOG = need('EMBEDDED_LOG');
const API = `${CONSOLE}/api/monitor/v1`;
const SHOTS = process.env.SCREENSHOTS_DIR ?? 'test-results';

const inFrame = (page: Page) => page.frameLocator('#console');
const grid = (page: Page) => inFrame(page).getByRole('grid', { name: 'Users' });
const row = (page: Page, i: number) => grid(page).locator(`[role=row][aria-rowindex="${i + 2}"]`);
const banner = (page: Page) => inFrame(page).locator('.session-banner[role=alert]');
const hostState = (page: Page) =>
  page.evaluate(() => (window as unknown as { hostState: { requests: number; answered: number; resizes: number[] } }).hostState);

/** A real token from the relay (what a forger would most like to slip in). */
async function relayToken(request: APIRequestContext): Promise<string> {
  const res = await request.get(`${CONSOLE}/api/_dev/tokenrelay`);
  expect(res.status()).toBe(200);
  return (await res.json()).access_token;
}

/** Every Authorization header and URL the page (all frames) sends to the API. */
function watchApi(page: Page) {
  const seen = { tokens: [] as string[], urls: [] as string[] };
  page.on('request', (r) => {
    seen.urls.push(r.url());
    const a = r.headers()['authorization'];
    if (r.url().startsWith(API) && a) seen.tokens.push(a.replace(/^Bearer /, ''));
  });
  return seen;
}

async function settled(page: Page) {
  await expect(grid(page)).not.toHaveAttribute('aria-busy', 'true');
  await expect(row(page, 0).locator('.user a')).toBeVisible();
}

const consoleFrame = (page: Page): Frame => page.frames().find((f) => f.url().startsWith(CONSOLE))!;

/** Clears the embedded server's armed faults (they outlive a failed test). */
async function clearFaults(request: APIRequestContext) {
  const res = await request.delete(`${CONSOLE}/api/_control/faults`, {
    headers: { Authorization: `Bearer ${await relayToken(request)}` },
  });
  expect(res.status()).toBe(204);
}

test.describe('embedded in the host page', () => {
  test.beforeEach(async ({ request }) => clearFaults(request));
  test.afterEach(async ({ request }) => clearFaults(request));
  test('the host hands the token over; the API acts for its principal; the token is nowhere else', async ({ page }) => {
    const seen = watchApi(page);
    await page.goto(HOST);
    await settled(page);
    // The first screen's calls share one hand-off.
    expect((await hostState(page)).requests).toBe(1);
    expect(seen.tokens.length).toBeGreaterThan(0);
    const token = seen.tokens[0];
    expect(token.split('.')).toHaveLength(3);
    // An action, logged with the principal and never the token.
    await consoleFrame(page).goto(`${CONSOLE}/?card=succeeded&syncEnabled=true&orderBy=id:asc`);
    await settled(page);
    await row(page, 0).getByRole('checkbox').click();
    await inFrame(page).getByRole('button', { name: 'Actions' }).click();
    await inFrame(page).getByRole('menuitem', { name: /^Disable Sync/ }).click();
    const dialog = inFrame(page).getByRole('dialog', { name: 'Disable sync' });
    // Focus moves into the dialog inside a cross-origin frame too.
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Disable Sync' }).click();
    await expect(inFrame(page).locator('#bulk-progress')).toHaveText('Done: 1 succeeded, 0 failed.');
    await expect.poll(() => readFileSync(LOG, 'utf8')).toMatch(/user action.*principal="?sales\.admin@example\.com"?.*count=1/);
    const log = readFileSync(LOG, 'utf8');
    for (const t of new Set(seen.tokens)) {
      expect(log).not.toContain(t);
      expect(log).not.toContain(t.split('.')[2]);
    }
    // Not in a URL, in storage or in a cookie, on either side.
    for (const u of seen.urls) for (const t of seen.tokens) expect(u).not.toContain(t.split('.')[2]);
    for (const frame of [page.mainFrame(), consoleFrame(page)]) {
      const stored = await frame.evaluate(() =>
        JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie, location.href]),
      );
      for (const t of seen.tokens) expect(stored).not.toContain(t.split('.')[2]);
    }
  });

  test('a refused token costs exactly one more request to the host, and the calls succeed', async ({ page }) => {
    await page.goto(`${HOST}?answer=invalid-first`);
    await settled(page);
    const state = await hostState(page);
    expect(state.requests).toBe(2);
    expect(state.answered).toBe(2);
    await expect(banner(page)).toBeHidden();
    await expect(inFrame(page).locator('.error-panel')).toHaveCount(0);
  });

  test('tokens from a window other than the parent, or from an unlisted origin, are ignored', async ({ page, request }) => {
    const forged = await relayToken(request);
    const seen = watchApi(page);
    // The host never answers; a sibling frame of the host's own origin and
    // one of another origin both offer a (valid) token.
    await page.goto(`${HOST}?answer=none`);
    await expect.poll(async () => (await hostState(page)).requests).toBe(1);
    const offer = (msg: string) => {
      const target = (window.parent.frames[0] as Window);
      target.postMessage(msg, '*');
    };
    const message = JSON.stringify({ method: 'jwtToken', token: forged });
    await page.evaluate((consoleUrl) => {
      for (const src of ['/blank.html', `${consoleUrl}/healthz`]) {
        const f = document.createElement('iframe');
        f.src = src;
        document.body.append(f);
      }
    }, CONSOLE);
    const others = () => page.frames().filter((f) => /blank\.html|\/healthz/.test(f.url()));
    await expect.poll(() => others().length).toBe(2);
    for (const f of others()) {
      await f.waitForLoadState();
      await f.evaluate(offer, message);
      await f.evaluate(offer, forged);
    }
    await expect(banner(page)).toBeVisible();
    // Had the console kept the offered token, Refresh would use it; it asks
    // the host again instead.
    await inFrame(page).getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(async () => (await hostState(page)).requests).toBe(2);
    expect(seen.tokens).not.toContain(forged);

    // The parent itself, at an origin the console does not list: the
    // console's request never reaches it (targetOrigin is exact) and its
    // offer is ignored.
    const seen2 = watchApi(page);
    await page.goto(`${FOREIGN_HOST}?answer=none`);
    // The host page adds its frame after loading: offer only once it is there.
    await page.locator('#console').waitFor({ state: 'attached' });
    // Offered again and again, so it certainly arrives while the console
    // listens and waits.
    await page.evaluate((m) => {
      setInterval(() => {
        const frame = document.getElementById('console') as HTMLIFrameElement | null;
        frame?.contentWindow?.postMessage(m, '*');
      }, 100);
    }, message);
    await expect(banner(page)).toBeVisible();
    expect((await hostState(page)).requests).toBe(0);
    expect(seen2.tokens).not.toContain(forged);
  });

  test('no answer: the session-expired banner, and the table stays', async ({ page, request }) => {
    await page.goto(HOST);
    await settled(page);
    const rows = await grid(page).locator('[role=row]').count();
    // The host stops answering and the API refuses the current token.
    await page.evaluate(() => ((window as unknown as { hostState: { answer: string } }).hostState.answer = 'none'));
    const token = await relayToken(request);
    const arm = await request.post(`${CONSOLE}/api/_control/faults`, {
      headers: { Authorization: `Bearer ${token}` },
      data: { route: '/users', mode: 'fail', status: 401, count: 5 },
    });
    expect(arm.status()).toBe(204);
    await grid(page).locator('.head-cell .sort').first().click();
    await expect(banner(page)).toBeVisible();
    await expect(banner(page).getByRole('button', { name: 'Reload' })).toBeVisible();
    // Nothing is painted over the banner (Refresh used to rise onto it).
    const [b, r] = [await banner(page).boundingBox(), await inFrame(page).getByRole('button', { name: 'Refresh' }).boundingBox()];
    expect(r!.y >= b!.y + b!.height || r!.y + r!.height <= b!.y).toBe(true);
    // The table stays (the frame may have grown with the banner: more rows fit).
    expect(await grid(page).locator('[role=row]').count()).toBeGreaterThanOrEqual(rows);
    await expect(row(page, 0).locator('.user a')).toBeVisible();
    expect((await hostState(page)).requests).toBe(2);
    await expect(banner(page)).toContainText('Your session has expired — reload the page to sign in again.');
  });

  test('resize messages carry the content height, and the frame follows it', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(HOST);
    await settled(page);
    await row(page, 0).locator('.user a').click();
    await expect(inFrame(page).getByRole('region', { name: 'User Sync Summary' })).toBeVisible();
    // The page grows as its regions load (Sync Errors, the history): wait
    // for them, then for the last message to carry the height of now.
    await expect(inFrame(page).locator('#sync-errors-status')).not.toBeEmpty();
    await expect(inFrame(page).getByRole('region', { name: 'Transaction History' }).getByRole('status')).not.toBeEmpty();
    const height = () => consoleFrame(page).evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    await expect.poll(async () => {
      const r = (await hostState(page)).resizes;
      return r[r.length - 1] === (await height());
    }).toBe(true);
    const frameHeight = await page.locator('#console').evaluate((f) => f.getBoundingClientRect().height);
    expect(Math.abs(frameHeight - (await height()))).toBeLessThanOrEqual(2);
    // One scrollbar: the host page's, not the frame's.
    expect(await consoleFrame(page).evaluate(() => document.documentElement.scrollHeight <= innerHeight + 1)).toBe(true);
  });

  test('an 800 × 600 frame shows the first rows without scrolling the host page', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${HOST}?frame=800x600`);
    await settled(page);
    const frame = (await page.locator('#console').boundingBox())!;
    const inner = await page.locator('#console').evaluate((f) => [f.clientWidth, f.clientHeight]);
    expect(inner).toEqual([800, 600]);
    for (const i of [0, 1]) {
      const box = (await row(page, i).boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(frame.y);
      expect(box.y + box.height).toBeLessThanOrEqual(frame.y + frame.height);
      expect(box.y + box.height).toBeLessThanOrEqual(768);
    }
    expect(await page.evaluate(() => scrollY)).toBe(0);
  });

  test('credentials can be saved inside the sandboxed frame (no form submission needed)', async ({ page }) => {
    await page.goto(HOST);
    await settled(page);
    await row(page, 0).locator('.user a').click();
    // The details page, not the dashboard (it has an Actions button too).
    await expect(inFrame(page).locator('#details-title')).toBeVisible();
    await inFrame(page).getByRole('button', { name: 'Actions' }).click();
    await inFrame(page).getByRole('menuitem', { name: /^Update User Credentials/ }).click();
    const dialog = inFrame(page).getByRole('dialog', { name: 'Update User Credentials' });
    const name = dialog.getByLabel('Sales user name');
    await expect(name).not.toHaveValue('');
    const renamed = `Embedded ${Date.now() % 100000}`;
    await name.fill(renamed);
    await name.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(inFrame(page).locator('#details-title')).toHaveText(renamed);
  });

  test('dark when the host asks, in Redwood colours otherwise; axe-clean in both', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const background = () =>
      consoleFrame(page).evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.goto(HOST);
    await settled(page);
    expect(await background()).toBe('rgb(251, 249, 248)');
    await page.screenshot({ path: `${SHOTS}/embedded-light.png` });
    await page.goto(`${HOST}?scheme=dark`);
    await settled(page);
    await expect(inFrame(page).locator('html')).toHaveAttribute('data-color-scheme', 'dark');
    expect(await background()).toBe('rgb(29, 27, 25)');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/embedded-dark.png` });
  });

  test('opened outside a frame in host mode, it says to open it from the sales application', async ({ page }) => {
    await page.goto(`${CONSOLE}/`);
    await expect(page.getByRole('alert')).toContainText('Open the Microsoft 365 Monitor from the sales application');
  });
});
