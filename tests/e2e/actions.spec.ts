import { test, expect, axeViolations, API, auth, apiGet, grid, modalDrawn, parseCsv, Page } from './fixtures';
import type { APIRequestContext } from '@playwright/test';
import { readFileSync } from 'node:fs';

type User = {
  id: number;
  salesUserName: string;
  microsoftEmail: string;
  lastSyncStatus: string;
  syncEnabled: boolean;
  version: number;
  microsoftTokenExpiresAt: string | null;
  salesTokenExpiresAt: string | null;
  includedInLatestSync: boolean;
  outstandingSyncErrors: number;
};
const users = (request: APIRequestContext, query: string) =>
  apiGet<{ items: User[]; totalResults: number }>(request, `/users?totalResults=true&${query}`);
async function user(request: APIRequestContext, id: number): Promise<User | null> {
  const res = await request.get(`${API}/users/${id}`, { headers: auth });
  return res.status() === 404 ? null : res.json();
}

const row = (page: Page, i: number) => grid(page).locator(`[role=row][aria-rowindex="${i + 2}"]`);
const actions = (page: Page) => page.getByRole('button', { name: 'Actions' });
const menuItem = (page: Page, name: string) => page.getByRole('menuitem', { name: new RegExp(`^${name}`) });

/** Opens the dashboard on a view and selects its first `n` rows. */
async function selectFirst(page: Page, query: string, n: number) {
  await page.goto(`/?${query}`);
  await row(page, 0).getByRole('checkbox').click();
  if (n > 1) await row(page, n - 1).getByRole('checkbox').click({ modifiers: ['Shift'] });
  await expect(page.getByText(`${n} selected`)).toBeVisible();
}

async function choose(page: Page, item: string) {
  await actions(page).click();
  await menuItem(page, item).click();
}

const status = (page: Page) => page.locator('#bulk-progress');

test.describe('actions', () => {
  test('the menu follows the APG menu button pattern', async ({ page }) => {
    await page.goto('/');
    await expect(grid(page)).toBeVisible();
    // Closed, the menu has no items to keep up to date.
    const items = page.locator('#actions-menu [role=menuitem]');
    await expect(items).toHaveCount(0);
    await actions(page).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menu')).toBeVisible();
    await expect(items).toHaveCount(6);
    await expect(actions(page)).toHaveAttribute('aria-expanded', 'true');
    await expect(menuItem(page, 'Suspend Sync')).toBeFocused();
    // Nothing selected: the user actions say why they are off; Export is on.
    await expect(menuItem(page, 'Suspend Sync')).toHaveAttribute('aria-disabled', 'true');
    await expect(menuItem(page, 'Suspend Sync')).toContainText('Select users first.');
    await expect(menuItem(page, 'Export')).not.toHaveAttribute('aria-disabled', 'true');
    await page.keyboard.press('ArrowDown');
    await expect(menuItem(page, 'Disable Sync')).toBeFocused();
    await page.keyboard.press('End');
    await expect(menuItem(page, 'Export')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menuItem(page, 'Suspend Sync')).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(menuItem(page, 'Export')).toBeFocused();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toBeHidden();
    await expect(items).toHaveCount(0);
    await expect(actions(page)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(menuItem(page, 'Export')).toBeFocused();
    // A disabled item does nothing.
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menu')).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('menu')).toBeHidden();
    // `/` takes the focus to the search box: the menu closes with it, and
    // Escape is the search box's again (it stayed open and took Escape;
    // 2026-12-06).
    await actions(page).focus();
    await page.keyboard.press('Enter');
    await expect(menuItem(page, 'Suspend Sync')).toBeFocused();
    await page.keyboard.press('/');
    const search = page.getByRole('searchbox');
    await expect(search).toBeFocused();
    await expect(page.getByRole('menu')).toBeHidden();
    await expect(actions(page)).toHaveAttribute('aria-expanded', 'false');
    await page.keyboard.type('ben');
    await page.keyboard.press('Escape');
    await expect(search).toHaveValue('');
    await expect(search).toBeFocused();
  });

  test('disable and enable sync on one user, with confirmation', async ({ page, request }) => {
    await selectFirst(page, 'card=succeeded&syncEnabled=true&orderBy=id:asc', 1);
    const target = (await users(request, 'lastSync=SUCCEEDED&syncEnabled=true&orderBy=id:asc&limit=1')).items[0];
    await choose(page, 'Disable Sync');
    const dialog = page.getByRole('dialog', { name: 'Disable sync' });
    await expect(dialog).toContainText('Disable sync for 1 user?');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Disable Sync' }).click();
    await expect(status(page)).toHaveText('Done: 1 succeeded, 0 failed.');
    expect((await user(request, target.id))!.syncEnabled).toBe(false);
    await choose(page, 'Enable Sync');
    await expect(status(page)).toHaveText('Done: 1 succeeded, 0 failed.');
    expect((await user(request, target.id))!.syncEnabled).toBe(true);
  });

  test('a dialog is built when it opens and leaves when it closes, each time, and the focus goes back', async ({ page }) => {
    await selectFirst(page, 'card=succeeded&syncEnabled=true&orderBy=id:asc', 1);
    // Six dialogs serve this page (four confirmations, credentials, the
    // permission error); none is built while closed.
    await expect(page.locator('dialog')).toHaveCount(0);
    for (const close of ['Cancel', 'Escape', 'Cancel']) {
      await choose(page, 'Disable Sync');
      const dialog = page.getByRole('dialog', { name: 'Disable sync' });
      await expect(dialog).toContainText('Disable sync for 1 user?');
      await expect(page.locator('dialog')).toHaveCount(1);
      // Modal: the page behind it cannot take the focus.
      expect(await modalDrawn(dialog)).toEqual([]);
      await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
      if (close === 'Escape') await page.keyboard.press('Escape');
      else await dialog.getByRole('button', { name: close }).click();
      await expect(page.locator('dialog')).toHaveCount(0);
      await expect(actions(page)).toBeFocused();
    }
    // Nothing ran.
    await expect(status(page)).toHaveCount(0);
  });

  test('suspend applies to running syncs and says so before running', async ({ page, request }) => {
    const running = (await users(request, 'lastSync=IN_PROGRESS&orderBy=id:asc&limit=2')).items;
    await selectFirst(page, 'card=in-progress&orderBy=id:asc', 2);
    // Two users, both running: it runs at once.
    await choose(page, 'Suspend Sync');
    await expect(status(page)).toHaveText('Done: 2 succeeded, 0 failed.');
    for (const u of running) expect((await user(request, u.id))!.lastSyncStatus).toBe('SUSPENDED');
    // The same user again: nothing is in progress any more, and the console says so first.
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.goto('/?search=' + encodeURIComponent(running[0].microsoftEmail));
    await row(page, 0).getByRole('checkbox').click();
    await choose(page, 'Suspend Sync');
    const dialog = page.getByRole('dialog', { name: 'Suspend sync' });
    await expect(dialog).toContainText(
      'Suspend Sync applies only to users whose sync is in progress; of the 1 user selected, none qualifies, so there is nothing to do.',
    );
    // Nothing to confirm: only a way out.
    await expect(dialog.getByRole('button', { name: 'Suspend Sync' })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(actions(page)).toBeFocused();
    await expect(status(page)).toHaveCount(0);
  });

  test('more than 100 users: confirm with how many it applies to; failures name users off screen', async ({ page, request }) => {
    await page.goto('/?usingNextGen=true&orderBy=id:asc');
    const all = await users(request, 'usingNextGen=true&limit=1');
    const runningIds = (await apiGet<{ ids: number[] }>(request, '/users/ids?usingNextGen=true&lastSync=IN_PROGRESS&orderBy=id:asc')).ids;
    expect(runningIds.length).toBeGreaterThan(1);
    await page.getByRole('button', { name: /^Select all .* matching$/ }).click();
    await expect(page.getByText(`${all.totalResults.toLocaleString('en-US')} selected`)).toBeVisible();
    await choose(page, 'Suspend Sync');
    const dialog = page.getByRole('dialog', { name: 'Suspend sync' });
    const k = runningIds.length;
    const others = all.totalResults - k;
    await expect(dialog).toContainText(
      `Suspend the sync in progress for ${k.toLocaleString('en-US')} of the ${all.totalResults.toLocaleString('en-US')} users selected? ` +
        `Suspend Sync applies only to users whose sync is in progress; the other ${others.toLocaleString('en-US')} are left as they are.`,
    );
    // Meanwhile the last of them stops running (far off screen).
    const lastId = runningIds[runningIds.length - 1];
    const last = (await user(request, lastId))!;
    const res = await request.post(`${API}/users/actions`, {
      headers: { ...auth, 'Idempotency-Key': `test-${Date.now()}` },
      data: { action: 'SUSPEND_SYNC', userIds: [lastId] },
    });
    expect(res.status()).toBe(200);
    await dialog.getByRole('button', { name: 'Suspend Sync' }).click();
    await expect(status(page)).toHaveText(`Done: ${(k - 1).toLocaleString('en-US')} succeeded, 1 failed.`);
    const failed = page.getByRole('list', { name: 'Failed users' });
    await expect(failed).toHaveText(`${last.salesUserName} (id ${lastId}): No sync is in progress for this user.`);
    await expect(grid(page).getByText(last.salesUserName)).toHaveCount(0);
    // The list can be reached and scrolled by keyboard.
    await expect(failed).toHaveAttribute('tabindex', '0');
    expect(await axeViolations(page)).toEqual([]);
    // The notice of "all N matching" is gone with the run.
    await expect(page.getByText(/All .* matching users are selected/)).toHaveCount(0);
  });

  test('delete asks first; cancel changes nothing; confirm removes the mappings', async ({ page, request }) => {
    const victims = (await users(request, 'lastSync=SUSPENDED&orderBy=id:desc&limit=3')).items;
    await page.goto('/?orderBy=id:desc&search=' + encodeURIComponent(victims[0].microsoftEmail));
    await row(page, 0).getByRole('checkbox').click();
    await choose(page, 'Delete User');
    // One user: the title says one, as the question does.
    const dialog = page.getByRole('dialog', { name: 'Delete user', exact: true });
    await expect(dialog).toContainText('Delete 1 user?');
    await expect(dialog).toContainText('not deleted from the sales application');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(actions(page)).toBeFocused();
    await choose(page, 'Delete User');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await user(request, victims[0].id)).not.toBeNull();
    await choose(page, 'Delete User');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(status(page)).toHaveText('Done: 1 succeeded, 0 failed.');
    expect(await user(request, victims[0].id)).toBeNull();
    await expect(page.getByText('No users match.')).toBeVisible();
    await expect(page.getByText('0 selected')).toBeVisible();
  });

  test('a bulk action with injected failures reports them and Retry failed completes it', async ({ page, request, api }) => {
    await page.goto('/?card=never-synced&syncEnabled=true');
    const before = await users(request, 'lastSync=NEVER_SYNCED&syncEnabled=true&limit=1');
    expect(before.totalResults).toBeGreaterThan(500);
    await page.getByRole('button', { name: /^Select all .* matching$/ }).click();
    await expect(page.getByText(`${before.totalResults.toLocaleString('en-US')} selected`)).toBeVisible();
    // The first chunk (500 users) is refused; the rest goes through.
    await api.fault('/users/actions', 'fail', { status: 400 });
    await choose(page, 'Disable Sync');
    await page.getByRole('dialog', { name: 'Disable sync' }).getByRole('button', { name: 'Disable Sync' }).click();
    const ok = before.totalResults - 500;
    await expect(status(page)).toHaveText(`Done: ${ok} succeeded, 500 failed.`);
    await expect(page.getByRole('list', { name: 'Failed users' })).toContainText(/\d+ (more )?users: /);
    const left = await users(request, 'lastSync=NEVER_SYNCED&syncEnabled=true&limit=1');
    expect(left.totalResults).toBe(500);
    await page.getByRole('button', { name: 'Retry failed' }).click();
    await expect(status(page)).toHaveText('Done: 500 succeeded, 0 failed.');
    expect((await users(request, 'lastSync=NEVER_SYNCED&syncEnabled=true&limit=1')).totalResults).toBe(0);
    // Restore for the other tests.
    await page.goto('/?card=never-synced');
    await page.getByRole('button', { name: /^Select all .* matching$/ }).click();
    await expect(page.getByText(/^All .* matching users are selected/)).toBeVisible();
    await choose(page, 'Enable Sync');
    // More than 100 users: confirmed first, with how many it applies to.
    const enable = page.getByRole('dialog', { name: 'Enable sync' });
    await expect(enable.locator('.confirm-message')).toHaveText(/^Enable sync for [\d,]+ (of the [\d,]+ )?users( selected)?\?/);
    await enable.getByRole('button', { name: 'Enable Sync' }).click();
    await expect(status(page)).toHaveText(/^Done: [\d,]+ succeeded, 0 failed\.$/);
    // Counts agree after the run; the "all N matching" notice does not linger.
    await expect(page.getByText(/^All .* matching users are selected/)).toHaveCount(0);
  });

  test('a chunk whose answer is lost is retried with the same key and applied once', async ({ page, request, api }) => {
    const pair = (await users(request, 'lastSync=SUSPENDED&orderBy=id:asc&limit=2')).items;
    await selectFirst(page, 'search=' + encodeURIComponent(pair[0].microsoftEmail), 1);
    // The server applies the delete, then the answer is lost (504); the
    // retry with the same key gets the stored answer, not "not found".
    await api.fault('/users/actions', 'lost');
    await choose(page, 'Delete User');
    await page.getByRole('dialog', { name: 'Delete user', exact: true }).getByRole('button', { name: 'Delete' }).click();
    await expect(status(page)).toHaveText('Done: 1 succeeded, 0 failed.');
    expect(await user(request, pair[0].id)).toBeNull();
    // A transient 503 before applying is retried too.
    await page.goto('/?search=' + encodeURIComponent(pair[1].microsoftEmail));
    await row(page, 0).getByRole('checkbox').click();
    await api.fault('/users/actions', 'fail', { status: 503, count: 2 });
    await choose(page, 'Disable Sync');
    await page.getByRole('dialog', { name: 'Disable sync' }).getByRole('button', { name: 'Disable Sync' }).click();
    await expect(status(page)).toHaveText('Done: 1 succeeded, 0 failed.');
  });

  test('when every answer is lost the outcome is unknown, and Retry asks again with the same key', async ({ page, request, api }) => {
    const target = (await users(request, 'lastSync=SUSPENDED&orderBy=id:asc&limit=1&offset=5')).items[0];
    await selectFirst(page, 'search=' + encodeURIComponent(target.microsoftEmail), 1);
    await api.fault('/users/actions', 'lost', { count: 4 });
    await choose(page, 'Delete User');
    await page.getByRole('dialog', { name: 'Delete user', exact: true }).getByRole('button', { name: 'Delete' }).click();
    await expect(status(page)).toHaveText('Done: 0 succeeded, 0 failed, 1 outcome unknown.', { timeout: 15_000 });
    await expect(page.getByRole('list', { name: 'Failed users' })).toContainText('whether it applied is unknown');
    // The first attempt was applied; the replay of its key says so.
    expect(await user(request, target.id)).toBeNull();
    await page.getByRole('button', { name: 'Retry failed' }).click();
    await expect(status(page)).toHaveText('Done: 1 succeeded, 0 failed.');
  });

  test('credentials: validation, 409 and 412 keep what was typed; save updates', async ({ page, request }) => {
    const [a, b] = (await users(request, 'lastSync=SUCCEEDED&orderBy=id:asc&limit=2&offset=50')).items;
    await page.goto('/?search=' + encodeURIComponent(a.microsoftEmail));
    await row(page, 0).getByRole('checkbox').click();
    await choose(page, 'Update User Credentials');
    const dialog = page.getByRole('dialog', { name: 'Update User Credentials' });
    const email = dialog.getByLabel('Microsoft 365 email');
    const name = dialog.getByLabel('Sales user name');
    await expect(email).toHaveValue(a.microsoftEmail);
    await expect(name).toHaveValue(a.salesUserName);
    await expect(dialog).toContainText('delete the mapping and have the user sign in');
    expect(await axeViolations(page)).toEqual([]);

    await email.fill('not an email');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.locator('#cred-email-error')).toContainText('Enter an email address like');
    await expect(email).toBeFocused();

    await email.fill(b.microsoftEmail.toUpperCase());
    await name.fill('TYPED.NAME');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.locator('#cred-email-error')).toHaveText('This Microsoft account is already mapped to another user.');
    await expect(email).toHaveValue(b.microsoftEmail.toUpperCase());
    await expect(name).toHaveValue('TYPED.NAME');

    // Someone else changes the user meanwhile.
    const current = await request.get(`${API}/users/${a.id}`, { headers: auth });
    const patched = await request.patch(`${API}/users/${a.id}`, {
      headers: { ...auth, 'If-Match': current.headers()['etag'] },
      data: { salesUserName: 'CHANGED.ELSEWHERE' },
    });
    expect(patched.status()).toBe(200);
    await email.fill('fresh.address@contoso.com');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert')).toContainText('changed by someone else');
    await expect(email).toHaveValue('fresh.address@contoso.com');
    await expect(name).toHaveValue('TYPED.NAME');
    await dialog.getByRole('button', { name: 'Load current values' }).click();
    await expect(name).toHaveValue('CHANGED.ELSEWHERE');

    await name.fill('  SAVED.NAME ');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    expect((await user(request, a.id))!.salesUserName).toBe('SAVED.NAME');
    await expect(page.getByText('Credentials of SAVED.NAME updated.')).toBeVisible();
  });

  test('export downloads exactly the filtered set, neutralising formulas', async ({ page, request }) => {
    const view = 'lastSync=FAILED&microsoftAuthorized=false&orderBy=lastSyncStart:desc&limit=500';
    const expected = await users(request, view);
    // The whole view, page by page (it may hold more than one page).
    for (let offset = 500; offset < expected.totalResults; offset += 500) {
      expected.items.push(...(await users(request, `${view}&offset=${offset}`)).items);
    }
    await page.goto('/?card=failed&microsoftAuthorized=false');
    await expect(page.locator('.selection-bar .total')).toContainText('match');
    const download = page.waitForEvent('download');
    await choose(page, 'Export');
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^sync-monitor-users-\d{8}-\d{4}\.csv$/);
    const rows = parseCsv(readFileSync((await file.path())!, 'utf8'), true);
    expect(rows[0]).toEqual([
      'Last Sync', 'User', 'Microsoft 365 User', 'Last Sync Start', 'Duration',
      'Oracle Sales Authorized', 'Microsoft Authorized', 'Using Next Gen', 'User ID', 'Last Error',
      'Microsoft 365 Token Expires', 'Oracle Sales Token Expires', 'Included in Latest Sync', 'Outstanding Sync Errors',
    ]);
    expect(rows.length - 1).toBe(expected.totalResults);
    // The sync engine's fields, as the API has them.
    // (The file keeps whole seconds.)
    const whole = (t: string | null) => (t ? Math.floor(Date.parse(t) / 1000) : null);
    expect(rows.slice(1).map((r) => [whole(r[10] || null), whole(r[11] || null), r[12], Number(r[13])])).toEqual(
      expected.items.map((u) => [
        whole(u.microsoftTokenExpiresAt),
        whole(u.salesTokenExpiresAt),
        u.includedInLatestSync ? 'Yes' : 'No',
        u.outstandingSyncErrors,
      ]),
    );
    expect(rows.slice(1).map((r) => Number(r[8]))).toEqual(expected.items.map((u) => u.id));
    expect(rows.slice(1).map((r) => r[2])).toEqual(expected.items.map((u) => u.microsoftEmail));
    // Only what is known: the file went to the browser; what to do if it did not appear.
    const exported = page.locator('#export-status');
    await expect(exported).toHaveText(/^[\d,]+ users? handed to the browser as sync-monitor-users-\d{8}-\d{4}\.csv\. If no file appeared/);
    await expect(exported).toContainText('allow downloads');

    // A user whose name a spreadsheet would run as a formula.
    const formula = await users(request, 'search=%3DHYPERLINK&limit=5');
    expect(formula.totalResults).toBeGreaterThan(0);
    await page.goto('/?search=%3DHYPERLINK');
    await row(page, 0).getByRole('checkbox').click();
    const second = page.waitForEvent('download');
    await choose(page, 'Export');
    const selected = parseCsv(readFileSync((await (await second).path())!, 'utf8'), true);
    expect(selected.length).toBe(2);
    expect(selected[1][1]).toBe(`'${formula.items.find((u) => String(u.id) === selected[1][8])!.salesUserName}`);
  });

  test("if the export's code cannot be fetched, Export says so, and Export again works", async ({ page }) => {
    // Split off the module a cold load of the dashboard downloads (#13).
    let fail = true;
    await page.route(/\/split_export-[0-9a-f]{16}\.wasm$/, (route) => (fail ? route.abort() : route.continue()));
    await page.goto('/?card=failed');
    await expect(page.locator('.selection-bar .total')).toContainText('match');
    await choose(page, 'Export');
    const exported = page.locator('#export-status');
    await expect(exported).toContainText('Export failed: Part of the console could not be downloaded');
    expect(await axeViolations(page)).toEqual([]);
    fail = false;
    const download = page.waitForEvent('download');
    await choose(page, 'Export');
    expect((await download).suggestedFilename()).toMatch(/^sync-monitor-users-\d{8}-\d{4}\.csv$/);
    await expect(exported).toContainText('handed to the browser');
  });
});
