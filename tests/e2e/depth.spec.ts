// The sync engine's depth, as the administrator sees it: the Expired
// Authorizations and Outstanding Sync Errors cards, the notice of
// authorizations about to expire and its filter, and a user's record-level
// Sync Errors (sorted, filtered, per transaction) — each checked against
// the API's own answers.
import { test, expect, axeViolations, apiGet, grid, formatCount, Page } from './fixtures';
import type { APIRequestContext } from '@playwright/test';
import { readFileSync } from 'node:fs';

type Page_<T> = { items: T[]; totalResults?: number; count: number };
type RecordError = {
  id: number;
  transactionNumber: number;
  objectType: string;
  direction: string;
  operation: string;
  recordName: string;
  salesRecordNumber: string | null;
  message: string;
  resolvedAt: string | null;
};
type User = { id: number; outstandingSyncErrors: number; microsoftTokenExpiresAt: string | null };

const total = async (request: APIRequestContext, query: string) =>
  (await apiGet<Page_<User>>(request, `/users?${query}&limit=1&totalResults=true`)).totalResults;

/** The painted total above the table ("1,234 users match"). */
async function expectTotal(page: Page, n: number | undefined) {
  await expect(page.locator('#users-total')).toHaveText(`${formatCount(n ?? -1)} ${n === 1 ? 'user' : 'users'} match`);
}

test.describe('the sync engine\'s depth', () => {
  test('the new cards count what the API counts and filter the table to exactly those users', async ({ page, request, api }) => {
    const summary = await api.summary();
    await page.goto('/');
    for (const [label, slug, query, count] of [
      ['Expired Authorizations', 'expired-authorizations', 'authorizationExpired=true', summary.expiredAuthorizations],
      ['Outstanding Sync Errors', 'sync-errors', 'hasSyncErrors=true', summary.outstandingSyncErrors],
    ] as const) {
      expect(count).toBeGreaterThan(0);
      const card = page.getByRole('button', { name: new RegExp(`^${label}`) });
      await expect(card.locator('.card-count')).toHaveText(formatCount(count));
      await card.click();
      await expect(card).toHaveAttribute('aria-pressed', 'true');
      await expect(page).toHaveURL(new RegExp(`\\?card=${slug}$`));
      await expectTotal(page, await total(request, query));
      // The rows painted are the API's first rows for that filter.
      const first = await apiGet<Page_<{ microsoftEmail: string }>>(
        request,
        `/users?${query}&orderBy=lastSyncStart:desc&limit=3`,
      );
      for (const [i, u] of first.items.entries()) {
        const row = grid(page).locator(`[role=row][aria-rowindex="${i + 2}"]`);
        await expect(row).toContainText(u.microsoftEmail.slice(0, 12));
      }
      expect(await axeViolations(page)).toEqual([]);
    }
    // The first cards are still the seed's, in the seed's order.
    const labels = await page.locator('.status-card .card-label').allTextContents();
    expect(labels.slice(0, 3)).toEqual(['Last Sync Failed', 'Never Synced', 'Last Sync Succeeded']);
  });

  test('the notice counts authorizations about to expire and shows exactly those users; the filter offers other windows', async ({ page, request, api }) => {
    const summary = await api.summary();
    expect(summary.expiringWithinDays).toBe(7);
    expect(summary.expiringAuthorizations).toBeGreaterThan(0);
    await page.goto('/');
    const notice = page.locator('#expiry-notice');
    await expect(notice).toContainText(
      `${formatCount(summary.expiringAuthorizations)} users' authorization expires within 7 days`,
    );
    await notice.getByRole('button', { name: 'Show these users' }).click();
    await expect(page).toHaveURL(/authorizationExpiresWithinDays=7/);
    await expect(page.locator('#users-total')).toBeFocused();
    await expectTotal(page, summary.expiringAuthorizations);
    const select = page.getByLabel('Authorization expires');
    await expect(select).toHaveValue('7');
    await select.selectOption('30');
    await expect(page).toHaveURL(/authorizationExpiresWithinDays=30/);
    await expectTotal(page, await total(request, 'authorizationExpiresWithinDays=30'));
    expect(await axeViolations(page)).toEqual([]);
    // A window only a link carries is offered too, and survives a reload.
    await page.goto('/?authorizationExpiresWithinDays=10');
    await expect(select).toHaveValue('10');
    await expectTotal(page, await total(request, 'authorizationExpiresWithinDays=10'));
    await select.selectOption('');
    await expect(page).not.toHaveURL(/authorizationExpires/);
  });

  test('a user without outstanding errors: the sentence, and nothing to filter, sort or export', async ({ page, request }) => {
    const clean = (await apiGet<Page_<User>>(request, '/users?hasSyncErrors=false&lastSync=SUCCEEDED&limit=1')).items[0];
    expect(clean.outstandingSyncErrors).toBe(0);
    await page.goto(`/users/${clean.id}`);
    const region = page.getByRole('region', { name: 'Sync Errors' });
    // Said once the answer is in; the controls depend on the same answer.
    await expect(region.locator('#sync-errors-status')).toHaveText('No outstanding sync errors: every record synced.');
    await expect(region.getByLabel('Object')).toHaveCount(0);
    await expect(region.getByRole('button', { name: 'Export CSV' })).toHaveCount(0);
    await expect(region.locator('table')).toHaveCount(0);
  });

  test('one outstanding sync error is said in the singular', async ({ page, request }) => {
    const users = await apiGet<Page_<User>>(request, '/users?hasSyncErrors=true&limit=200');
    const user = users.items.find((u) => u.outstandingSyncErrors === 1)!;
    expect(user, 'a user with one outstanding error').toBeTruthy();
    await page.goto(`/users/${user.id}`);
    await expect(page.getByRole('region', { name: 'Sync Errors' }).locator('#sync-errors-status')).toHaveText(
      "1 record failed to sync and hasn't synced since.",
    );
  });

  test('a user\'s Sync Errors are the API\'s, sort and filter like it; a transaction expands to its records', async ({ page, request }) => {
    // A user with several outstanding errors.
    const users = await apiGet<Page_<User>>(request, '/users?hasSyncErrors=true&limit=200');
    const user = users.items.reduce((a, b) => (b.outstandingSyncErrors > a.outstandingSyncErrors ? b : a));
    expect(user.outstandingSyncErrors).toBeGreaterThan(1);
    const errors = (q = '') =>
      apiGet<Page_<RecordError>>(request, `/users/${user.id}/syncErrors?limit=500${q}`);
    const names = (p: Page_<RecordError>) => p.items.map((e) => e.recordName);

    await page.goto(`/users/${user.id}`);
    const region = page.getByRole('region', { name: 'Sync Errors' });
    const rows = region.locator('tbody tr');
    const all = await errors();
    await expect(region.locator('#sync-errors-status')).toHaveText(
      `${user.outstandingSyncErrors} records failed to sync and haven't synced since.`,
    );
    await expect(rows.locator('.record-name')).toHaveText(names(all));
    const first = all.items[0];
    await expect(rows.first()).toContainText(first.message.slice(0, 40));
    await expect(rows.first()).toContainText(first.salesRecordNumber ?? 'not in the sales application');

    await region.getByRole('button', { name: 'Record' }).click();
    await expect(region.getByRole('columnheader', { name: 'Record' })).toHaveAttribute('aria-sort', 'ascending');
    await expect(rows.locator('.record-name')).toHaveText(names(await errors('&orderBy=recordName:asc')));

    const object = first.objectType;
    await region.getByLabel('Object').selectOption(object);
    const ofType = await errors(`&orderBy=recordName:asc&objectType=${object}`);
    await expect(rows.locator('.record-name')).toHaveText(names(ofType));
    await region.getByLabel('Direction').selectOption(first.direction);
    const narrowed = await errors(`&orderBy=recordName:asc&objectType=${object}&direction=${first.direction}`);
    await expect(rows.locator('.record-name')).toHaveText(names(narrowed));
    // The export writes what the filter shows, in its order.
    // By keyboard: the focus stays on the button (it was disabled while
    // exporting and the focus fell to the page; 2026-12-06).
    const download = page.waitForEvent('download');
    await region.getByRole('button', { name: 'Export CSV' }).focus();
    await page.keyboard.press('Enter');
    const file = await download;
    await expect(region.getByRole('button', { name: 'Export CSV' })).toBeFocused();
    expect(file.suggestedFilename()).toMatch(/^sync-errors-[\w.-]+-\d{8}-\d{4}\.csv$/);
    const text = readFileSync(await file.path(), 'utf8');
    expect(text.startsWith('\uFEFFObject,Direction,Operation,Record,Sales Record Number,')).toBe(true);
    const n = narrowed.items.length;
    for (const e of narrowed.items) expect(text).toContain(e.recordName);
    await expect(region.locator('.export-note')).toHaveText(
      `${n} ${n === 1 ? 'record error' : 'record errors'} written to ${file.suggestedFilename()}.`,
    );
    expect(await axeViolations(page)).toEqual([]);

    // The transaction the newest error failed in: expand it in the history.
    const ofTx = await apiGet<Page_<RecordError>>(
      request,
      `/users/${user.id}/transactions/${first.transactionNumber}/syncErrors?orderBy=occurredAt:asc&limit=100`,
    );
    const history = page.getByRole('region', { name: 'Transaction History' });
    await history.getByRole('button', { name: 'Transaction Number' }).click();
    await history.getByRole('button', { name: 'Transaction Number' }).click();
    const row = history.locator('tbody tr', { has: page.locator('td.num', { hasText: new RegExp(`^${first.transactionNumber}$`) }) }).first();
    const failedCount = ofTx.items.filter((e) => e.direction === 'UP_SYNC').length;
    if (failedCount > 0) await expect(row).toContainText(`${failedCount} failed`);
    const expand = row.getByRole('button', { name: /show the details/ });
    await expect(expand).toHaveAttribute('aria-expanded', 'false');
    await expand.click();
    await expect(expand).toHaveAttribute('aria-expanded', 'true');
    await expect(expand).toBeFocused();
    const list = history.getByRole('list', { name: `Records that failed in transaction ${first.transactionNumber}` });
    await expect(list.locator('.record-name')).toHaveText(ofTx.items.map((e) => e.recordName));
    await expect(history.locator(`#tx-error-${first.transactionNumber}`)).toContainText(/Up-sync \(Microsoft 365 to sales\) took/);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('the summary shows when each token expires', async ({ page, request }) => {
    const soon = await apiGet<Page_<User & { salesTokenExpiresAt: string | null }>>(
      request,
      '/users?authorizationExpiresWithinDays=7&limit=1',
    );
    const u = soon.items[0];
    await page.goto(`/users/${u.id}`);
    const summary = page.getByRole('region', { name: 'User Sync Summary' });
    const items = summary.locator('.token-expiry li');
    await expect(items).toHaveCount(2);
    const soonest = [u.microsoftTokenExpiresAt, u.salesTokenExpiresAt]
      .map((t) => (t ? Date.parse(t) : Infinity))
      .reduce((a, b) => Math.min(a, b));
    const days = (soonest - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(0);
    expect(days).toBeLessThanOrEqual(7);
    // The token that expires within the week is flagged with what to do.
    await expect(summary.locator('.token-expiry li.bad')).toContainText(/expires in .*Ask the user to sign in to the add-in again/);
  });

  test('Included in Latest Sync: a column shown from Columns, kept in the URL, sortable, reached by the keyboard', async ({ page, request }) => {
    await page.goto('/');
    await expect(grid(page)).toHaveAttribute('aria-colcount', '9');
    await page.locator('.column-chooser > summary').click();
    const box = page.getByLabel('Included in Latest Sync');
    await box.check();
    await expect(box).toBeChecked();
    await expect(page).toHaveURL(/columns=includedInLatestSync/);
    // Escape closes the list, back on its button; so does a click elsewhere.
    const chooser = page.locator('#column-chooser');
    await page.keyboard.press('Escape');
    await expect(chooser).not.toHaveAttribute('open');
    await expect(chooser.locator('summary')).toBeFocused();
    await chooser.locator('summary').click();
    await expect(chooser).toHaveAttribute('open');
    await page.getByRole('heading', { name: 'Users', exact: true }).click();
    await expect(chooser).not.toHaveAttribute('open');
    // ... and so does Tab out of it (it would cover the grid's header).
    await chooser.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect(chooser).toHaveAttribute('open');
    await chooser.locator('legend').click();
    await expect(chooser).toHaveAttribute('open');
    const boxes = await chooser.locator('input').count();
    for (let i = 0; i < boxes + 1; i++) await page.keyboard.press('Tab');
    await expect(chooser).not.toHaveAttribute('open');
    expect(await chooser.evaluate((d) => d.contains(document.activeElement))).toBe(false);
    await expect(page.locator('body')).not.toBeFocused();
    const header = grid(page).getByRole('columnheader', { name: /^Included in Latest Sync/ });
    await expect(header).toBeVisible();
    await expect(grid(page)).toHaveAttribute('aria-colcount', '10');
    type Flagged = { microsoftEmail: string; includedInLatestSync: boolean };
    const rowAt = (i: number) => grid(page).locator(`[role=row][aria-rowindex="${i + 2}"]`);
    const first = await apiGet<Page_<Flagged>>(request, '/users?orderBy=lastSyncStart:desc&limit=3');
    for (const [i, u] of first.items.entries()) {
      await expect(rowAt(i).locator('.cell.optional')).toHaveText(u.includedInLatestSync ? 'Yes' : 'No');
    }
    // Sorted by it, the users the latest run left out come first.
    await header.getByRole('button').click();
    await expect(page).toHaveURL(/orderBy=includedInLatestSync/);
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    const left = await apiGet<Page_<Flagged>>(request, '/users?orderBy=includedInLatestSync:asc&limit=1');
    await expect(rowAt(0)).toContainText(left.items[0].microsoftEmail.slice(0, 12));
    await expect(rowAt(0).locator('.cell.optional')).toHaveText('No');
    // The keyboard reaches it: End goes to the last column.
    await grid(page).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await expect(grid(page)).toHaveAttribute('aria-activedescendant', /^cell-\d+-9$/);
    expect(await axeViolations(page)).toEqual([]);
    // A reload keeps it; unchecking hides it again.
    await page.reload();
    await expect(header).toBeVisible();
    await page.locator('.column-chooser > summary').click();
    await box.uncheck();
    await expect(header).toHaveCount(0);
    await expect(page).not.toHaveURL(/columns=|orderBy=includedInLatestSync/);
    await expect(grid(page)).toHaveAttribute('aria-colcount', '9');
  });
});
