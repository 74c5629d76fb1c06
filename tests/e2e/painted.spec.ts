// What a person sees: the painted state of the table (checked boxes, rows
// filling the grid), a per-frame watcher proving the grid and its rows never
// leave the page, and where the focus is after every action. This file also
// runs (project `latency`) against a server that answers slowly.
import { test, expect, formatCount, apiGet, grid, Page } from './fixtures';
import type { APIRequestContext, BrowserContext } from '@playwright/test';

type User = { id: number; salesUserName: string; microsoftEmail: string; lastSyncStatus: string };
type UserPage = { items: User[]; totalResults: number };
const apiUsers = (request: APIRequestContext, query: string) =>
  apiGet<UserPage>(request, `/users?totalResults=true&${query}`);

const row = (page: Page, i: number) => grid(page).locator(`[role=row][aria-rowindex="${i + 2}"]`);
const box = (page: Page, i: number) => row(page, i).getByRole('checkbox');
const total = (page: Page) => page.locator('#users-total');
/** What the selection bar says of `n` matching users. */
const matching = (n: number) => (n === 1 ? '1 user matches' : `${formatCount(n)} users match`);
const checked = (page: Page, i: number) =>
  box(page, i).evaluate((b) => (b as HTMLInputElement).checked);
/** The id (or tag) of the focused element. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el ? el.id || el.tagName.toLowerCase() : 'none';
  });

/**
 * Rows painted in the grid's visible area: all rows there, those with data,
 * and how many fit; and the rows with data built below the grid's box (what
 * a scroll shows at once).
 */
async function paintedRows(page: Page) {
  return grid(page).evaluate((g) => {
    const box = g.getBoundingClientRect();
    const top = g.querySelector('.grid-head')!.getBoundingClientRect().bottom;
    const end = box.bottom - (g.offsetHeight - g.clientHeight);
    const bottom = Math.min(end, window.innerHeight);
    let visible = 0;
    let loaded = 0;
    let below = 0;
    for (const r of g.querySelectorAll('.grid-body [role=row]')) {
      const b = r.getBoundingClientRect();
      if (b.bottom > top + 1 && b.top < bottom - 1) {
        visible++;
        if (r.querySelector('.user a')) loaded++;
      } else if (b.top >= end - 1 && r.querySelector('.user a')) {
        below++;
      }
    }
    return { visible, loaded, fit: Math.ceil((bottom - top) / 40), below };
  });
}

/** The row indexes (from `aria-rowindex`) of the loaded rows painted inside the grid's visible area. */
async function paintedRowIndexes(page: Page) {
  return grid(page).evaluate((g) => {
    const top = g.querySelector('.grid-head')!.getBoundingClientRect().bottom;
    const bottom = Math.min(g.getBoundingClientRect().bottom - (g.offsetHeight - g.clientHeight), window.innerHeight);
    return [...g.querySelectorAll('.grid-body [role=row]')]
      .filter((r) => r.querySelector('.user a'))
      .filter((r) => { const b = r.getBoundingClientRect(); return b.bottom > top + 1 && b.top < bottom - 1; })
      .map((r) => Number(r.getAttribute('aria-rowindex')) - 2);
  });
}

/** Starts a requestAnimationFrame watcher counting frames without the grid, its rows or the cards. */
async function watchFrames(page: Page) {
  await page.evaluate(() => {
    const w = window as any;
    w.__frames = { total: 0, noGrid: 0, noRows: 0, noCards: 0, bodyFocus: 0 };
    w.__watching = true;
    const tick = () => {
      if (!w.__watching) return;
      const f = w.__frames;
      f.total++;
      const g = document.querySelector('[role=grid][aria-label=Users]');
      if (!g) f.noGrid++;
      else if (!g.querySelector('.grid-body [role=row] .user a')) f.noRows++;
      if (document.querySelectorAll('.cards .status-card').length !== 7) f.noCards++;
      if (document.activeElement === document.body) f.bodyFocus++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}
async function stopWatching(page: Page) {
  return page.evaluate(() => {
    const w = window as any;
    w.__watching = false;
    return w.__frames as { total: number; noGrid: number; noRows: number; noCards: number; bodyFocus: number };
  });
}
/** Waits until the rows on screen belong to the current view. */
const settled = async (page: Page) => {
  await expect(grid(page)).not.toHaveAttribute('aria-busy', 'true');
  await expect(row(page, 0).locator('.user a')).toBeVisible();
};

/**
 * A screenshot's pixels, decoded in a page of its own: `at(x, y)` is the
 * [r, g, b] painted there.
 */
async function pixels(context: BrowserContext, png: Buffer) {
  const decoder = await context.newPage();
  const { width, height, data } = await decoder.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    // The RGBA bytes as base64: a page's worth of numbers is slow to pass.
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let s = '';
    for (let i = 0; i < d.length; i += 0x8000) s += String.fromCharCode(...d.subarray(i, i + 0x8000));
    return { width: c.width, height: c.height, data: btoa(s) };
  }, png.toString('base64'));
  await decoder.close();
  const rgba = Buffer.from(data, 'base64');
  const at = (x: number, y: number) => { const i = (y * width + x) * 4; return [rgba[i], rgba[i + 1], rgba[i + 2]]; };
  return { width, height, at };
}
const near = (p: number[], q: number[], within = 40) =>
  Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1]) + Math.abs(p[2] - q[2]) < within;

test.describe('painted state', () => {
  // Tall enough for more than nine rows under the dashboard (cards,
  // permission line, notices, health regions): the old console painted 9.
  test.use({ viewport: { width: 1440, height: 1300 } });

  test('a clicked row checkbox shows its check, and only its own', async ({ page }) => {
    await page.goto('/');
    await settled(page);
    await box(page, 0).click();
    await expect.poll(() => checked(page, 0)).toBe(true);
    await box(page, 1).click();
    await expect.poll(() => checked(page, 1)).toBe(true);
    expect(await checked(page, 0)).toBe(true);
    expect(await checked(page, 2)).toBe(false);
    await box(page, 0).click();
    await expect.poll(() => checked(page, 0)).toBe(false);
    expect(await checked(page, 1)).toBe(true);
    await expect(page.getByText('1 selected', { exact: true })).toBeVisible();
    // Shift-click paints the whole range from the last click (row 0).
    await box(page, 4).click({ modifiers: ['Shift'] });
    for (const i of [0, 1, 2, 3, 4]) await expect.poll(() => checked(page, i)).toBe(true);
    expect(await checked(page, 5)).toBe(false);
    await expect(page.getByText('5 selected', { exact: true })).toBeVisible();
  });

  test('the grid\'s focus ring is painted whole: beside selected and hovered rows and along the bottom', async ({ page, context }) => {
    // The ring was drawn inside the grid, under its rows: selected and
    // hovered rows covered it (screenshots of 2026-12-06).
    await page.setViewportSize({ width: 1024, height: 900 });
    await page.goto('/?card=failed');
    await settled(page);
    await box(page, 0).click();
    await box(page, 2).click({ modifiers: ['Shift'] });
    await grid(page).focus();
    await page.keyboard.press('ArrowDown'); // keyboard focus: :focus-visible
    // The whole grid on screen, its ring's bottom edge too.
    await grid(page).evaluate((g) => window.scrollBy(0, g.getBoundingClientRect().bottom + 12 - innerHeight));
    await row(page, 4).hover();
    const g = await grid(page).boundingBox();
    const rows = await Promise.all([0, 1, 2, 3, 4, 5].map(async (i) => (await row(page, i).boundingBox())!));
    const png = await page.screenshot();
    // The focus colour near each row's right end and along the bottom edge.
    const probes = [
      ...rows.filter((r) => r.y + r.height < g!.y + g!.height).map((r) => ({ x0: g!.x + g!.width - 10, x1: g!.x + g!.width + 10, y0: r.y + r.height / 2, y1: r.y + r.height / 2 })),
      ...[0.1, 0.5, 0.9].map((f) => ({ x0: g!.x + g!.width * f, x1: g!.x + g!.width * f, y0: g!.y + g!.height - 10, y1: g!.y + g!.height + 10 })),
    ];
    const { at } = await pixels(context, png);
    const focus = [0x00, 0x68, 0x8c];
    // The ring is 3 px thick: three focus-coloured pixels in a row across
    // it (a covered ring left a 1 px line).
    const found = probes.map((p) => {
      let run = 0;
      for (let x = Math.floor(p.x0); x <= Math.ceil(p.x1); x++)
        for (let y = Math.floor(p.y0); y <= Math.ceil(p.y1); y++) {
          run = near(at(x, y), focus) ? run + 1 : 0;
          if (run >= 3) return true;
        }
      return false;
    });
    expect(found).toEqual(probes.map(() => true));
  });

  test('each icon is painted: its circle and its mark in the text\'s colour, nothing outside', async ({ page, context, request }) => {
    // The icons are the text's colour clipped to their outlines (no image):
    // a missing or wrong outline paints a square, a blank or a circle alone.
    const shown: string[] = [];
    // No card lists suspended users: one of them, by email.
    const suspended = (await apiUsers(request, 'lastSync=SUSPENDED&limit=1')).items[0].microsoftEmail;
    for (const view of ['card=failed', 'card=never-synced', 'card=succeeded', 'card=in-progress', `search=${encodeURIComponent(suspended)}`]) {
      await page.goto(`/?${view}`);
      await settled(page);
      const icon = row(page, 0).locator('.status .icon');
      const name = (await icon.getAttribute('class'))!.replace('icon icon-', '');
      const color = await icon.evaluate((e) => getComputedStyle(e).color.match(/\d+/g)!.map(Number));
      // The box where the screenshot found it (the health regions may
      // still push the table down while a slow server answers).
      let b = (await icon.boundingBox())!;
      let shot = Buffer.alloc(0);
      for (let moved = true, tries = 0; moved && tries < 20; tries++) {
        shot = await page.screenshot({ clip: { x: Math.floor(b.x) - 2, y: Math.floor(b.y) - 2, width: 22, height: 22 } });
        const again = (await icon.boundingBox())!;
        moved = again.x !== b.x || again.y !== b.y;
        b = again;
      }
      expect([b.width, b.height]).toEqual([18, 18]);
      const [x0, y0] = [Math.floor(b.x) - 2, Math.floor(b.y) - 2];
      const { at } = await pixels(context, shot);
      // Pixels by their place from the icon's centre, and how much of the
      // text's colour each shows over the row's background (0 to 1).
      const [cx, cy] = [b.x + 9 - x0, b.y + 9 - y0];
      const px = (dx: number, dy: number) => at(Math.floor(cx + dx), Math.floor(cy + dy));
      const bg = at(0, 0);
      const dist = (p: number[], q: number[]) => Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1]) + Math.abs(p[2] - q[2]);
      const ink = (dx: number, dy: number) => dist(px(dx, dy), bg) / dist(color, bg);
      // The circle (1.35 px wide) crosses each ray between 7 and 8.3 px.
      const rays = 32;
      let ring = 0;
      for (let i = 0; i < rays; i++) {
        const t = (i / rays) * 2 * Math.PI;
        if (Math.max(...[7, 7.4, 7.8, 8.2].map((r) => ink(r * Math.cos(t), r * Math.sin(t)))) > 0.5) ring++;
      }
      let mark = 0;
      for (let dy = -5; dy <= 5; dy++) for (let dx = -5; dx <= 5; dx++) if (ink(dx, dy) > 0.5) mark++;
      const outside = [[-8.5, -8.5], [8.2, -8.5], [-8.5, 8.2], [8.2, 8.2], [0, -10.5], [-10.5, 0]].filter(([dx, dy]) => ink(dx, dy) > 0.2).length;
      expect({ name, ring, mark: mark >= 6, outside }).toEqual({ name, ring: rays, mark: true, outside: 0 });
      shown.push(name);
    }
    expect(shown).toEqual(['cross', 'minus', 'check', 'sync', 'pause']);
  });

  test('a fresh load of a filtered view fills the grid with rows', async ({ page, browser, baseURL }) => {
    // Each load in a new browser context, as a person opening the link:
    // on the old console a third of such loads painted 9 rows.
    for (let i = 0; i < 10; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 1300 }, baseURL });
      const fresh = await context.newPage();
      await fresh.goto('/?card=failed');
      await expect
        .poll(async () => {
          const p = await paintedRows(fresh);
          // The rows in view first, then the buffer below them.
          return p.loaded >= p.fit && p.fit > 9 && p.below >= 8;
        }, { timeout: 3000 })
        .toBe(true);
      await context.close();
    }
    await page.goto('/?card=failed');
    // Back from a user's details: the same.
    await row(page, 3).locator('.user a').click();
    await expect(page.getByRole('heading', { level: 2, name: 'User Sync Summary' })).toBeVisible();
    await page.getByRole('link', { name: /Back to users/ }).first().click();
    await expect
      .poll(async () => {
        const p = await paintedRows(page);
        return p.loaded >= p.fit;
      }, { timeout: 5000 })
      .toBe(true);
  });

  test('typing, filtering and sorting never take the grid or its rows off the page', async ({ page, request }) => {
    await page.goto('/');
    await settled(page);
    const box = page.getByRole('searchbox', { name: 'Search users by name or email' });
    await watchFrames(page);
    await box.pressSequentially('kim', { delay: 40 });
    const api = await apiUsers(request, 'search=kim&limit=1');
    await expect(total(page)).toHaveText(`${formatCount(api.totalResults)} users match`);
    await settled(page);
    await box.fill('');
    await settled(page);
    await page.getByRole('checkbox', { name: 'Using Next Gen' }).check();
    await settled(page);
    await page.getByRole('button', { name: /^Last Sync Failed/ }).click();
    await settled(page);
    await grid(page).getByRole('columnheader', { name: 'User', exact: true }).getByRole('button').click();
    await settled(page);
    const frames = await stopWatching(page);
    expect(frames.total).toBeGreaterThan(10);
    expect(frames, 'frames without the grid, its rows or the cards').toMatchObject({ noGrid: 0, noRows: 0, noCards: 0 });
    await expect(box).toHaveValue('');
  });

  test('rows reused for another search show every value of their new user', async ({ page, request }) => {
    const STATUS_ICON: Record<string, string> = {
      FAILED: 'cross',
      NEVER_SYNCED: 'minus',
      SUCCEEDED: 'check',
      IN_PROGRESS: 'sync',
      SUSPENDED: 'pause',
    };
    type Full = User & {
      lastSyncStart: string | null;
      salesAuthorized: boolean;
      microsoftAuthorized: boolean;
      usingNextGen: boolean;
    };
    // What the rows on screen show, cell by cell.
    const painted = (n: number) =>
      grid(page).evaluate((g, n) => {
        const out = [];
        for (let i = 0; i < n; i++) {
          const r = g.querySelector(`[role=row][aria-rowindex="${i + 2}"]`)!;
          const cell = (c: number) => r.querySelector(`#cell-${i}-${c}`)!;
          const time = cell(4).querySelector('time');
          out.push({
            box: [cell(0).querySelector('input')!.getAttribute('aria-label'), (cell(0).querySelector('input') as HTMLInputElement).checked],
            status: cell(1).className.match(/status-(\S+)/)![1],
            icon: cell(1).querySelector('.icon')!.getAttribute('class'),
            // Drawn by the style sheet: the text's colour in an 18 px box,
            // clipped to the icon's outline (what it paints: the icon test).
            drawn: [...r.querySelectorAll('.icon')].every((i) => {
              const s = getComputedStyle(i);
              const b = i.getBoundingClientRect();
              return s.clipPath.startsWith('path(') && s.backgroundColor === s.color && b.width === 18 && b.height === 18;
            }),
            link: [cell(2).querySelector('a')!.getAttribute('href')!.replace(/^.*\/users\//, ''), cell(2).textContent, cell(2).querySelector('a')!.title],
            email: [cell(3).textContent, (cell(3) as HTMLElement).title],
            start: time ? new Date(time.getAttribute('datetime')!).getTime() : cell(4).textContent,
            auth: [cell(6).className.includes('auth-ok'), cell(6).querySelector('.icon')!.getAttribute('class'), cell(7).className.includes('auth-ok'), cell(7).title !== ''],
            nextGen: cell(8).textContent,
          });
        }
        return out;
      }, n);
    const expected = (users: Full[]) =>
      users.map((u) => ({
        box: [`Select ${u.salesUserName}`, false],
        status: u.lastSyncStatus.toLowerCase(),
        icon: `icon icon-${STATUS_ICON[u.lastSyncStatus] ?? 'alert'}`,
        drawn: true,
        link: [String(u.id), u.salesUserName, u.salesUserName],
        email: [u.microsoftEmail, u.microsoftEmail],
        start: u.lastSyncStart ? new Date(u.lastSyncStart).getTime() : 'Never',
        auth: [u.salesAuthorized, `icon icon-${u.salesAuthorized ? 'check' : 'cross'}`, u.microsoftAuthorized, !u.microsoftAuthorized],
        nextGen: u.usingNextGen ? 'Yes' : 'No',
      }));
    await page.goto('/');
    await settled(page);
    const search = page.getByRole('searchbox', { name: 'Search users by name or email' });
    for (const term of ['ki', 'ma', 'lee16', 'an']) {
      await search.fill(term);
      const api = await apiGet<{ items: Full[]; totalResults: number }>(
        request,
        `/users?totalResults=true&search=${term}&orderBy=lastSyncStart:desc&limit=8`,
      );
      await expect(total(page)).toHaveText(`${formatCount(api.totalResults)} users match`);
      expect(api.totalResults).toBeGreaterThan(0);
      await settled(page);
      const n = api.items.length;
      await expect.poll(() => painted(n)).toEqual(expected(api.items));
      // Rows past the new total are gone.
      expect(await grid(page).locator(`[role=row][aria-rowindex="${n + 2}"]`).count()).toBe(api.totalResults > n ? 1 : 0);
    }
  });

  test('a search that matches no one hides the rows; backspacing shows them again, refilled in the same elements', async ({ page, request }) => {
    await page.goto('/?search=ki');
    await settled(page);
    const search = page.getByRole('searchbox', { name: 'Search users by name or email' });
    const shown = () =>
      grid(page).evaluate((g) =>
        [...g.querySelectorAll('.grid-body .grid-row')].filter((r) => r.getBoundingClientRect().height > 0).length,
      );
    // Mark the row elements on screen.
    const before = await grid(page).evaluate((g) => {
      const rows = [...g.querySelectorAll('.grid-body [role=row]')];
      rows.forEach((r) => ((r as HTMLElement).dataset.mark = 'before'));
      return rows.length;
    });
    expect(before).toBeGreaterThan(10);
    await search.press('End');
    await search.pressSequentially('qqq');
    await expect(page.getByText('No users match.')).toBeVisible();
    await expect(total(page)).toHaveText('0 users match');
    // Not drawn, and no rows for assistive technology.
    await expect(grid(page).locator('.grid-body [role=row]')).toHaveCount(0);
    expect(await shown()).toBe(0);
    for (let i = 0; i < 3; i++) await search.press('Backspace');
    const api = await apiUsers(request, 'search=ki&orderBy=lastSyncStart:desc&limit=8');
    await expect(total(page)).toHaveText(matching(api.totalResults));
    await settled(page);
    for (let i = 0; i < api.items.length; i++) {
      await expect(row(page, i).locator('.user a')).toHaveText(api.items[i].salesUserName);
    }
    // The same elements, none built again, and as many drawn as before.
    const rows = await grid(page).evaluate((g) =>
      [...g.querySelectorAll('.grid-body [role=row]')].map((r) => (r as HTMLElement).dataset.mark ?? 'new'),
    );
    expect(rows.length).toBe(before);
    expect(rows.every((m) => m === 'before')).toBe(true);
    expect(await shown()).toBe(before);
    await expect(search).toBeFocused();
  });

  test('the rows of the previous search stay dimmed and cannot be clicked until the new ones arrive', async ({ page, api }) => {
    await page.goto('/?search=ki');
    await settled(page);
    // Every call for a while (a second page of the first view may still
    // be on its way and take the first).
    await api.fault('/users', 'hang', { hangMs: 2000, count: 4 });
    // Another search, not a longer one: none of the rows on screen is known
    // to be among its users.
    await page.getByRole('searchbox', { name: 'Search users by name or email' }).fill('ma');
    await expect(grid(page)).toHaveAttribute('aria-busy', 'true');
    const body = grid(page).locator('.grid-body');
    await expect.poll(() => body.evaluate((b) => getComputedStyle(b).opacity)).toBe('0.5');
    // A click on a stale row's link neither opens that user nor selects it.
    await row(page, 0).locator('.user a').click({ force: true });
    await box(page, 1).click({ force: true });
    await page.waitForTimeout(200);
    await expect(page).toHaveURL(/\/\?search=ma/);
    expect(await checked(page, 1)).toBe(false);
    // Then the new rows, clickable again.
    await expect(grid(page)).not.toHaveAttribute('aria-busy', 'true', { timeout: 10000 });
    expect(await body.evaluate((b) => getComputedStyle(b).opacity)).toBe('1');
    await box(page, 1).click();
    expect(await checked(page, 1)).toBe(true);
  });

  test('a longer search shows at once the rows on screen it finds, not dimmed, then the rest', async ({ page, api, request }) => {
    await page.goto('/?search=k');
    await settled(page);
    const expected = await apiUsers(request, 'search=ke&orderBy=lastSyncStart:desc&limit=30');
    // The answer waits 3 s: what shows before it was found on screen.
    await api.fault('/users', 'hang', { hangMs: 3000, count: 4 });
    const search = page.getByRole('searchbox', { name: 'Search users by name or email' });
    await search.focus();
    await watchFrames(page);
    await search.press('End');
    await search.press('e');
    const shown = () =>
      grid(page).evaluate((g) => {
        const top = g.querySelector('.grid-head')!.getBoundingClientRect().bottom;
        const bottom = Math.min(g.getBoundingClientRect().bottom, window.innerHeight);
        return [...g.querySelectorAll('.grid-body [role=row]')]
          .filter((r) => r.querySelector('.user a'))
          .filter((r) => {
            const b = r.getBoundingClientRect();
            return b.bottom > top + 1 && b.top < bottom - 1;
          })
          .map((r) => [r.querySelector('.user a')!.textContent!, r.querySelector('.email')?.textContent ?? '']);
      });
    // Within a second, well before the answer: only users whose name or
    // email holds "ke", the first ones of the new view in its order.
    await expect
      .poll(async () => {
        const rows = await shown();
        return rows.length > 0 && rows.every(([n, e]) => `${n} ${e}`.toLowerCase().includes('ke'));
      }, { timeout: 1000 })
      .toBe(true);
    const early = await shown();
    expect(early.map(([n]) => n)).toEqual(expected.items.slice(0, early.length).map((u) => u.salesUserName));
    // Not dimmed, but still busy: the total is not known yet, nor said.
    await expect(grid(page)).toHaveAttribute('aria-busy', 'true');
    expect(await grid(page).locator('.grid-body').evaluate((b) => getComputedStyle(b).opacity)).toBe('1');
    await expect(total(page)).toHaveText('Searching users…');
    await expect(search).toBeFocused();
    // They are its rows: a click selects one.
    await box(page, 0).click();
    expect(await checked(page, 0)).toBe(true);
    await expect(grid(page)).toHaveAttribute('aria-busy', 'true');
    // The answer keeps them and brings the rest, and the total.
    await expect(total(page)).toHaveText(`${formatCount(expected.totalResults)} users match`, { timeout: 10000 });
    await settled(page);
    await expect
      .poll(async () => (await shown()).map(([n]) => n))
      .toEqual(expected.items.slice(0, (await shown()).length).map((u) => u.salesUserName));
    const frames = await stopWatching(page);
    expect(frames).toMatchObject({ noGrid: 0, noRows: 0, bodyFocus: 0 });
    expect(await checked(page, 0)).toBe(true);
    await expect(page.locator('#selected-count')).toHaveText('1 selected');
    await expect(search).toHaveValue('ke');
  });

  test('a search changed again before the narrowed rows are counted never shows another view\'s total', async ({ page, api, request }) => {
    await page.goto('/?search=k');
    await settled(page);
    const all = await apiUsers(request, 'limit=1');
    await api.fault('/users', 'hang', { hangMs: 2500, count: 6 });
    const search = page.getByRole('searchbox', { name: 'Search users by name or email' });
    await search.focus();
    await search.press('End');
    await search.press('e');
    await expect(total(page)).toHaveText('Searching users…', { timeout: 1000 });
    // Back to no search at all, before any answer: the total shown so far
    // was the "k" view's; it must not come back as this view's.
    await search.press('Backspace');
    await search.press('Backspace');
    await expect(search).toHaveValue('');
    for (let i = 0; i < 4; i++) {
      await expect(total(page)).toHaveText('Searching users…');
      await page.waitForTimeout(100);
    }
    await expect(total(page)).toHaveText(matching(all.totalResults), { timeout: 10000 });
    await settled(page);
  });

  test('a longer search of a view loaded whole shows its rows and total at once', async ({ page, api, request }) => {
    // A view of one page (a card and a search), and a longer search that
    // finds a part of it.
    let card = '';
    let wide = '';
    let view: UserPage = { items: [], totalResults: 0 };
    for (const [c, q] of [['failed', 'kim'], ['failed', 'lee'], ['failed', 'ng'], ['never-synced', 'kim'], ['failed', 'an']]) {
      const status = c === 'failed' ? 'FAILED' : 'NEVER_SYNCED';
      view = await apiUsers(request, `lastSync=${status}&search=${q}&orderBy=lastSyncStart:desc&limit=100`);
      [card, wide] = [c, q];
      if (view.totalResults >= 4 && view.totalResults <= 100) break;
    }
    expect(view.totalResults).toBeGreaterThanOrEqual(4);
    expect(view.totalResults).toBeLessThanOrEqual(100);
    const status = card === 'failed' ? 'FAILED' : 'NEVER_SYNCED';
    const name = view.items[3].salesUserName.toLowerCase();
    const at = name.indexOf(wide);
    const term = at >= 0 && at + wide.length + 2 <= name.length ? name.slice(at, at + wide.length + 2) : name;
    const narrower = await apiUsers(
      request,
      `lastSync=${status}&search=${encodeURIComponent(term)}&orderBy=lastSyncStart:desc&limit=100`,
    );
    expect(narrower.totalResults).toBeLessThan(view.totalResults);
    await page.goto(`/?card=${card}&search=${wide}`);
    await settled(page);
    await expect(total(page)).toHaveText(matching(view.totalResults));
    await api.fault('/users', 'hang', { hangMs: 3000, count: 4 });
    const search = page.getByRole('searchbox', { name: 'Search users by name or email' });
    await search.fill(term);
    // Before the answer: the exact total and its rows, none past them.
    await expect(total(page)).toHaveText(matching(narrower.totalResults), { timeout: 1000 });
    await expect(grid(page)).toHaveAttribute('aria-busy', 'true');
    const n = narrower.totalResults;
    await expect(grid(page).locator('.grid-body [role=row]')).toHaveCount(n);
    for (let i = 0; i < Math.min(n, 8); i++) {
      await expect(row(page, i).locator('.user a')).toHaveText(narrower.items[i].salesUserName);
    }
    await expect(search).toBeFocused();
    await settled(page);
    await expect(total(page)).toHaveText(matching(n));
    // One user: said in the singular.
    await search.fill(narrower.items[0].microsoftEmail);
    await expect(total(page)).toHaveText('1 user matches');
    await settled(page);
    await expect(grid(page).locator('.grid-body [role=row]')).toHaveCount(1);
  });

  test('scrolling reuses the row elements, shows the right users in every frame, and restores reading order', async ({ page, request }) => {
    await page.goto('/');
    await settled(page);
    await grid(page).evaluate((g) => (g.scrollTop = 2000));
    await expect.poll(async () => (await paintedRows(page)).loaded).toBeGreaterThan(10);
    await page.waitForTimeout(400);
    // 30 frames of 120 px: each frame, the rows in the visible area are the
    // ones its scroll position shows, placed where they belong.
    const frames = await grid(page).evaluate(
      (g) =>
        new Promise<{ built: number; wrong: string[]; tops: number[] }>((done) => {
          let built = 0;
          const wrong: string[] = [];
          const tops: number[] = [];
          const body = g.querySelector('.grid-body')!;
          // Row elements added: new ones, or moved in the document.
          const seen = new MutationObserver((list) => {
            for (const m of list) for (const n of m.addedNodes) if ((n as Element).getAttribute?.('role') === 'row') built++;
          });
          seen.observe(body, { childList: true });
          let n = 0;
          const tick = () => {
            const head = g.querySelector('.grid-head')!.getBoundingClientRect().bottom;
            const bottom = g.getBoundingClientRect().bottom;
            const first = Math.floor(g.scrollTop / 40);
            for (const r of body.querySelectorAll('[role=row]')) {
              const b = r.getBoundingClientRect();
              const i = Number(r.getAttribute('aria-rowindex')) - 2;
              if (r.id !== `row-${i}` || (r as HTMLElement).style.top !== `${i * 40}px`) wrong.push(`row ${i}: ${r.id} ${(r as HTMLElement).style.top}`);
              if (b.bottom > head + 1 && b.top < bottom - 1 && (i < first - 1 || i > first + 40)) wrong.push(`row ${i} in view at ${g.scrollTop}`);
              const cell = r.querySelector('[role=gridcell]');
              if (cell && !cell.id.startsWith(`cell-${i}-`)) wrong.push(`cell ${cell.id} in row ${i}`);
            }
            tops.push(g.scrollTop);
            if (++n > 30) {
              seen.disconnect();
              done({ built, wrong, tops });
              return;
            }
            g.scrollTop += 120;
            requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        }),
    );
    expect(frames.wrong).toEqual([]);
    expect(frames.tops[frames.tops.length - 1]).toBeGreaterThan(4000);
    expect(frames.built, 'row elements built or moved while scrolling').toBe(0);
    // The users shown are the API's at that offset, in every cell.
    await expect.poll(async () => (await paintedRows(page)).loaded >= (await paintedRows(page)).fit).toBe(true);
    const first = await grid(page).evaluate((g) => Math.floor(g.scrollTop / 40));
    const expected = await apiUsers(request, `orderBy=lastSyncStart:desc&limit=5&offset=${first}`);
    for (const [k, u] of expected.items.entries()) {
      await expect(row(page, first + k).locator('.user a')).toHaveText(u.salesUserName);
      await expect(row(page, first + k).locator('.email')).toHaveText(u.microsoftEmail);
      await expect(row(page, first + k).getByRole('checkbox')).toHaveAccessibleName(`Select ${u.salesUserName}`);
    }
    // Settled: the rows are in the document in their order (reading order).
    const inOrder = () =>
      grid(page).evaluate((g) => {
        const order = [...g.querySelectorAll('.grid-body [role=row]')].map((r) => Number(r.getAttribute('aria-rowindex')));
        return order.every((v, i) => i === 0 || v === order[i - 1] + 1);
      });
    await expect.poll(inOrder).toBe(true);
    // A focused element of a row keeps the focus through a scroll; the
    // order comes back once the focus leaves the rows.
    const focusedBox = row(page, first + 2).getByRole('checkbox');
    await focusedBox.focus();
    await grid(page).evaluate((g) => (g.scrollTop += 200));
    await page.waitForTimeout(500);
    await expect(focusedBox).toBeFocused();
    expect(await inOrder()).toBe(false);
    await grid(page).focus();
    await expect.poll(inOrder).toBe(true);
    await expect(grid(page)).toBeFocused();
  });

  test('sorting keeps the scroll position and paints the rows there', async ({ page, request }) => {
    await page.goto('/?card=succeeded');
    await settled(page);
    await grid(page).evaluate((g) => (g.scrollTop = 2000));
    await expect.poll(async () => (await paintedRows(page)).loaded).toBeGreaterThan(10);
    await grid(page).getByRole('columnheader', { name: 'User', exact: true }).getByRole('button').click();
    await expect(page).toHaveURL(/orderBy=salesUserName/);
    await expect(grid(page)).not.toHaveAttribute('aria-busy', 'true');
    expect(await grid(page).evaluate((g) => g.scrollTop)).toBe(2000);
    const expected = await apiUsers(request, 'lastSync=SUCCEEDED&orderBy=salesUserName:asc&limit=1&offset=50');
    await expect(row(page, 50).locator('.user a')).toHaveText(expected.items[0].salesUserName);
    await expect.poll(async () => {
      const p = await paintedRows(page);
      return p.loaded >= p.fit;
    }).toBe(true);
  });

  test('Refresh updates cards and rows in place: scroll and focus stay', async ({ page }) => {
    await page.goto('/?card=failed');
    await settled(page);
    await grid(page).evaluate((g) => (g.scrollTop = 400));
    const refresh = page.getByRole('button', { name: 'Refresh' });
    await refresh.focus();
    await watchFrames(page);
    const summary = page.waitForResponse((r) => r.url().includes('/summary'));
    await refresh.press('Enter');
    await summary;
    await expect(grid(page)).not.toHaveAttribute('aria-busy', 'true');
    await page.waitForTimeout(100);
    const frames = await stopWatching(page);
    expect(frames).toMatchObject({ noGrid: 0, noRows: 0, noCards: 0, bodyFocus: 0 });
    await expect(refresh).toBeFocused();
    expect(await grid(page).evaluate((g) => g.scrollTop)).toBe(400);
    await expect(page.getByText('Loading…')).toHaveCount(0);
  });

  test('the end of a bulk action updates in place and announces the result', async ({ page }) => {
    await page.goto('/?card=sync-disabled');
    await settled(page);
    await box(page, 0).click();
    await box(page, 1).click();
    await page.getByRole('button', { name: 'Actions' }).click();
    await watchFrames(page);
    // The status line is in the document before the result arrives, so it is announced.
    await page.getByRole('menuitem', { name: /^Enable Sync/ }).click();
    const status = page.locator('#bulk-progress');
    await expect(status).toHaveText('Done: 2 succeeded, 0 failed.');
    await expect(grid(page)).not.toHaveAttribute('aria-busy', 'true');
    const frames = await stopWatching(page);
    expect(frames).toMatchObject({ noGrid: 0, noRows: 0, noCards: 0, bodyFocus: 0 });
    expect(await focused(page)).toBe('actions');
    expect(await status.getAttribute('role')).toBe('status');
  });

  test('keyboard: arrows reach the header, Enter sorts, the header checkbox selects all matching', async ({ page, request }) => {
    await page.goto('/?card=failed');
    await settled(page);
    const api = await apiUsers(request, 'lastSync=FAILED&limit=1');
    // What is drawn: the one cell with the focus outline is the active one.
    const outlined = () => page.evaluate(() => [...document.querySelectorAll('[role=grid] [role=gridcell], [role=grid] [role=columnheader]')]
      .filter((c) => { const s = getComputedStyle(c); return s.outlineStyle === 'solid' && s.outlineWidth === '2px' && s.outlineColor !== 'rgba(0, 0, 0, 0)'; })
      .map((c) => c.id));
    expect(await outlined()).toEqual([]);
    await grid(page).focus();
    await expect(grid(page)).toHaveAttribute('aria-activedescendant', 'cell-0-1');
    await expect.poll(outlined).toEqual(['cell-0-1']);
    // The active row's frame runs across the sticky cells too (they cover
    // the row's own): each draws its top and bottom line.
    const frame = await page.evaluate(() => [...document.querySelectorAll('[role=grid] [role=row][aria-rowindex="2"] > .check-cell, [role=grid] [role=row][aria-rowindex="2"] > .cell.user')]
      .map((c) => { const s = getComputedStyle(c).boxShadow; return s.includes('0px 1px 0px 0px inset') && s.includes('0px -1px 0px 0px inset'); }));
    expect(frame).toEqual([true, true]);
    await page.keyboard.press('ArrowRight');
    await expect(grid(page)).toHaveAttribute('aria-activedescendant', 'cell-0-2');
    await expect.poll(outlined).toEqual(['cell-0-2']);
    // Without the focus, no outline.
    await page.locator('#user-search').focus();
    await expect.poll(outlined).toEqual([]);
    await grid(page).focus();
    await expect.poll(outlined).toEqual(['cell-0-2']);
    await page.keyboard.press('ArrowUp');
    await expect(grid(page)).toHaveAttribute('aria-activedescendant', 'head-2');
    await expect(page.locator('#head-2')).toHaveClass(/active-cell/);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/orderBy=salesUserName(:|%3A)asc/);
    await page.keyboard.press('Space');
    await expect(page).toHaveURL(/orderBy=salesUserName(:|%3A)desc/);
    await expect(grid(page)).toBeFocused();
    await page.keyboard.press('Home');
    await expect(grid(page)).toHaveAttribute('aria-activedescendant', 'head-0');
    await page.keyboard.press('Space');
    await expect(page.getByText(`${formatCount(api.totalResults)} selected`)).toBeVisible();
    const all = page.getByRole('checkbox', { name: 'Select all matching users' });
    await expect.poll(() => all.evaluate((b) => (b as HTMLInputElement).checked)).toBe(true);
    await page.keyboard.press('Space');
    await expect(page.getByText('0 selected', { exact: true })).toBeVisible();
    await expect.poll(() => all.evaluate((b) => (b as HTMLInputElement).checked)).toBe(false);
    // Down from the header to the rows; End / Ctrl+End.
    await page.keyboard.press('ArrowDown');
    await expect(grid(page)).toHaveAttribute('aria-activedescendant', 'cell-0-0');
    await page.keyboard.press('End');
    await expect(grid(page)).toHaveAttribute('aria-activedescendant', 'cell-0-8');
    await expect.poll(outlined).toEqual(['cell-0-8']);
    await page.keyboard.press('Control+End');
    await expect(grid(page)).toHaveAttribute('aria-activedescendant', `cell-${api.totalResults - 1}-8`);
    // APG: Ctrl+Home is the first cell of the first row, the header row.
    await page.keyboard.press('Control+Home');
    await expect(grid(page)).toHaveAttribute('aria-activedescendant', 'head-0');
    // ... and the top of the list is on screen again: Down goes to its
    // first row, not to the first row of where Ctrl+End had scrolled.
    await expect.poll(() => grid(page).evaluate((g) => g.scrollTop)).toBe(0);
    await expect.poll(() => paintedRowIndexes(page)).toContain(0);
    // Up on the header row has nowhere to go: the list does not scroll.
    await grid(page).evaluate((g) => (g.scrollTop = 400));
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('PageUp');
    await page.waitForTimeout(100);
    expect(await grid(page).evaluate((g) => g.scrollTop)).toBe(400);
    await expect(grid(page)).toHaveAttribute('aria-activedescendant', 'head-0');
    await grid(page).evaluate((g) => (g.scrollTop = 0));
    await page.keyboard.press('ArrowDown');
    await expect(grid(page)).toHaveAttribute('aria-activedescendant', 'cell-0-0');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('grid');
  });

  test('the header checkbox: all matching, some (indeterminate), none', async ({ page, request }) => {
    await page.goto('/?card=never-synced');
    await settled(page);
    const api = await apiUsers(request, 'lastSync=NEVER_SYNCED&limit=1');
    const all = page.getByRole('checkbox', { name: 'Select all matching users' });
    const state = () => all.evaluate((b) => [(b as HTMLInputElement).checked, (b as HTMLInputElement).indeterminate]);
    await all.click();
    await expect(page.getByText(`${formatCount(api.totalResults)} selected`)).toBeVisible();
    await expect.poll(state).toEqual([true, false]);
    await box(page, 0).click();
    await expect(page.getByText(`${formatCount(api.totalResults - 1)} selected`)).toBeVisible();
    await expect.poll(state).toEqual([false, true]);
    await all.click();
    await expect(page.getByText(`${formatCount(api.totalResults)} selected`)).toBeVisible();
    await all.click();
    await expect(page.getByText('0 selected', { exact: true })).toBeVisible();
    await expect.poll(state).toEqual([false, false]);
    expect(await checked(page, 0)).toBe(false);
  });

  test('focus never drops to the page: filters, selection, dismiss, details and back', async ({ page }) => {
    await page.goto('/?card=failed');
    await settled(page);
    await expect(page).toHaveTitle('Sync statuses · Microsoft 365 Monitor');
    await page.getByRole('checkbox', { name: 'Using Next Gen' }).check();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => focused(page)).toBe('users-total');
    await page.getByRole('button', { name: /^Select all .* matching$/ }).click();
    await expect.poll(() => focused(page)).toBe('selected-count');
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await expect.poll(() => focused(page)).toBe('selected-count');
    await page.goto('/?card=sync-disabled');
    await settled(page);
    await box(page, 0).click();
    await page.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: /^Enable Sync/ }).click();
    await expect(page.locator('#bulk-progress')).toHaveText('Done: 1 succeeded, 0 failed.');
    expect(await focused(page)).toBe('actions');
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => focused(page)).toBe('users-title');
    // Into a user's details with the keyboard, and back (once the rows
    // show the state after the action).
    await expect(grid(page)).toHaveAttribute('aria-busy', 'false');
    const name = (await row(page, 2).locator('.user a').textContent()) ?? '';
    await grid(page).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const left = await grid(page).getAttribute('aria-activedescendant');
    expect(left).toMatch(/^cell-2-\d$/);
    await page.keyboard.press('Enter');
    await expect(page.locator('#details-title')).toHaveText(name);
    await expect.poll(() => focused(page)).toBe('details-title');
    await expect(page).toHaveTitle(`${name} · Microsoft 365 Monitor`);
    await page.getByRole('link', { name: /Back to users/ }).first().click();
    // Back in the grid, on the cell it left (the focus went to the Users
    // heading and the keyboard started over from the top; 2026-12-06).
    await expect.poll(() => focused(page)).toBe('users-grid');
    await expect(grid(page)).toHaveAttribute('aria-activedescendant', left!);
    const cell = await page.locator(`#${left}`).boundingBox();
    const box_ = await grid(page).boundingBox();
    expect(cell!.y).toBeGreaterThanOrEqual(box_!.y);
    expect(cell!.y + cell!.height).toBeLessThanOrEqual(Math.min(box_!.y + box_!.height, page.viewportSize()!.height));
    await page.keyboard.press('ArrowDown');
    const next = left!.replace('cell-2-', 'cell-3-');
    await expect(grid(page)).toHaveAttribute('aria-activedescendant', next);
    await expect(page).toHaveTitle('Sync statuses · Microsoft 365 Monitor');
    // With the browser's Back too.
    await page.keyboard.press('Enter');
    await expect(page.locator('#details-title')).toBeVisible();
    await page.goBack();
    await expect.poll(() => focused(page)).toBe('users-grid');
    await expect(grid(page)).toHaveAttribute('aria-activedescendant', next);
  });

  test('the error state says the users could not be loaded, never "Loading"', async ({ page, api }) => {
    await api.fault('/users', 'fail', { status: 503, count: 3 });
    await page.goto('/');
    await expect(page.getByRole('alert').filter({ hasText: 'Users could not be loaded' })).toBeVisible();
    await expect(total(page)).toHaveText('Users could not be loaded.');
    await expect(page.getByText('Loading users…')).toHaveCount(0);
    await api.clearFaults();
    await page.getByRole('alert').getByRole('button', { name: 'Retry' }).click();
    await expect(total(page)).toContainText('users match');
  });
});
