// PNGs of the main states at 1440 × 900, 1024 × 768 and 800 × 600, and the
// console inside an 800 × 600 host frame, into target/screenshots/ (run by
// `cargo xtask test`, project `screenshots`). Look at them before saying a
// screen is done.
import { test, expect, grid, openHost, Page } from './fixtures';
import { join } from 'node:path';

const dir = process.env.SCREENSHOTS_DIR ?? join(__dirname, '..', '..', 'target', 'screenshots');
const sizes = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
  { width: 800, height: 600 },
];
const shot = (page: Page, name: string, size: { width: number }) =>
  page.screenshot({ path: join(dir, `${name}-${size.width}.png`) });
const settled = async (page: Page) => {
  await expect(grid(page)).not.toHaveAttribute('aria-busy', 'true');
  await expect(grid(page).locator('.user a').first()).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
};

for (const size of sizes) {
  test(`screenshots at ${size.width} × ${size.height}`, async ({ page, request }) => {
    await page.setViewportSize(size);
    await page.goto('/');
    await settled(page);
    await shot(page, 'dashboard', size);

    // The health regions opened: jobs, error groups, the trend chart.
    for (const name of ['Sync Jobs', 'Last Sync Errors', 'Sync Trend']) {
      await page.getByRole('region', { name }).locator('summary').click();
    }
    await expect(page.locator('.trend-chart g.day')).toHaveCount(30);
    await page.locator('.trend-chart .chart-focus').focus();
    await page.screenshot({ path: join(dir, `health-open-${size.width}.png`), fullPage: true });

    // A filtered view with a selection and the keyboard on a header.
    await page.goto('/?card=failed');
    await settled(page);
    const row = (i: number) => grid(page).locator(`[role=row][aria-rowindex="${i + 2}"]`);
    await row(0).getByRole('checkbox').click();
    await row(2).getByRole('checkbox').click({ modifiers: ['Shift'] });
    await grid(page).focus();
    await page.keyboard.press('ArrowUp');
    await grid(page).scrollIntoViewIfNeeded();
    await shot(page, 'failed-selected', size);

    // The table scrolled sideways (sticky checkbox and User columns).
    await grid(page).evaluate((g) => (g.scrollLeft = 500));
    await shot(page, 'failed-scrolled', size);

    // A bulk result with a failure list.
    await page.goto('/?card=sync-disabled');
    await settled(page);
    await row(0).getByRole('checkbox').click();
    await page.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: /^Suspend Sync/ }).click();
    await expect(page.getByRole('dialog', { name: 'Suspend sync' })).toContainText('nothing to do');
    await shot(page, 'suspend-confirm', size);
    await page.keyboard.press('Escape');

    // The empty state.
    await page.goto('/?search=zzzz-nobody');
    await expect(page.getByText('No users match.')).toBeVisible();
    await shot(page, 'empty', size);

    // A user's details with its menu open.
    const failed = (await (await request.get('/api/monitor/v1/users?lastSync=FAILED&limit=1', {
      headers: { Authorization: `Bearer ${process.env.API_TOKEN ?? 'demo-token'}` },
    })).json()).items[0];
    await page.goto(`/users/${failed.id}`);
    await expect(page.locator('#details-title')).toBeVisible();
    await page.locator('.sync-chart .chart-focus').focus();
    await page.keyboard.press('Home');
    await page.locator('.sync-chart').scrollIntoViewIfNeeded();
    await shot(page, 'details-chart', size);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('button', { name: 'Actions' }).click();
    await shot(page, 'details-menu', size);
    await page.keyboard.press('Escape');

    // A user's record-level Sync Errors, and a transaction expanded to its
    // failed records.
    const withErrors = (await (await request.get('/api/monitor/v1/users?hasSyncErrors=true&errorCode=MS_THROTTLED&limit=1', {
      headers: { Authorization: `Bearer ${process.env.API_TOKEN ?? 'demo-token'}` },
    })).json()).items[0];
    await page.goto(`/users/${withErrors.id}`);
    const errorsRegion = page.getByRole('region', { name: 'Sync Errors' });
    await expect(errorsRegion.locator('tbody tr').first()).toBeVisible();
    const history = page.getByRole('region', { name: 'Transaction History' });
    await history.getByRole('button', { name: /show the details/ }).first().click();
    await expect(history.locator('.record-error-list li').first()).toBeVisible();
    await errorsRegion.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(dir, `details-sync-errors-${size.width}.png`), fullPage: true });
  });
}

test('screenshot inside an 800 × 600 host frame', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  await openHost(
    page,
    baseURL!,
    `<!doctype html><title>Host</title><body style="margin:20px;background:#ddd">` +
      `<iframe title="Microsoft 365 Monitor" src="${baseURL}/?card=failed" width="800" height="600" style="border:1px solid #888;background:#fff"></iframe></body>`,
  );
  await expect(page.frameLocator('iframe').getByRole('grid', { name: 'Users' })).toBeVisible();
  await expect(page.frameLocator('iframe').locator('.user a').first()).toBeVisible();
  await page.screenshot({ path: join(dir, 'iframe-800x600.png') });
});
