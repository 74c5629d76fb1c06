import { test, expect, axeViolations, API, auth, apiGet, grid, modalDrawn, Page } from './fixtures';
import type { APIRequestContext } from '@playwright/test';

type User = {
  id: number;
  salesUserName: string;
  microsoftEmail: string;
  lastSyncStatus: string;
  syncEnabled: boolean;
  active: boolean;
  debugLogs: boolean;
  usingNextGen: boolean;
  microsoftAuthorized: boolean;
  salesAuthorized: boolean;
  conflictResolution: string;
  allowUserOverride: boolean;
  lastError: { code: string; message: string } | null;
};
type Tx = {
  transactionNumber: number;
  result: string;
  microsoft365Changes: number;
  salesChanges: number;
  microsoft365Failed: number;
  salesFailed: number;
  conflicts: number;
  usingNextGen: boolean;
  error: { code: string; message: string } | null;
};
const get = apiGet;
const user = (r: APIRequestContext, id: number) => get<User>(r, `/users/${id}`);
const txs = (r: APIRequestContext, id: number, q: string) =>
  get<{ items: Tx[]; totalResults: number }>(r, `/users/${id}/transactions?totalResults=true&${q}`);

/** A user with a long history, a failed last sync and a known error. */
async function failedUserWithHistory(request: APIRequestContext): Promise<User> {
  const page = await get<{ items: User[] }>(request, '/users?lastSync=FAILED&limit=200&orderBy=id:asc');
  let best: [User, number] | null = null;
  for (const u of page.items) {
    const t = await txs(request, u.id, 'limit=1');
    if (!best || t.totalResults > best[1]) best = [u, t.totalResults];
    if (best[1] > 60) break;
  }
  return best![0];
}

const historyRegion = (page: Page) => page.getByRole('region', { name: 'Transaction History' });
const historyRows = (page: Page) => historyRegion(page).locator('table.history tbody tr:not(.error-row)');
const CONFLICT: Record<string, string> = { SERVER_WINS: 'Server Wins', CLIENT_WINS: 'Client Wins', USER_SELECTED: 'User Selected' };

test.describe('user details', () => {
  test('summary and history show the API values', async ({ page, request }) => {
    const u = await failedUserWithHistory(request);
    await page.goto(`/users/${u.id}`); // direct load
    const summary = page.getByRole('region', { name: 'User Sync Summary' });
    await expect(summary.locator('.detail-name')).toHaveText(u.salesUserName);
    await expect(summary.locator('.detail-email')).toHaveText(u.microsoftEmail);
    await expect(summary.locator('.sync-enabled')).toHaveText(u.syncEnabled ? 'Sync Enabled' : 'Sync Disabled');
    await expect(summary.locator('.active-state')).toHaveText(u.active ? 'Active' : 'Inactive');
    await expect(summary.locator('.conflict')).toContainText(CONFLICT[u.conflictResolution]);
    await expect(summary.locator('.conflict')).toContainText(u.allowUserOverride ? 'may override' : 'may not override');
    await expect(summary.locator('.next-gen')).toHaveText(u.usingNextGen ? 'Yes' : 'No');
    await expect(summary.locator('.debug-logs')).toHaveText(u.debugLogs ? 'On' : 'Off');
    await expect(summary.locator('.last-error code')).toHaveText(u.lastError!.code);
    await expect(summary.locator('.last-error')).toContainText('Suggested fix:');
    const status = summary.locator('.status-list:not(.token-expiry)');
    await expect(status).toContainText(u.microsoftAuthorized ? 'Microsoft Authorized: yes' : 'Microsoft Authorized: failed');
    await expect(status).toContainText(u.salesAuthorized ? 'Oracle Sales Authorized: yes' : 'Oracle Sales Authorized: failed');
    if (!u.microsoftAuthorized) await expect(status).toContainText('ask the user to sign in to the add-in again'.replace('ask', 'Ask'));

    const expected = await txs(request, u.id, 'limit=5&orderBy=syncStart:desc');
    const history = page.getByRole('region', { name: 'Transaction History' });
    for (const name of ['Result', 'Transaction Number', 'Sync Start', 'Sync End', 'Microsoft 365 Changes',
      'Microsoft 365 Duration', 'CX Sales 365 Changes', 'CX Sales 365 Duration', 'Conflicts', 'Using Next Gen']) {
      await expect(history.getByRole('columnheader', { name, exact: true })).toHaveCount(1);
    }
    await expect(history.getByRole('status')).toHaveText(`${expected.totalResults.toLocaleString('en-US')} transactions in the last 30 days`);
    for (let i = 0; i < expected.items.length; i++) {
      const t = expected.items[i];
      const cells = historyRows(page).nth(i).locator('td');
      await expect(cells.nth(0)).toContainText({ SUCCEEDED: 'Succeeded', FAILED: 'Failed', SUCCEEDED_WITH_CONFLICTS: 'Succeeded with Conflicts' }[t.result]!);
      await expect(cells.nth(1)).toHaveText(String(t.transactionNumber));
      // Changes per side, with the records that failed there.
      const changes = (n: number, failed: number) => (failed > 0 ? `${n} · ${failed} failed` : String(n));
      await expect(cells.nth(4)).toHaveText(changes(t.microsoft365Changes, t.microsoft365Failed));
      await expect(cells.nth(6)).toHaveText(changes(t.salesChanges, t.salesFailed));
      await expect(cells.nth(8)).toHaveText(String(t.conflicts));
      await expect(cells.nth(9)).toHaveText(t.usingNextGen ? 'Yes' : 'No');
    }
    await expect(page.locator('.sync-chart svg g.slot')).toHaveCount(Math.min(30, expected.totalResults));
    expect(await axeViolations(page)).toEqual([]);
  });


  test('an inactive user reads "Inactive", not "Active" marked as failed', async ({ page, request }) => {
    const list = await apiGet<{ items: User[] }>(request, '/users?limit=500&orderBy=id:asc');
    const u = list.items.find((x) => !x.active)!;
    expect(u, 'the seed has inactive users').toBeTruthy();
    await page.goto(`/users/${u.id}`);
    const status = page.getByRole('region', { name: 'User Sync Summary' }).locator('.status-list:not(.token-expiry)');
    const item = status.locator('li', { has: page.locator('.active-state') });
    await expect(item).toHaveText('Inactive');
    await expect(status).not.toContainText('Active: failed');
    await expect(item.locator('.icon')).toHaveAttribute('class', /minus/);
  });
  test('the sync chart: a duration scale, dates, a legend in words, and each bar read aloud from the keyboard', async ({ page, request }) => {
    const u = await failedUserWithHistory(request);
    type Timed = Tx & { syncStart: string; syncEnd: string };
    const recent = (await get<{ items: Timed[] }>(request, `/users/${u.id}/transactions?limit=30&orderBy=syncStart:desc`)).items.reverse();
    const n = recent.length;
    const ms = (t: Timed) => Date.parse(t.syncEnd) - Date.parse(t.syncStart);
    const duration = (m: number) => {
      const s = Math.floor(m / 1000);
      if (s === 0) return '< 1s';
      if (s < 60) return `${s}s`;
      if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
      return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
    };
    const label: Record<string, string> = { SUCCEEDED: 'Succeeded', FAILED: 'Failed', SUCCEEDED_WITH_CONFLICTS: 'Succeeded with Conflicts' };
    await page.goto(`/users/${u.id}`);
    const figure = page.locator('.sync-chart');
    await expect(figure.locator('g.slot')).toHaveCount(n);
    // The scale: round ticks from 0 up to at least the longest sync.
    const ticks = await figure.locator('svg > text.tick').allTextContents();
    expect(ticks[0]).toBe('0');
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    const longest = Math.max(...recent.map(ms));
    const seconds = (label: string) => {
      const hm = /^(\d+)h (\d+)m$/.exec(label), ms2 = /^(\d+)m (\d+)s$/.exec(label), s = /^(\d+)s$/.exec(label);
      if (hm) return Number(hm[1]) * 3600 + Number(hm[2]) * 60;
      if (ms2) return Number(ms2[1]) * 60 + Number(ms2[2]);
      return s ? Number(s[1]) : 0;
    };
    expect(seconds(ticks[ticks.length - 1]) * 1000).toBeGreaterThanOrEqual(longest - 999);
    // Dates under the first and last bars.
    await expect(figure.locator('g.slot text.tick')).toHaveCount(n >= 3 ? 3 : n);
    await expect(figure.locator('.legend')).toContainText('Bar height: how long the sync took.');
    await expect(figure.locator('.legend')).toContainText('Failed (hatched)');
    await expect(figure.locator('.legend')).toContainText('With conflicts (dotted)');

    const chart = page.getByRole('group', { name: /Left and right arrows read each sync\.$/ });
    const readout = page.locator('#sync-readout');
    await chart.focus();
    await page.keyboard.press('End');
    await expect(readout).toContainText(`Sync ${n} of ${n}, `);
    await expect(readout).toContainText(`: ${label[recent[n - 1].result]}, took ${duration(ms(recent[n - 1]))}`);
    await page.keyboard.press('Home');
    await expect(readout).toContainText(`Sync 1 of ${n}, `);
    await expect(readout).toContainText(`: ${label[recent[0].result]}, took ${duration(ms(recent[0]))}`);
    await page.keyboard.press('ArrowRight');
    await expect(readout).toContainText(`Sync 2 of ${n}, `);
    await expect(chart).toBeFocused();
    expect(await axeViolations(page)).toEqual([]);
  });

  test('Load more by keyboard keeps the focus: on the button while it loads, on the table when it is done', async ({ page, request }) => {
    // The button was disabled while loading and went with the last page:
    // the focus fell to the page both times (2026-12-06).
    const u = await failedUserWithHistory(request);
    const all = await txs(request, u.id, 'limit=1');
    expect(all.totalResults).toBeGreaterThan(50);
    await page.goto(`/users/${u.id}`);
    await expect(historyRows(page)).toHaveCount(50);
    const more = historyRegion(page).getByRole('button', { name: 'Load more' });
    await more.focus();
    let shown = 50;
    while (shown < all.totalResults) {
      await page.keyboard.press('Enter');
      shown = Math.min(shown + 50, all.totalResults);
      await expect(historyRows(page)).toHaveCount(shown);
      if (shown < all.totalResults) await expect(more).toBeFocused();
    }
    await expect(more).toHaveCount(0);
    await expect(historyRegion(page).locator('.history-scroll')).toBeFocused();
  });

  test('history sorts, loads more and expands a failed transaction', async ({ page, request }) => {
    const u = await failedUserWithHistory(request);
    const all = await txs(request, u.id, 'limit=500&orderBy=transactionNumber:asc');
    expect(all.totalResults).toBeGreaterThan(50);
    await page.goto(`/users/${u.id}`);
    await expect(historyRows(page)).toHaveCount(50);
    await historyRegion(page).getByRole('button', { name: 'Load more' }).click();
    await expect(historyRows(page)).toHaveCount(Math.min(100, all.totalResults));
    // The page ends where its content ends: the hidden text of the failed
    // rows scrolled out of the history's box must not stretch it (it gave
    // the host's frame a second scrollbar and the page blank space).
    const pastTheEnd = await page.evaluate(
      () => document.documentElement.scrollHeight - Math.max(innerHeight, Math.ceil(document.body.getBoundingClientRect().bottom + scrollY)),
    );
    expect(pastTheEnd).toBeLessThanOrEqual(1);
    const header = historyRegion(page).getByRole('columnheader', { name: 'Transaction Number' });
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await expect(historyRows(page).first().locator('td').nth(1)).toHaveText(String(all.items[0].transactionNumber));
    // The newest (failed) transaction, expanded.
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    await page.getByRole('columnheader', { name: 'Sync Start' }).getByRole('button').click();
    await page.getByRole('columnheader', { name: 'Sync Start' }).getByRole('button').click();
    const expand = historyRows(page).first().getByRole('button', { name: /Failed/ });
    await expect(expand).toHaveAttribute('aria-expanded', 'false');
    await expand.click();
    await expect(expand).toHaveAttribute('aria-expanded', 'true');
    await expect(page.locator('.error-row').first()).toBeVisible();
    await expect(page.locator('.error-row').first()).toContainText(u.lastError!.code);
  });

  test('actions change the server and the page; Run Full Sync shows the new transaction', async ({ page, request }) => {
    const target = (await get<{ items: User[] }>(request, '/users?lastSync=SUCCEEDED&syncEnabled=true&limit=1&offset=300&orderBy=id:asc')).items[0];
    await page.goto(`/users/${target.id}`);
    const actions = page.getByRole('button', { name: 'Actions' });
    const choose = async (item: string) => {
      await actions.click();
      await page.getByRole('menuitem', { name: new RegExp(`^${item}`) }).click();
    };
    // Disable Sync asks first, as it does on the list (one policy, in core).
    await choose('Disable Sync');
    const confirm = page.getByRole('dialog', { name: 'Disable sync' });
    await expect(confirm).toContainText(`Disable sync for ${target.salesUserName}? Their data stops syncing until you choose Enable Sync.`);
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(confirm).toBeHidden();
    await expect(actions).toBeFocused();
    expect((await user(request, target.id)).syncEnabled).toBe(true);
    await expect(page.locator('.sync-enabled')).toHaveText('Sync Enabled');
    await choose('Disable Sync');
    await confirm.getByRole('button', { name: 'Disable Sync' }).click();
    await expect(page.locator('.sync-enabled')).toHaveText('Sync Disabled');
    await expect(page.locator('.action-message')).toHaveText('Sync disabled.');
    expect((await user(request, target.id)).syncEnabled).toBe(false);
    await actions.click();
    await expect(page.getByRole('menuitem', { name: /^Run Full Sync/ })).toHaveAttribute('aria-disabled', 'true');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toBeHidden();
    await choose('Enable Sync');
    await expect(page.locator('.sync-enabled')).toHaveText('Sync Enabled');
    await expect(page.locator('.action-message')).toHaveText('Sync enabled.');
    await expect(actions).toBeFocused();
    // Times name their zone and say how long ago.
    await expect(page.locator('.summary-list time').first()).toHaveText(/(UTC|GMT).* \((just now|.* ago)\)$/);

    const debug = (await user(request, target.id)).debugLogs;
    await choose(debug ? 'Disable Debug Logs' : 'Enable Debug Logs');
    await expect(page.locator('.debug-logs')).toHaveText(debug ? 'Off' : 'On');
    expect((await user(request, target.id)).debugLogs).toBe(!debug);
    await actions.click();
    await expect(page.getByRole('menuitem', { name: debug ? /^Enable Debug Logs/ : /^Disable Debug Logs/ })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toBeHidden();

    const before = await txs(request, target.id, 'limit=1');
    await choose('Run Full Sync');
    await expect(page.locator('.summary-list .status')).toContainText('In Progress');
    // Requested, not done: the sync runs later.
    await expect(page.locator('.action-message')).toHaveText(/^Full sync requested/);
    expect((await user(request, target.id)).lastSyncStatus).toBe('IN_PROGRESS');
    // The sync engine finishes it: the page follows without a reload.
    const done = await request.post('/api/_control/finish-sync', { headers: auth, data: { userId: target.id } });
    expect(done.status()).toBe(204);
    await expect(page.getByRole('region', { name: 'Transaction History' }).getByRole('status'))
      .toHaveText(`${(before.totalResults + 1).toLocaleString('en-US')} transactions in the last 30 days`, { timeout: 10_000 });
    await expect(page.locator('.summary-list .status')).toContainText('Succeeded');
  });

  test('delete returns to the list with a notice; the back link restores the list', async ({ page, request }) => {
    await page.goto('/?card=succeeded&orderBy=salesUserName:asc');
    const grid = page.getByRole('grid', { name: 'Users' });
    await expect(grid.locator('.user a').first()).toBeVisible();
    await grid.evaluate((g) => (g.scrollTop = 2000));
    await page.waitForTimeout(200);
    const link = grid.locator('[role=row][aria-rowindex="60"] .user a');
    const name = await link.textContent();
    await link.click();
    await expect(page).toHaveURL(/\/users\/\d+$/);
    const id = Number(page.url().split('/').pop());
    await expect(page.getByRole('heading', { name: name! })).toBeVisible();
    await page.getByRole('link', { name: 'Back to users' }).first().click();
    await expect(page).toHaveURL(/\?card=succeeded&orderBy=salesUserName(:|%3A)asc$/);
    await expect.poll(() => grid.evaluate((g) => g.scrollTop)).toBeGreaterThan(1900);

    const victim = (await grid.locator('[role=row][aria-rowindex="60"] .user a').textContent())!;
    await grid.locator('[role=row][aria-rowindex="60"] .user a').click();
    await page.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: /^Delete User/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete user' });
    await expect(dialog).toContainText('not deleted from the sales application');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(page).toHaveURL(/\?card=succeeded/);
    await expect(page.getByText(`${victim} was deleted from this monitor (not from the sales application).`)).toBeVisible();
    // The notice has the focus: it says what happened.
    await expect(page.locator('#selection-notice')).toBeFocused();
    expect((await request.get(`${API}/users/${id}`, { headers: auth })).status()).toBe(404);
  });

  test('the back link goes back in the history: Back then leaves the list, Forward returns to the user', async ({ page }) => {
    // A new entry per click made Back return to the user just left.
    await page.goto('/?card=failed');
    const grid = page.getByRole('grid', { name: 'Users' });
    await grid.locator('.user a').first().click();
    await expect(page).toHaveURL(/\/users\/\d+$/);
    const user = page.url();
    await page.getByRole('link', { name: 'Back to users' }).first().click();
    await expect(page).toHaveURL(/\?card=failed$/);
    await expect(grid.locator('.user a').first()).toBeVisible();
    await page.goForward();
    await expect(page).toHaveURL(user);
    // By the keyboard too.
    await page.getByRole('link', { name: 'Back to users' }).first().focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\?card=failed$/);
    await page.goBack();
    await expect(page).not.toHaveURL(/\/users\//);

    // A user opened by its URL: the list gets an entry of its own, and
    // Back returns to the user.
    await page.goto(user);
    await page.getByRole('link', { name: 'Back to users' }).first().click();
    await expect(grid.locator('.user a').first()).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(user);
    // Come back to by the browser's Back, the user's page was still not
    // opened from the list: the link goes to the list, not out of it.
    await page.getByRole('link', { name: 'Back to users' }).first().click();
    await expect(grid.locator('.user a').first()).toBeVisible();
    await expect(page).toHaveURL(/\/(\?.*)?$/);
  });

  test('the back link survives a reload of the details page opened right after a search', async ({ page }) => {
    await page.goto('/');
    const grid = page.getByRole('grid', { name: 'Users' });
    await expect(grid.locator('.user a').first()).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search users by name or email' }).fill('kim');
    await expect(grid).not.toHaveAttribute('aria-busy', 'true');
    // At once: the list's URL is saved when the list goes (the write that
    // follows typing comes a second later).
    await grid.locator('.user a').first().click();
    await expect(page).toHaveURL(/\/users\/\d+$/);
    expect(await page.evaluate(() => sessionStorage.getItem('sync-monitor.list-url'))).toBe('/?search=kim');
    await page.reload();
    await expect(page.getByRole('region', { name: 'User Sync Summary' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Back to users' }).first()).toHaveAttribute('href', /\?search=kim$/);
    await page.getByRole('link', { name: 'Back to users' }).first().click();
    await expect(page.getByRole('searchbox', { name: 'Search users by name or email' })).toHaveValue('kim');
  });

  test('unknown or malformed ids show a not-found view with a way back', async ({ page }) => {
    for (const path of ['/users/99999999', '/users/abc']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { name: 'User not found' })).toBeVisible();
    }
    await page.getByRole('link', { name: 'Back to users' }).last().click();
    await expect(page.getByRole('grid', { name: 'Users' })).toBeVisible();
  });

  test('keyboard only, and axe with the menu and the credentials dialog open', async ({ page, request }) => {
    const u = (await get<{ items: User[] }>(request, '/users?lastSync=SUCCEEDED&limit=1&offset=500&orderBy=id:asc')).items[0];
    await page.goto(`/users/${u.id}`);
    await expect(page.getByRole('region', { name: 'User Sync Summary' })).toBeVisible();
    let guard = 0;
    const actions = page.getByRole('button', { name: 'Actions' });
    while (!(await actions.evaluate((b) => b === document.activeElement)) && guard++ < 10) {
      await page.keyboard.press('Tab');
    }
    await expect(actions).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menu')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: /^Update User Credentials/ })).toBeFocused();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Update User Credentials' });
    await expect(dialog.getByLabel('Microsoft 365 email')).toHaveValue(u.microsoftEmail);
    expect(await modalDrawn(dialog)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(actions).toBeFocused();
  });

  // The page's code is split off the module a cold load of the dashboard
  // downloads (#13, xtask/src/split.rs).
  const chunk = /\/split_user_details-[0-9a-f]{16}\.wasm$/;

  test("the dashboard's rows are painted before the details page's code is fetched; it is in before a user is opened", async ({ page }) => {
    // At the first frame with rows, has the page's code been asked for?
    await page.addInitScript((source) => {
      const re = new RegExp(source);
      const tick = () => {
        const rows = [...document.querySelectorAll('[role=grid] [role=row]')].filter((r) => r.textContent?.includes('@'));
        if (rows.length > 5) {
          (window as any).__chunkAtRows = performance.getEntriesByType('resource').filter((e) => re.test(e.name)).length;
        } else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }, chunk.source);
    const fetched: string[] = [];
    page.on('request', (r) => { if (chunk.test(r.url())) fetched.push(r.url()); });
    await page.goto('/');
    await expect.poll(() => page.evaluate(() => (window as any).__chunkAtRows)).toBe(0);
    await expect.poll(() => fetched.length).toBe(1);
    await page.waitForFunction((source) => performance.getEntriesByType('resource').some((e) => new RegExp(source).test(e.name) && e.responseEnd > 0), chunk.source);
    const link = grid(page).locator('.user a').first();
    const name = (await link.textContent())!.trim();
    await link.click();
    await expect(page.locator('#details-title')).toHaveText(name);
    expect(fetched).toHaveLength(1);
  });

  test("if the details page's code cannot be fetched, the page says so, and Retry fetches it", async ({ page, request }) => {
    const u = (await get<{ items: User[] }>(request, '/users?limit=1&orderBy=id:asc')).items[0];
    let fail = true;
    await page.route(chunk, (route) => (fail ? route.abort() : route.continue()));
    await page.goto(`/users/${u.id}`);
    const alert = page.getByRole('alert');
    await expect(alert.getByRole('heading', { name: 'This page could not be loaded' })).toBeVisible();
    await expect(alert).toContainText('Part of the console could not be downloaded');
    const retry = alert.getByRole('button', { name: 'Retry' });
    await expect(retry).toBeFocused();
    expect(await axeViolations(page)).toEqual([]);
    fail = false;
    await page.keyboard.press('Enter');
    await expect(page.locator('#details-title')).toHaveText(u.salesUserName);
    await expect(page.getByRole('region', { name: 'User Sync Summary' })).toBeVisible();
  });
});
