// Layout as painted: nothing a person needs is cut, clipped, off screen or
// spoofed, at 1440, 1024 and 800 px and inside an 800 × 600 frame.
import { test, expect, API, auth, apiGet, grid, axeViolations, openHost, Page } from './fixtures';
import type { APIRequestContext } from '@playwright/test';

type User = { id: number; salesUserName: string; microsoftEmail: string };
const firstUser = async (request: APIRequestContext, query: string) =>
  (await apiGet<{ items: User[] }>(request, `/users?limit=1&${query}`)).items[0];

/** Renames a user through the API (If-Match from a fresh GET). */
async function rename(request: APIRequestContext, id: number, salesUserName: string) {
  const current = await request.get(`${API}/users/${id}`, { headers: auth });
  const res = await request.patch(`${API}/users/${id}`, {
    headers: { ...auth, 'If-Match': current.headers()['etag'] },
    data: { salesUserName },
  });
  expect(res.status()).toBe(200);
}

const settled = async (page: Page) => {
  await expect(grid(page)).not.toHaveAttribute('aria-busy', 'true');
  await expect(grid(page).locator('.user a').first()).toBeVisible();
};

test.describe('layout', () => {
  test('1440 px: statuses and headers are whole, cut emails can be read', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/?card=never-synced');
    await settled(page);
    const status = grid(page).locator('.status-never_synced > span:not(.icon)').first();
    await expect(status).toHaveText('Never Synced');
    expect(await status.evaluate((s) => s.scrollWidth <= s.clientWidth)).toBe(true);
    // Single-line headers inside the header row; a cut label has its full text in a title.
    const headers = await grid(page).locator('.head-cell .sort').evaluateAll((buttons) =>
      buttons.map((b) => {
        const cell = b.closest('.head-cell')!.getBoundingClientRect();
        const r = b.getBoundingClientRect();
        const label = b.querySelector('.sort-label') as HTMLElement;
        return {
          label: label.textContent,
          inside: r.top >= cell.top - 0.5 && r.bottom <= cell.bottom + 0.5,
          oneLine: label.getClientRects().length === 1 && label.offsetHeight < 26,
          titled: (b.getAttribute('title') ?? '').startsWith(label.textContent ?? '?'),
        };
      }),
    );
    for (const h of headers) expect(h, String(h.label)).toMatchObject({ inside: true, oneLine: true, titled: true });
    // Emails end in an ellipsis, never mid-letter, and the full address is in the title.
    const email = grid(page).locator('.cell.email').first();
    const text = await email.textContent();
    await expect(email).toHaveAttribute('title', text!);
    expect(await email.locator('bdi').evaluate((b) => getComputedStyle(b).textOverflow)).toBe('ellipsis');
  });

  test('long and right-to-left-override names stay in their place', async ({ page, request }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const long = await firstUser(request, 'lastSync=SUCCEEDED&orderBy=id:asc&offset=700');
    const spoof = await firstUser(request, 'lastSync=SUCCEEDED&orderBy=id:asc&offset=701');
    await rename(request, long.id, 'L'.repeat(100));
    await rename(request, spoof.id, 'ADMIN\u202Etxt.exe');
    await page.goto(`/users/${long.id}`);
    await expect(page.locator('#details-title')).toHaveText('L'.repeat(100));
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // The details page's Actions menu opens inside the window.
    await page.getByRole('button', { name: 'Actions' }).click();
    const menu = await page.getByRole('menu').boundingBox();
    expect(menu!.x).toBeGreaterThanOrEqual(0);
    expect(menu!.x + menu!.width).toBeLessThanOrEqual(1280);
    await page.keyboard.press('Escape');
    // A right-to-left override is shown, not obeyed.
    await page.goto(`/users/${spoof.id}`);
    await expect(page.locator('#details-title')).toHaveText('ADMIN[U+202E]txt.exe');
    await page.goto(`/?search=${encodeURIComponent(spoof.microsoftEmail)}`);
    await expect(grid(page).locator('.user a').first()).toHaveText('ADMIN[U+202E]txt.exe');
    expect(await grid(page).locator('.user a bdi').first().evaluate((b) => getComputedStyle(b).unicodeBidi)).toBe('isolate');
  });

  for (const width of [1024, 800]) {
    test(`${width} px: the authorization guidance is on screen; checkbox and User stay while scrolling sideways`, async ({ page }) => {
      await page.setViewportSize({ width, height: 768 });
      await page.goto('/?microsoftAuthorized=false');
      await settled(page);
      // Above the table, where the rows with failed icons are.
      const legend = page.locator('.legend-note');
      await expect(legend).toBeVisible();
      await expect(legend).toContainText('Ask the user to sign in to the add-in again.');
      const above = await page.evaluate(() =>
        document.querySelector('.legend-note')!.getBoundingClientRect().bottom <=
        document.querySelector('[role=grid]')!.getBoundingClientRect().top);
      expect(above).toBe(true);
      const cells = () =>
        grid(page).evaluate((g) => {
          const row = g.querySelector('.grid-body [role=row]')!;
          const x = (sel: string) => row.querySelector(sel)!.getBoundingClientRect().x;
          return { check: x('.check-cell'), user: x('.cell.user'), status: x('.cell.status') };
        });
      const before = await cells();
      expect(await grid(page).evaluate((g) => g.scrollWidth > g.clientWidth)).toBe(true);
      await grid(page).evaluate((g) => (g.scrollLeft = 400));
      const after = await cells();
      expect(after.check).toBe(before.check);
      expect(after.user).toBeLessThanOrEqual(before.user);
      expect(after.user).toBeGreaterThan(after.check);
      expect(after.status).toBeLessThan(before.status);
      expect(await axeViolations(page)).toEqual([]);
    });
  }

  test('inside an 800 × 600 frame: no page-wide overflow, the menu stays in the frame', async ({ page, baseURL, request }) => {
    await page.setViewportSize({ width: 900, height: 700 });
    const u = await firstUser(request, 'lastSync=FAILED&orderBy=id:asc');
    await openHost(
      page,
      baseURL!,
      `<!doctype html><title>Host</title><iframe title="Microsoft 365 Monitor" src="${baseURL}/users/${u.id}" width="800" height="600"></iframe>`,
    );
    const frame = page.frameLocator('iframe');
    await expect(frame.locator('#details-title')).toBeVisible();
    await frame.getByRole('button', { name: 'Actions' }).click();
    const inner = page.frames().find((f) => f !== page.mainFrame())!;
    const fits = await inner.evaluate(() => {
      const m = document.querySelector('[role=menu]')!.getBoundingClientRect();
      return { page: document.documentElement.scrollWidth, menuRight: m.right, menuLeft: m.left };
    });
    expect(fits.page).toBeLessThanOrEqual(800);
    expect(fits.menuLeft).toBeGreaterThanOrEqual(0);
    expect(fits.menuRight).toBeLessThanOrEqual(800);
  });

  test('only the allowed host origins can frame the console (CSP frame-ancestors)', async ({ page, baseURL }) => {
    const frame = (allowed: boolean) =>
      openHost(page, baseURL!, `<!doctype html><title>Host</title><iframe title="Monitor" src="${baseURL}/"></iframe>`, allowed);
    await frame(true);
    await expect(page.frameLocator('iframe').getByRole('heading', { name: 'Microsoft 365 Monitor' })).toBeVisible();
    await frame(false);
    await page.waitForTimeout(1500);
    await expect(page.frameLocator('iframe').getByRole('heading', { name: 'Microsoft 365 Monitor' })).toHaveCount(0);
  });

  test('an 800 × 600 frame shows the table\'s first rows without scrolling', async ({ page, baseURL }) => {
    await page.setViewportSize({ width: 900, height: 700 });
    await openHost(
      page,
      baseURL!,
      `<!doctype html><title>Host</title><iframe title="Microsoft 365 Monitor" src="${baseURL}/?card=failed" width="800" height="600"></iframe>`,
    );
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    await expect(page.frameLocator('iframe').locator('.grid-body .user a').first()).toBeVisible();
    const shown = await frame.evaluate(() => {
      const rows = [...document.querySelectorAll('.grid-body [role=row]')].filter(
        (r) => r.querySelector('.user a') && r.getBoundingClientRect().bottom <= window.innerHeight,
      );
      return { rows: rows.length, scrolled: window.scrollY };
    });
    expect(shown.scrolled).toBe(0);
    expect(shown.rows).toBeGreaterThanOrEqual(2);
  });

  for (const width of [1440, 800, 320]) {
    test(`${width} px: the header, the refresh bar and the time of the last update are not covered`, async ({ page }) => {
      await page.setViewportSize({ width, height: width === 320 ? 256 : 600 });
      await page.goto('/');
      await settled(page);
      await expect(page.locator('#live-status')).toContainText('Updated');
      // The top element at the middle of each is itself (or inside it).
      for (const sel of ['#live-status', '.app-header .subtitle', '.refresh-bar .refresh', '.refresh-bar .pause', '.total-users']) {
        const el = page.locator(sel);
        await el.scrollIntoViewIfNeeded();
        const onTop = await el.evaluate((e) => {
          // Each line of its text (not its box): the middle of its two ends.
          const range = document.createRange();
          range.selectNodeContents(e);
          const points = [...range.getClientRects()]
            .filter((r) => r.width > 8)
            .flatMap((r) => [[r.left + 3, r.top + r.height / 2], [r.right - 3, r.top + r.height / 2]]);
          return points.length > 0 && points.every(([x, y]) => {
            const hit = document.elementFromPoint(x, y);
            return hit !== null && (hit === e || e.contains(hit) || hit.contains(e));
          });
        });
        expect(onTop, `${sel} at ${width} px`).toBe(true);
      }
    });
  }

  test('800 px: authorizations about to expire are said in one line, with the way to those users', async ({ page }) => {
    await page.setViewportSize({ width: 800, height: 600 });
    await page.goto('/');
    await settled(page);
    const notice = page.locator('#expiry-notice');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText(/users' authorization expires within 7 days/);
    const link = notice.getByRole('button', { name: 'Show these users' });
    await expect(link).toBeInViewport();
    expect((await notice.boundingBox())!.height).toBeLessThanOrEqual(32);
  });

  test('from 800 to 1440 px the seven cards keep their words whole and their counts inside', async ({ page }) => {
    // Seven cards share one row down to 800 px: between 900 and ~1250 px
    // their labels broke mid-word ("Succeede / d", "Authorizat / ions") and
    // "16,879" ran over its card's edge (screenshots of 2026-12-06).
    for (const width of [800, 901, 1024, 1180, 1280, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/');
      await settled(page);
      await page.evaluate(() => document.fonts.ready);
      const cards = await page.locator('.status-card').evaluateAll((cs) =>
        cs.map((c) => {
          const box = c.getBoundingClientRect();
          const style = getComputedStyle(c);
          const right = box.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight) + 0.5;
          const label = c.querySelector('.card-label')!;
          const count = c.querySelector('.card-count')!;
          // A word split over two lines has two boxes.
          const broken: string[] = [];
          const text = label.firstChild as Text;
          const re = /\S+/g;
          let m: RegExpExecArray | null;
          while ((m = re.exec(text.data))) {
            const r = document.createRange();
            r.setStart(text, m.index);
            r.setEnd(text, m.index + m[0].length);
            if (r.getClientRects().length > 1) broken.push(m[0]);
          }
          const r = document.createRange();
          r.selectNodeContents(count);
          return {
            label: text.data,
            broken,
            count: count.textContent,
            countRight: r.getBoundingClientRect().right,
            labelRight: label.getBoundingClientRect().right,
            right,
          };
        }),
      );
      expect(cards).toHaveLength(7);
      for (const c of cards) {
        expect(c.broken, `${width} px: ${c.label}`).toEqual([]);
        expect(c.countRight, `${width} px: ${c.label} ${c.count}`).toBeLessThanOrEqual(c.right);
        expect(c.labelRight, `${width} px: ${c.label}`).toBeLessThanOrEqual(c.right);
      }
    }
  });

  for (const width of [1024, 800]) {
    test(`${width} px: an expanded transaction's explanation wraps inside the history's box, also scrolled sideways`, async ({ page, request }) => {
      // The explanation row spans the whole (wider) table: its sentences
      // ran past the box's edge and were cut mid-word (screenshots of
      // 2026-12-06).
      await page.setViewportSize({ width, height: 900 });
      const u = await firstUser(request, 'hasSyncErrors=true&errorCode=MS_THROTTLED');
      await page.goto(`/users/${u.id}`);
      const history = page.getByRole('region', { name: 'Transaction History' });
      await history.getByRole('button', { name: /show the details/ }).first().click();
      await expect(history.locator('.record-error-list li').first()).toBeVisible();
      const box = history.locator('.history-scroll');
      const outside = () =>
        box.evaluate((b) => {
          const r = b.getBoundingClientRect();
          const right = r.left + b.clientLeft + b.clientWidth;
          const row = b.querySelector('tr.error-row:not([hidden])')!;
          return [...row.querySelectorAll('p, li')]
            .filter((el) => {
              const e = el.getBoundingClientRect();
              return e.right > right + 0.5 || e.left < r.left - 0.5;
            })
            .map((el) => el.textContent!.slice(0, 40));
        });
      expect(await outside()).toEqual([]);
      await box.evaluate((b) => (b.scrollLeft = b.scrollWidth));
      expect(await box.evaluate((b) => b.scrollLeft)).toBeGreaterThan(0);
      expect(await outside()).toEqual([]);
    });
  }

  for (const width of [1440, 1024, 800]) {
    test(`${width} px: the folded health regions share their line, at one height`, async ({ page }) => {
      // Beside a job's warning (which has a line of its own above 900 px)
      // the two other regions filled two thirds of theirs (2026-12-06).
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/');
      await settled(page);
      await expect(page.getByRole('region', { name: 'Sync Trend' })).toContainText('failed in');
      const boxes = await page.locator('.health-row').evaluate((row) => {
        const r = row.getBoundingClientRect();
        const line = [...row.children].map((c) => c.getBoundingClientRect()).filter((b) => Math.abs(b.bottom - row.getBoundingClientRect().bottom) < 1);
        return { right: r.right, left: r.left, line: line.map((b) => ({ left: b.left, right: b.right, height: b.height })) };
      });
      expect(boxes.line.length).toBeGreaterThanOrEqual(2);
      expect(boxes.line[0].left).toBeCloseTo(boxes.left, 0);
      expect(boxes.line[boxes.line.length - 1].right).toBeCloseTo(boxes.right, 0);
      for (const b of boxes.line) expect(b.height).toBeCloseTo(boxes.line[0].height, 0);
    });
  }

  test('400 % zoom (320 × 256): the cards and a user\'s details reflow, nothing is cut or broken mid-word', async ({ page, request }) => {
    await page.setViewportSize({ width: 320, height: 256 });
    await page.goto('/');
    await settled(page);
    // No page-wide sideways scroll (the grid scrolls sideways in its own box).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    const cards = await page.locator('.status-card').evaluateAll((cs) =>
      cs.map((c) => {
        const label = c.querySelector('.card-label') as HTMLElement;
        const count = c.querySelector('.card-count') as HTMLElement;
        return {
          label: label.textContent,
          width: c.getBoundingClientRect().width,
          count: count.textContent,
          countWhole: count.scrollWidth <= count.clientWidth,
        };
      }),
    );
    expect(cards).toHaveLength(7);
    for (const c of cards) {
      // Wide enough for its longest word ("Authorizations", "Outstanding").
      expect(c.width, c.label!).toBeGreaterThanOrEqual(120);
      expect(c.countWhole, `${c.label}: ${c.count}`).toBe(true);
    }
    const u = await firstUser(request, 'lastSync=FAILED&orderBy=id:asc');
    await page.goto(`/users/${u.id}`);
    await expect(page.locator('#details-title')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    // Each value has the width of the card, not a sliver beside its label.
    const values = await page.locator('.summary-list dd').evaluateAll((dds) => dds.map((d) => d.getBoundingClientRect().width));
    expect(values.length).toBeGreaterThan(5);
    for (const w of values) expect(w).toBeGreaterThanOrEqual(200);
  });

  test('the system\'s dark colour scheme: dark Redwood colours, still axe-clean', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/?card=failed');
    await settled(page);
    const colours = await page.evaluate(() => ({
      page: getComputedStyle(document.body).backgroundColor,
      text: getComputedStyle(document.body).color,
    }));
    expect(colours).toEqual({ page: 'rgb(29, 27, 25)', text: 'rgb(245, 244, 242)' });
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${process.env.SCREENSHOTS_DIR ?? 'test-results'}/dark-1280.png` });
  });
});
