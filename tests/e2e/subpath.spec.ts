import { test, expect } from './fixtures';

// The console built with `--public-url /monitor/` and served, with the API,
// under /monitor/ (cargo xtask test starts that second server).
const sub = process.env.SUBPATH_URL;
if (!sub) throw new Error('SUBPATH_URL is not set: run the browser tests with `cargo xtask test`.');

test('the console works under a sub-path: list, details, reload, back', async ({ page }) => {
  await page.goto(sub);
  const failed = page.getByRole('button', { name: /^Last Sync Failed/ });
  await expect(failed.locator('.card-count')).not.toHaveText('—');
  await failed.click();
  await expect(page).toHaveURL(/\/monitor\/\?card=failed$/);
  // The rows of the new view (the old ones stay, dimmed, until then).
  await expect(page.getByRole('grid', { name: 'Users' })).not.toHaveAttribute('aria-busy', 'true');
  const link = page.getByRole('grid', { name: 'Users' }).locator('.user a').first();
  const name = await link.textContent();
  await link.click();
  await expect(page).toHaveURL(/\/monitor\/users\/\d+$/);
  await expect(page.getByRole('heading', { name: name! })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('region', { name: 'User Sync Summary' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to users' }).first().click();
  await expect(page).toHaveURL(/\/monitor\/\?card=failed$/);
  await expect(page.getByRole('button', { name: /^Last Sync Failed/ })).toHaveAttribute('aria-pressed', 'true');
  await page.goto(`${sub}users/99999999`);
  await expect(page.getByRole('heading', { name: 'User not found' })).toBeVisible();
});
