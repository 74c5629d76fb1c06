import { test, expect, formatCount, axeViolations, apiGet, grid, Page } from './fixtures';
import type { APIRequestContext } from '@playwright/test';

type User = {
  id: number;
  salesUserName: string;
  microsoftEmail: string;
  lastSyncStatus: string;
};
type UserPage = { items: User[]; totalResults: number };

const apiUsers = (request: APIRequestContext, query: string) =>
  apiGet<UserPage>(request, `/users?totalResults=true&${query}`);

const total = (page: Page) => page.locator('.selection-bar .total');
/** The sales user names of the first `n` rendered rows, in row order. */
async function firstNames(page: Page, n: number): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    const row = grid(page).locator(`[role=row][aria-rowindex="${i + 2}"] .user a`);
    await expect(row).toBeVisible();
    names.push((await row.textContent()) ?? '');
  }
  return names;
}

test.describe('user table', () => {
  test('shows the columns and the total the API reports', async ({ page, request }) => {
    const api = await apiUsers(request, 'limit=1');
    await page.goto('/');
    await expect(total(page)).toHaveText(`${formatCount(api.totalResults)} users match`);
    for (const name of [
      'Last Sync', 'User', 'Microsoft 365 User', 'Last Sync Start', 'Duration',
      'Oracle Sales Authorized', 'Microsoft Authorized', 'Using Next Gen',
    ]) {
      await expect(grid(page).getByRole('columnheader', { name, exact: true })).toHaveCount(1);
    }
    await expect(grid(page)).toHaveAttribute('aria-rowcount', String(api.totalResults + 1));
    // Default order: newest sync first, as the API gives it.
    const expected = await apiUsers(request, 'orderBy=lastSyncStart:desc&limit=5');
    expect(await firstNames(page, 5)).toEqual(expected.items.map((u) => u.salesUserName));
  });

  test('every column sorts both ways, as the API does', async ({ page, request }) => {
    await page.goto('/?card=failed');
    const columns: [string, string][] = [
      ['Last Sync', 'lastSyncStatus'],
      ['User', 'salesUserName'],
      ['Microsoft 365 User', 'microsoftEmail'],
      ['Last Sync Start', 'lastSyncStart'],
      ['Duration', 'lastSyncDurationMs'],
      ['Oracle Sales Authorized', 'salesAuthorized'],
      ['Microsoft Authorized', 'microsoftAuthorized'],
      ['Using Next Gen', 'usingNextGen'],
    ];
    for (const [label, field] of columns) {
      const header = grid(page).getByRole('columnheader', { name: label, exact: true });
      for (const dir of ['asc', 'desc']) {
        // Last Sync Start is the default (desc) sort: its first click flips it to asc.
        await header.getByRole('button').click();
        const sorted = new URL(page.url()).searchParams.get('orderBy') ?? 'lastSyncStart:desc';
        const [f, d] = sorted.split(':');
        expect(f).toBe(field);
        await expect(header).toHaveAttribute('aria-sort', d === 'asc' ? 'ascending' : 'descending');
        const expected = await apiUsers(request, `lastSync=FAILED&orderBy=${sorted}&limit=6`);
        await expect.poll(() => firstNames(page, 6)).toEqual(expected.items.map((u) => u.salesUserName));
      }
    }
  });

  test('search answers as you type and the last keystroke wins', async ({ page, request }) => {
    await page.goto('/');
    const box = page.getByRole('searchbox', { name: 'Search users by name or email' });
    await box.pressSequentially('kim', { delay: 15 });
    const expected = await apiUsers(request, 'search=kim&orderBy=lastSyncStart:desc&limit=5');
    expect(expected.totalResults).toBeGreaterThan(0);
    await expect(total(page)).toHaveText(`${formatCount(expected.totalResults)} users match`);
    expect(await firstNames(page, Math.min(5, expected.items.length))).toEqual(
      expected.items.map((u) => u.salesUserName),
    );
    await expect(page).toHaveURL(/search=kim/);
    // Typing on, then back: what is typed stays, the table follows.
    await box.press('End');
    await box.pressSequentially('.', { delay: 5 });
    await box.press('Backspace');
    await expect(box).toHaveValue('kim');
    await expect(total(page)).toHaveText(`${formatCount(expected.totalResults)} users match`);
  });

  test('each card and filter narrows the table to the API total', async ({ page, request }) => {
    await page.goto('/');
    const cards: [string, string][] = [
      ['Last Sync Failed', 'lastSync=FAILED'],
      ['Never Synced', 'lastSync=NEVER_SYNCED'],
      ['Last Sync Succeeded', 'lastSync=SUCCEEDED'],
      ['In Progress', 'lastSync=IN_PROGRESS'],
      ['Sync Disabled', 'syncEnabled=false'],
    ];
    for (const [label, query] of cards) {
      await page.getByRole('button', { name: new RegExp(`^${label}`) }).click();
      const api = await apiUsers(request, `${query}&limit=1`);
      await expect(total(page)).toHaveText(`${formatCount(api.totalResults)} users match`);
      await page.getByRole('button', { name: new RegExp(`^${label}`) }).click();
    }
    const filters: [string, string][] = [
      ['Oracle Sales authorization failed', 'salesAuthorized=false'],
      ['Microsoft authorization failed', 'microsoftAuthorized=false'],
      ['Using Next Gen', 'usingNextGen=true'],
      ['Sync disabled', 'syncEnabled=false'],
    ];
    for (const [label, query] of filters) {
      await page.getByRole('checkbox', { name: label }).check();
      const api = await apiUsers(request, `${query}&limit=1`);
      await expect(total(page)).toHaveText(`${formatCount(api.totalResults)} users match`);
      await expect(page).toHaveURL(new RegExp(query));
      await page.getByRole('checkbox', { name: label }).uncheck();
    }
    // Combined, then Clear filters.
    await page.getByRole('button', { name: /^Last Sync Failed/ }).click();
    await page.getByRole('checkbox', { name: 'Microsoft authorization failed' }).check();
    const both = await apiUsers(request, 'lastSync=FAILED&microsoftAuthorized=false&limit=1');
    await expect(total(page)).toHaveText(`${formatCount(both.totalResults)} users match`);
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    const all = await apiUsers(request, 'limit=1');
    await expect(total(page)).toHaveText(`${formatCount(all.totalResults)} users match`);
    await expect(page).toHaveURL(/\/$/);
  });

  test('the view lives in the URL: reload, Back and a shared link restore it', async ({ page, request, context }) => {
    await page.goto('/');
    await page.getByRole('button', { name: /^Never Synced/ }).click();
    await page.getByRole('checkbox', { name: 'Using Next Gen' }).check();
    await grid(page).getByRole('columnheader', { name: 'User', exact: true }).getByRole('button').click();
    await expect(page).toHaveURL(/card=never-synced/);
    const url = page.url();
    const api = await apiUsers(request, 'lastSync=NEVER_SYNCED&usingNextGen=true&orderBy=salesUserName:asc&limit=3');
    const check = async (p: Page) => {
      await expect(p.getByRole('button', { name: /^Never Synced/ })).toHaveAttribute('aria-pressed', 'true');
      await expect(p.getByRole('checkbox', { name: 'Using Next Gen' })).toBeChecked();
      await expect(total(p)).toHaveText(`${formatCount(api.totalResults)} users match`);
      expect(await firstNames(p, 3)).toEqual(api.items.map((u) => u.salesUserName));
    };
    await check(page);
    await page.reload();
    await check(page);
    const other = await context.newPage();
    await other.goto(url);
    await check(other);
    await other.close();
    // Back: the sort goes, then the filter.
    await page.goBack();
    await expect(page).not.toHaveURL(/orderBy/);
    await page.goBack();
    await expect(page.getByRole('checkbox', { name: 'Using Next Gen' })).not.toBeChecked();
    await page.goForward();
    await expect(page.getByRole('checkbox', { name: 'Using Next Gen' })).toBeChecked();
  });

  test('Shift-click selects a range; a filter change clears the selection with a notice', async ({ page }) => {
    await page.goto('/');
    const row = (i: number) => grid(page).locator(`[role=row][aria-rowindex="${i + 2}"]`);
    await row(1).getByRole('checkbox').click();
    await row(5).getByRole('checkbox').click({ modifiers: ['Shift'] });
    for (let i = 1; i <= 5; i++) await expect(row(i)).toHaveAttribute('aria-selected', 'true');
    await expect(row(0)).toHaveAttribute('aria-selected', 'false');
    await expect(row(6)).toHaveAttribute('aria-selected', 'false');
    await expect(page.getByText('5 selected')).toBeVisible();
    // Selection survives scrolling away and back.
    await grid(page).evaluate((g) => (g.scrollTop = 4000));
    await grid(page).evaluate((g) => (g.scrollTop = 0));
    await expect(row(3)).toHaveAttribute('aria-selected', 'true');
    await page.getByRole('checkbox', { name: 'Using Next Gen' }).check();
    await expect(page.getByText('0 selected')).toBeVisible();
    await expect(page.getByText('Selection cleared because the filter changed.')).toBeVisible();
  });

  test('select all matching selects exactly the API total', async ({ page, request }) => {
    await page.goto('/?card=failed');
    const api = await apiUsers(request, 'lastSync=FAILED&limit=1');
    await page.getByRole('button', { name: `Select all ${formatCount(api.totalResults)} matching` }).click();
    await expect(page.getByText(`${formatCount(api.totalResults)} selected`)).toBeVisible();
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await expect(page.getByText('0 selected')).toBeVisible();
  });

  test('keyboard only: / to search, one tab stop grid, arrows, Space, Enter', async ({ page, request }) => {
    await page.goto('/');
    await expect(total(page)).toContainText('users match');
    await page.keyboard.press('/');
    await expect(page.getByRole('searchbox')).toBeFocused();
    // Tab from the search box through the toolbar reaches the grid once.
    let guard = 0;
    while (!(await grid(page).evaluate((g) => g === document.activeElement)) && guard++ < 20) {
      await page.keyboard.press('Tab');
    }
    await expect(grid(page)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const active = await grid(page).getAttribute('aria-activedescendant');
    expect(active).toBe('cell-2-1');
    await page.keyboard.press('Space');
    await expect(grid(page).locator('#row-2')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Shift+Space');
    await expect(grid(page).locator('#row-1')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Tab');
    await expect(grid(page)).not.toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(grid(page)).toBeFocused();
    const expected = await apiUsers(request, 'orderBy=lastSyncStart:desc&limit=2&offset=1');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/users/${expected.items[0].id}$`));
  });

  test('scrolls to the end of a large set with a bounded DOM', async ({ page, request }) => {
    await page.goto('/?orderBy=id:asc');
    const api = await apiUsers(request, 'orderBy=id:asc&limit=1&offset=0');
    // 20,000 seeded; other tests may have deleted a few.
    expect(api.totalResults).toBeGreaterThan(19_900);
    const last = await apiUsers(request, `orderBy=id:asc&limit=1&offset=${api.totalResults - 1}`);
    await expect(total(page)).toHaveText(`${formatCount(api.totalResults)} users match`);
    for (const fraction of [0.25, 0.5, 0.75, 1]) {
      await grid(page).evaluate((g, f) => (g.scrollTop = g.scrollHeight * f), fraction);
      await page.waitForTimeout(50);
      const rendered = await grid(page).locator('[role=row]').count();
      expect(rendered).toBeLessThan(100);
    }
    const lastRow = grid(page).locator(`[role=row][aria-rowindex="${api.totalResults + 1}"]`);
    await expect(lastRow.locator('.user a')).toHaveText(last.items[0].salesUserName);
    // Keyboard Ctrl+End goes there too.
    await grid(page).evaluate((g) => (g.scrollTop = 0));
    await grid(page).focus();
    await page.keyboard.press('Control+End');
    await expect(grid(page)).toHaveAttribute('aria-activedescendant', `cell-${api.totalResults - 1}-8`);
  });

  test('empty result, and an API failure with Retry', async ({ page, api }) => {
    await page.goto('/?search=zzzz-nobody-qqq');
    await expect(page.getByText('No users match.')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('.empty').getByRole('button', { name: 'Clear filters' }).click();
    // "0 users match" stays until the cleared view's rows arrive; then the
    // rows around the view load: let them land before the next /users call
    // is armed to fail.
    await expect(grid(page)).not.toHaveAttribute('aria-busy', 'true');
    await expect(grid(page).locator('.user a').first()).toBeVisible();
    await page.waitForLoadState('networkidle');

    await api.fault('/users', 'fail', { status: 503 });
    await page.getByRole('checkbox', { name: 'Using Next Gen' }).check();
    const alert = page.getByRole('alert').filter({ hasText: 'Users could not be loaded' });
    await expect(alert).toContainText('HTTP 503');
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(total(page)).toContainText('users match');
  });

  test('the cards and the table agree after a refresh', async ({ page, request }) => {
    await page.goto('/?card=failed');
    await page.getByRole('button', { name: 'Refresh' }).click();
    const card = page.getByRole('button', { name: /^Last Sync Failed/ }).locator('.card-count');
    const api = await apiUsers(request, 'lastSync=FAILED&limit=1');
    await expect(card).toHaveText(formatCount(api.totalResults));
    await expect(total(page)).toHaveText(`${formatCount(api.totalResults)} users match`);
  });

  test('axe-core: loaded and filtered dashboard', async ({ page }) => {
    await page.goto('/');
    await expect(grid(page).locator('.user a').first()).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.goto('/?card=failed&microsoftAuthorized=false');
    await expect(grid(page).locator('.user a').first()).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
});
