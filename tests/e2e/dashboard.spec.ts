import { test, expect, formatCount, axeViolations, API, apiGet, auth, modalDrawn, grid } from './fixtures';

const CARDS = [
  { slug: 'failed', label: 'Last Sync Failed', key: 'lastSyncFailed' },
  { slug: 'never-synced', label: 'Never Synced', key: 'neverSynced' },
  { slug: 'succeeded', label: 'Last Sync Succeeded', key: 'lastSyncSucceeded' },
  { slug: 'in-progress', label: 'In Progress', key: 'inProgress' },
  { slug: 'sync-disabled', label: 'Sync Disabled', key: 'syncDisabled' },
  { slug: 'expired-authorizations', label: 'Expired Authorizations', key: 'expiredAuthorizations' },
  { slug: 'sync-errors', label: 'Outstanding Sync Errors', key: 'outstandingSyncErrors' },
] as const;

test.describe('status cards', () => {
  test('show exactly the counts the API returns', async ({ page, api }) => {
    const summary = await api.summary();
    expect(summary.totalUsers).toBeGreaterThan(0);
    await page.goto('/');
    for (const card of CARDS) {
      const button = page.getByRole('button', { name: new RegExp(`^${card.label}`) });
      await expect(button).toBeVisible();
      await expect(button.locator('.card-count')).toHaveText(formatCount(summary[card.key]));
      await expect(button).toHaveAttribute('aria-pressed', 'false');
    }
    await expect(page.getByText(`${formatCount(summary.totalUsers)} users in total`)).toBeVisible();
  });

  test('a card press lives in the URL; again releases it; Back restores it', async ({ page }) => {
    await page.goto('/');
    const failed = page.getByRole('button', { name: /^Last Sync Failed/ });
    await failed.click();
    await expect(failed).toHaveAttribute('aria-pressed', 'true');
    await expect(page).toHaveURL(/\?card=failed$/);

    await page.reload();
    await expect(page.getByRole('button', { name: /^Last Sync Failed/ })).toHaveAttribute('aria-pressed', 'true');

    const never = page.getByRole('button', { name: /^Never Synced/ });
    await never.click();
    await expect(never).toHaveAttribute('aria-pressed', 'true');
    await expect(failed).toHaveAttribute('aria-pressed', 'false');

    await never.click();
    await expect(never).toHaveAttribute('aria-pressed', 'false');
    await expect(page).not.toHaveURL(/card=/);

    await page.goBack();
    await expect(never).toHaveAttribute('aria-pressed', 'true');
  });

  test('cards are reachable and operable with the keyboard', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('.card-count').first()).not.toHaveText('—');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Pause updates' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Refresh' })).toBeFocused();
    // The permission line (total, permission state) reads before the cards.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'View error details' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: /^Last Sync Failed/ })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: /^Never Synced/ })).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.getByRole('button', { name: /^Never Synced/ })).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: /^Never Synced/ })).toHaveAttribute('aria-pressed', 'false');
  });
});

test.describe('application permission', () => {
  test('inactive: the dialog shows the error, closes with Escape and returns focus', async ({ page, api }) => {
    const summary = await api.summary();
    expect(summary.applicationPermission.status).toBe('INACTIVE');
    const error = summary.applicationPermission.error!;
    await page.goto('/');
    const card = page.getByRole('region', { name: 'Application Permission Details' });
    await expect(card.locator('.permission-status')).toHaveText('Inactive');

    const link = card.getByRole('button', { name: 'View error details' });
    await link.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Application permission error' });
    await expect(dialog).toBeVisible();
    await expect(dialog.locator('.error-code')).toHaveText(error.code);
    await expect(dialog.locator('.error-text')).toHaveText(error.message);
    await expect(dialog.locator('.error-detail')).toHaveText(error.detail);
    const shown = await dialog.locator('.error-time time').getAttribute('datetime');
    expect(Date.parse(shown!)).toBe(Date.parse(error.occurredAt));
    await expect(dialog.locator('.error-time time')).toHaveText(/\d/);
    await expect(dialog).toContainText('uses delegated permissions');
    await expect(dialog).toContainText('Microsoft authorized');
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
    // Drawn as a dialog, not at the card's corner.
    expect(await modalDrawn(dialog)).toEqual([]);

    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(link).toBeFocused();

    // The Close button works too.
    await link.click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await expect(link).toBeFocused();
  });

  test('not enabled and active show their labels and no error link', async ({ page, api }) => {
    for (const [status, label] of [
      ['NOT_ENABLED', 'Not Enabled'],
      ['ACTIVE', 'Active'],
    ] as const) {
      await api.setPermission(status);
      await page.goto('/');
      const card = page.getByRole('region', { name: 'Application Permission Details' });
      await expect(card.locator('.permission-status')).toHaveText(label);
      await expect(card.getByRole('button', { name: 'View error details' })).toHaveCount(0);
    }
  });
});

test.describe('errors and retry', () => {
  test('a 500 shows the error state and Retry recovers', async ({ page, api }) => {
    await api.fault('/summary', 'fail', { status: 500 });
    await page.goto('/');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Sync statuses could not be loaded');
    await expect(alert).toContainText('HTTP 500');
    await alert.getByRole('button', { name: 'Retry' }).click();
    const summary = await api.summary();
    await expect(page.getByRole('button', { name: /^Last Sync Failed/ }).locator('.card-count')).toHaveText(
      formatCount(summary.lastSyncFailed),
    );
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('a malformed answer shows the error state, not a panic', async ({ page, api }) => {
    await api.fault('/summary', 'malformed', { count: 2 });
    await page.goto('/');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('cannot read');
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('alert')).toContainText('cannot read');
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('button', { name: /^In Progress/ })).toBeVisible();
  });

  test('an unreachable service shows the error state and Retry recovers once it is back', async ({ page }) => {
    await page.route(`**${API}/summary`, (route) => route.abort('connectionrefused'));
    await page.goto('/');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('could not be reached');
    await page.unroute(`**${API}/summary`);
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByRole('button', { name: /^Last Sync Succeeded/ })).toBeVisible();
  });

  test('a config.json that cannot be loaded says so; Retry starts the console once it can', async ({ page }) => {
    await page.route('**/config.json', (route) => route.fulfill({ status: 404, body: 'missing' }));
    await page.goto('/');
    const alert = page.getByRole('alert').filter({ hasText: 'The console could not start' });
    await expect(alert).toContainText('config.json could not be loaded (HTTP 404).');
    await expect(page.getByText('Loading…', { exact: true })).toHaveCount(0);
    // Failing again: a new panel, and its Retry has the focus.
    const retry = alert.getByRole('button', { name: 'Retry' });
    await retry.focus();
    const again = page.waitForResponse('**/config.json');
    await page.keyboard.press('Enter');
    await again;
    await expect(alert).toBeVisible();
    await expect(retry).toBeFocused();
    await page.unroute('**/config.json');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: /^Last Sync Failed/ })).toBeVisible();
    await expect(alert).toHaveCount(0);
  });

  test('a rejected token explains itself', async ({ page }) => {
    await page.route('**/config.json', (route) =>
      route.fulfill({ json: { apiBaseUrl: 'api/monitor/v1', token: 'not-the-token' } }),
    );
    await page.goto('/');
    for (const title of ['Sync statuses could not be loaded', 'Users could not be loaded']) {
      await expect(page.getByRole('alert').filter({ hasText: title })).toContainText(
        'not signed in to the monitor service (401)',
      );
    }
  });
});

test('the header and Loading… are painted while the module downloads; the console replaces Loading…', async ({ page }) => {
  // The module is held back: what shows meanwhile comes from index.html.
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/*_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/');
  const heading = page.getByRole('heading', { level: 1, name: 'Microsoft 365 Monitor' });
  await expect(heading).toBeInViewport();
  const loading = page.getByRole('status').filter({ hasText: 'Loading…' });
  await expect(loading).toBeInViewport();
  release();
  await expect(page.getByRole('button', { name: /^Last Sync Failed/ })).toBeVisible();
  await expect(page.getByText('Loading…', { exact: true })).toHaveCount(0);
  // One header, one main: the console mounted into the page, not beside it.
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(heading).toBeInViewport();
});

test("the locale's date data is loaded by a worker, off the main thread, which then ends", async ({ page }) => {
  const ended = new Promise<string>((done) =>
    page.on('worker', (worker) => worker.on('close', () => done(worker.url()))),
  );
  await page.goto('/');
  expect(new URL(await ended).pathname).toMatch(/^\/intl-warm-[0-9a-f]{16}\.js$/);
  // The times it prepares are there (the fixture fails the test on a CSP violation).
  await expect(grid(page).locator('time').first()).toHaveAttribute('title', /\d{4}/);
});

test('the dashboard has no axe-core violations', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /^Last Sync Failed/ })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test('unknown console paths show a not-found page with a way back', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to the Microsoft 365 Monitor' }).click();
  await expect(page.getByRole('button', { name: /^Last Sync Failed/ })).toBeVisible();
});

test('the client secret: its expiry on the permission card, and from 30 days ahead a warning with the fix', async ({ page, request }) => {
  const set = async (status: string, days?: number) => {
    const res = await request.put('/api/_control/application-permission', {
      headers: auth,
      data: days === undefined ? { status } : { status, clientSecretExpiresInDays: days },
    });
    expect(res.status()).toBe(204);
  };
  await page.setViewportSize({ width: 1280, height: 800 });
  await set('ACTIVE', 90);
  const summary = await apiGet<{ applicationPermission: { clientSecretExpiresAt?: string } }>(request, '/summary');
  expect(Date.parse(summary.applicationPermission.clientSecretExpiresAt!) - Date.now()).toBeGreaterThan(89 * 86_400_000);
  await page.goto('/');
  const card = page.getByRole('region', { name: 'Application Permission Details' });
  const secret = card.locator('.client-secret');
  await expect(secret).toHaveText('Client secret expires in 90 days');
  await expect(page.locator('.secret-warning')).toHaveCount(0);
  const refresh = page.getByRole('button', { name: 'Refresh' });

  // Within 30 days: a warning ahead of time, with the fix.
  await set('ACTIVE', 12);
  await refresh.click();
  await expect(secret).toHaveText('\u26A0 Client secret expires in 12 days');
  await expect(page.locator('.secret-warning')).toHaveText(
    "\u26A0 The Microsoft client secret expires in 12 days: application permissions will stop working then. Create a new client secret for the application registration in Microsoft Entra ID and enter it in the sales application's Microsoft 365 setup.",
  );
  expect(await axeViolations(page)).toEqual([]);

  // Expired: what made the permission inactive.
  await set('INACTIVE');
  await refresh.click();
  await expect(secret).toHaveText('\u26A0 Client secret expired 6 h ago');
  // The card and its error details say it; no second warning under the cards.
  await expect(page.locator('.secret-warning')).toHaveCount(0);

  // Not enabled: no secret to speak of.
  await set('NOT_ENABLED');
  await refresh.click();
  await expect(card.locator('.permission-status')).toHaveText('Not Enabled');
  await expect(secret).toHaveCount(0);
  await expect(refresh).toBeFocused();
});
