import { readFileSync } from 'node:fs';
import { APIRequestContext, Page } from '@playwright/test';
import { test, expect, apiGet, auth, grid, formatCount, axeViolations, parseCsv, API, modalDrawn } from './fixtures';

type Job = { name: string; lastRun: string | null; nextRun: string | null; lastResult: string | null };
type Group = { code: string; count: number; message: string };
type Day = { date: string; succeeded: number; failed: number; withConflicts: number };

const jobsRegion = (page: Page) => page.getByRole('region', { name: 'Sync Jobs' });
const groupsRegion = (page: Page) => page.getByRole('region', { name: 'Last Sync Errors' });
const trendRegion = (page: Page) => page.getByRole('region', { name: 'Sync Trend' });
const row = (page: Page, i: number) => grid(page).locator(`[role=row][aria-rowindex="${i + 2}"]`);

/** Sets a scheduled job through the test control endpoint. */
async function setJob(request: APIRequestContext, name: string, ago: number, next: number, result: string) {
  const res = await request.put(`/api/_control/jobs/${name}`, {
    headers: auth,
    data: { lastRunMinutesAgo: ago, nextRunInMinutes: next, lastResult: result },
  });
  expect(res.status()).toBe(204);
}
/** The seeded story: Token Refresh has not run for a day and failed. */
const tokenRefreshBroken = (request: APIRequestContext) => setJob(request, 'TOKEN_REFRESH', 26 * 60, -120, 'FAILED');

test.describe('sync health', () => {
  test.afterEach(async ({ request }) => tokenRefreshBroken(request));

  test('job warnings follow the server: an overdue, failed Token Refresh warns in the seed words until it recovers', async ({ page, request }) => {
    await tokenRefreshBroken(request);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/');
    const warning = jobsRegion(page).locator('.job-warning');
    await expect(warning).toHaveCount(1);
    await expect(warning).toContainText(
      'The Microsoft 365 Token Refresh Job scheduled process hasn\'t run for a long time: failed authorization icons will appear, and users must sign in to the add-in again.',
    );
    await expect(jobsRegion(page).locator('summary')).toContainText('1 problem');

    // Opened: one row per job, results as the API says.
    await jobsRegion(page).locator('summary').click();
    const jobs = (await apiGet<{ items: Job[] }>(request, '/jobs')).items;
    const rows = jobsRegion(page).locator('tbody tr');
    await expect(rows).toHaveCount(jobs.length);
    const label: Record<string, string> = { INSTANT_SYNC: 'Instant Sync', STANDARD_SYNC: 'Standard Sync', TOKEN_REFRESH: 'Microsoft 365 Token Refresh' };
    for (const [i, job] of jobs.entries()) {
      await expect(rows.nth(i).locator('th')).toContainText(label[job.name]);
      await expect(rows.nth(i).locator('td').nth(2)).toHaveText(job.lastResult === 'FAILED' ? 'Failed' : 'Succeeded');
      await expect(rows.nth(i).locator('td').nth(0).locator('time')).toHaveAttribute('datetime', /^\d{4}-/);
    }
    await expect(rows.nth(2).locator('.job-state')).toHaveText('Failed, overdue');
    expect(await axeViolations(page)).toEqual([]);

    // It recovers behind the console's back; Refresh shows it, focus stays.
    await setJob(request, 'TOKEN_REFRESH', 5, 55, 'SUCCEEDED');
    const refresh = page.getByRole('button', { name: 'Refresh' });
    await refresh.click();
    await expect(warning).toHaveCount(0);
    await expect(jobsRegion(page).locator('summary')).toContainText('Running on schedule');
    await expect(rows.nth(2).locator('td').nth(2)).toHaveText('Succeeded');
    await expect(refresh).toBeFocused();

    // A failed run alone (not overdue) warns too.
    await setJob(request, 'STANDARD_SYNC', 10, 50, 'FAILED');
    await refresh.click();
    await expect(warning).toHaveCount(1);
    await expect(warning).toContainText('The Standard Sync scheduled process failed on its last run');
    await setJob(request, 'STANDARD_SYNC', 10, 50, 'SUCCEEDED');
  });

  test('the Token Refresh warning leads to the users with failed Microsoft authorization', async ({ page, request }) => {
    await tokenRefreshBroken(request);
    await page.goto('/');
    const expected = await apiGet<{ totalResults: number }>(request, '/users?microsoftAuthorized=false&totalResults=true&limit=1');
    await jobsRegion(page).getByRole('button', { name: 'Show users with failed Microsoft authorization' }).click();
    await expect(page).toHaveURL(/[?&]microsoftAuthorized=false/);
    await expect(page.locator('.selection-bar .total')).toHaveText(`${formatCount(expected.totalResults)} users match`);
    await expect(page.getByRole('checkbox', { name: 'Microsoft authorization failed' })).toBeChecked();
    await expect(page.locator('#users-title')).toBeFocused();
  });

  test("the regions' contents are code fetched once the rows are painted; if it cannot be fetched, opening a region says so, and Retry fetches it", async ({ page }) => {
    // Split off the module a cold load of the dashboard downloads (#13).
    const chunk = /\/split_health-[0-9a-f]{16}\.wasm$/;
    let fail = true;
    const fetched: string[] = [];
    await page.route(chunk, (route) => { fetched.push(route.request().url()); return fail ? route.abort() : route.continue(); });
    await page.goto('/');
    await expect(grid(page).locator('.user a').first()).toBeVisible();
    await expect.poll(() => fetched.length).toBe(1);
    const summary = trendRegion(page).locator('summary');
    // Opening the region asks again (or, while the failed prefetch is still
    // on its way to the page, waits for it).
    await summary.click();
    const alert = trendRegion(page).getByRole('alert');
    await expect(alert.getByRole('heading', { name: 'The sync trend could not be loaded' })).toBeVisible();
    await expect(alert).toContainText('Part of the console could not be downloaded');
    await expect(alert.getByRole('button', { name: 'Retry' })).toBeFocused();
    const failed = fetched.length;
    expect(failed).toBeLessThanOrEqual(2);
    fail = false;
    await page.keyboard.press('Enter');
    await expect(trendRegion(page).getByRole('button', { name: '30 days' })).toHaveAttribute('aria-pressed', 'true');
    await expect(trendRegion(page).locator('svg')).toBeVisible();
    // Retry fetched it, once.
    expect(fetched).toHaveLength(failed + 1);
    // The other region's code came with it.
    await groupsRegion(page).locator('summary').click();
    await expect(groupsRegion(page).locator('li.group').first()).toBeVisible();
    expect(fetched).toHaveLength(failed + 1);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('error groups: counts as the API says, largest first, each with its cause and fix', async ({ page, request }) => {
    const groups = (await apiGet<{ items: Group[] }>(request, '/errorGroups')).items;
    expect(groups.length).toBeGreaterThanOrEqual(3);
    // Very different sizes, largest first.
    expect(groups[0].count).toBeGreaterThan(5 * groups[groups.length - 1].count);
    await page.goto('/');
    const summary = await apiGet<{ lastSyncFailed: number }>(request, '/summary');
    const total = groups.reduce((n, g) => n + g.count, 0);
    expect(total).toBe(summary.lastSyncFailed);
    await expect(groupsRegion(page).locator('summary')).toContainText(`${formatCount(total)} users in ${groups.length} groups`);
    await groupsRegion(page).locator('summary').click();
    const items = groupsRegion(page).locator('li.group');
    await expect(items).toHaveCount(groups.length);
    for (const [i, g] of groups.entries()) {
      await expect(items.nth(i).locator('.error-code')).toHaveText(g.code);
      await expect(items.nth(i).locator('.group-count')).toHaveText(`${formatCount(g.count)} ${g.count === 1 ? 'user' : 'users'}`);
      await expect(items.nth(i).locator('.group-fix')).toContainText('Fix: ');
      await expect(items.nth(i).getByRole('button', { name: /^Select (these|this)/ })).toBeVisible();
    }
    expect(await axeViolations(page)).toEqual([]);
  });

  test('"Select these N users" makes the group the view with all of it selected; Export writes exactly the group', async ({ page, request }) => {
    const groups = (await apiGet<{ items: Group[] }>(request, '/errorGroups')).items;
    const group = groups[groups.length - 1];
    const ids = await apiGet<{ ids: number[]; totalResults: number }>(request, `/users/ids?errorCode=${group.code}`);
    expect(ids.totalResults).toBe(group.count);
    // A name the file must quote (the seed has such names, not always in
    // this group).
    const first = await request.get(`${API}/users/${ids.ids[0]}`, { headers: auth });
    const renamed = await request.patch(`${API}/users/${ids.ids[0]}`, {
      headers: { ...auth, 'If-Match': first.headers()['etag'] },
      data: { salesUserName: `DOE, "JANE" ${ids.ids[0]}` },
    });
    expect(renamed.status()).toBe(200);
    // Start from another view with a search and a card: both give way.
    await page.goto('/?card=succeeded&search=a');
    await groupsRegion(page).locator('summary').click();
    const item = groupsRegion(page).locator(`li.group[data-code="${group.code}"]`);
    await item.getByRole('button', { name: `Select these ${formatCount(group.count)} users` }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]errorCode=${group.code}(&|$)`));
    expect(new URL(page.url()).searchParams.get('card')).toBeNull();
    expect(new URL(page.url()).searchParams.get('search')).toBeNull();
    await expect(page.locator('.selection-bar .total')).toHaveText(`${formatCount(group.count)} users match`);
    await expect(page.locator('#selected-count')).toHaveText(`${formatCount(group.count)} selected`);
    await expect(page.locator('#selection-notice')).toHaveText(`All ${formatCount(group.count)} matching users are selected.`);
    await expect(page.locator('#selected-count')).toBeFocused();
    // What is painted: every visible row is checked and shows the group's status.
    await expect(row(page, 0).getByRole('checkbox')).toBeChecked();
    expect(await row(page, 0).getByRole('checkbox').evaluate((c: HTMLInputElement) => c.checked)).toBe(true);
    await expect(row(page, 0)).toContainText('Failed');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: /^Export/ }).click();
    // Parsed as CSV: names may hold commas and quotes (the seed has some).
    const rows = parseCsv(readFileSync((await (await download).path())!, 'utf8'), true);
    expect(rows[0][8]).toBe('User ID');
    expect(rows.length - 1).toBe(group.count);
    const exported = rows.slice(1).map((r) => Number(r[8])).sort((a, b) => a - b);
    expect(exported).toEqual([...ids.ids].sort((a, b) => a - b));
  });

  test('copy sign-in instructions: the message with every address of the group, on the clipboard', async ({ page, context, request }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const groups = (await apiGet<{ items: Group[] }>(request, '/errorGroups')).items;
    const group = groups.find((g) => g.code === 'MS_TOKEN_EXPIRED')!;
    const emails = await apiGet<{ items: { microsoftEmail: string }[] }>(
      request, `/users?errorCode=MS_TOKEN_EXPIRED&orderBy=microsoftEmail:asc&limit=500`,
    );
    await page.goto('/');
    await groupsRegion(page).locator('summary').click();
    const item = groupsRegion(page).locator('li.group[data-code="MS_TOKEN_EXPIRED"]');
    // Only groups whose fix is signing in again offer it.
    await expect(groupsRegion(page).locator('li.group[data-code="MS_THROTTLED"]').getByRole('button', { name: 'Copy sign-in instructions' })).toHaveCount(0);
    const open = item.getByRole('button', { name: 'Copy sign-in instructions' });
    await open.click();
    const dialog = page.getByRole('dialog', { name: 'Sign-in instructions' });
    await expect(dialog.getByRole('status')).toHaveText('Copied to the clipboard. Paste it into an email.');
    const text = await dialog.locator('textarea').inputValue();
    expect(text).toContain('Subject: Please sign in to the Microsoft 365 add-in again');
    expect(text).toContain(`Recipients (${group.count}):`);
    const listed = text.split('Recipients')[1].split('\n')[1].split('; ');
    expect(listed.length).toBe(group.count);
    expect(listed.slice(0, emails.items.length)).toEqual(emails.items.map((u) => u.microsoftEmail));
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
    expect(await modalDrawn(dialog)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(open).toBeFocused();
  });

  test('the trend: the chart and its table show exactly /syncStats; arrows read each day; 7 or 30 days', async ({ page, request }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/');
    const offset = await page.evaluate(() => -new Date().getTimezoneOffset());
    const stats = (days: number) =>
      apiGet<{ items: Day[] }>(request, `/syncStats?days=${days}&utcOffsetMinutes=${offset}`).then((s) => s.items);
    const month = await stats(30);
    expect(month).toHaveLength(30);
    // The seeded bad day stands out.
    const rate = (d: Day) => d.failed / Math.max(1, d.succeeded + d.failed + d.withConflicts);
    const worst = month.reduce((a, b) => (rate(b) > rate(a) ? b : a));
    expect(rate(worst)).toBeGreaterThan(0.2);
    const failed = month.reduce((n, d) => n + d.failed, 0);
    const total = month.reduce((n, d) => n + d.succeeded + d.failed + d.withConflicts, 0);
    const pct = (p: number, w: number) => `${(Math.round((p * 1000) / Math.max(w, 1)) / 10).toFixed(1)} %`;
    await expect(trendRegion(page).locator('summary')).toContainText(`${pct(failed, total)} failed in 30 days`);

    await trendRegion(page).locator('summary').click();
    await expect(trendRegion(page).locator('g.day')).toHaveCount(30);
    const chart = trendRegion(page).getByRole('group', { name: /Sync outcomes per day, last 30 days/ });
    const readout = trendRegion(page).locator('#trend-readout');
    const said = (d: Day) =>
      `: ${formatCount(d.succeeded)} succeeded, ${formatCount(d.failed)} failed, ${formatCount(d.withConflicts)} with conflicts (${pct(d.failed, d.succeeded + d.failed + d.withConflicts)} failed)`;
    await expect(readout).toContainText(said(month[29]));
    await chart.focus();
    await page.keyboard.press('Home');
    await expect(readout).toContainText(said(month[0]));
    await page.keyboard.press('ArrowRight');
    await expect(readout).toContainText(said(month[1]));
    await expect(chart).toBeFocused();
    // The worst day, reached with the keyboard.
    await page.keyboard.press('End');
    for (let i = 29; i > month.indexOf(worst); i--) await page.keyboard.press('ArrowLeft');
    await expect(readout).toContainText(said(worst));
    expect(await axeViolations(page)).toEqual([]);

    // The same numbers as a table, newest first.
    const toggle = trendRegion(page).getByRole('button', { name: 'Show as table' });
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(toggle).toBeFocused();
    const rows = trendRegion(page).locator('table tbody tr');
    await expect(rows).toHaveCount(30);
    for (const [i, d] of [...month].reverse().entries()) {
      await expect(rows.nth(i).locator('time')).toHaveAttribute('datetime', d.date);
      await expect(rows.nth(i).locator('td')).toHaveText([
        formatCount(d.succeeded), formatCount(d.failed), formatCount(d.withConflicts),
        pct(d.failed, d.succeeded + d.failed + d.withConflicts),
      ]);
    }
    expect(await axeViolations(page)).toEqual([]);

    // Seven days.
    const week = await stats(7);
    await trendRegion(page).getByRole('button', { name: '7 days' }).click();
    await expect(rows).toHaveCount(7);
    await expect(rows.nth(0).locator('td').nth(0)).toHaveText(formatCount(week[6].succeeded));
    await expect(trendRegion(page).locator('summary')).toContainText('failed in 7 days');
    await toggle.click();
    await expect(trendRegion(page).locator('g.day')).toHaveCount(7);
  });

  test('live refresh: a card changed behind the console\'s back updates in place; paused, or hidden, it waits', async ({ page, request }) => {
    test.setTimeout(60_000);
    // Live updates every 5 s (the least config.json allows) for this test.
    await page.route('**/config.json', async (route) => {
      const response = await route.fetch();
      route.fulfill({ response, json: { ...(await response.json()), refreshSeconds: 5 } });
    });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/?card=succeeded');
    await expect(row(page, 0)).toBeVisible();
    const card = page.locator('.card-sync-disabled .card-count');
    const disabled = async () => (await apiGet<{ syncDisabled: number }>(request, '/summary')).syncDisabled;
    await expect(card).toHaveText(formatCount(await disabled()));
    // What must survive a live update: scroll, focus, the selection, and
    // rows on screen in every frame, never dimmed.
    await grid(page).evaluate((g) => (g.scrollTop = 400));
    // Row 12 is in view at 400 px (rows are 40 px under a header).
    const box = row(page, 12).getByRole('checkbox');
    await box.click();
    await expect(page.locator('#selected-count')).toHaveText('1 selected');
    await box.focus();
    const top = await grid(page).evaluate((g) => g.scrollTop);
    expect(top).toBeGreaterThan(300);
    await page.evaluate(() => {
      const w = window as unknown as { gone: number; dimmed: number };
      w.gone = 0; w.dimmed = 0;
      const tick = () => {
        const g = document.querySelector('[role=grid]');
        if (!g || g.querySelectorAll('[role=row][aria-rowindex]').length < 3) w.gone++;
        if (g?.classList.contains('stale') || g?.getAttribute('aria-busy') === 'true') w.dimmed++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await expect(page.locator('#live-status')).toHaveText(/^Updated \d{1,2}:\d{2}:\d{2}.* · \d+ s ago$/);

    // Behind the console's back: one more user's sync is disabled.
    const change = async (action: string) => {
      const ids = await apiGet<{ items: { id: number }[] }>(request, '/users?lastSync=NEVER_SYNCED&syncEnabled=true&limit=1');
      const res = await request.post('/api/monitor/v1/users/actions', {
        headers: { ...auth, 'Idempotency-Key': `live-${action}-${Date.now()}` },
        data: { action, userIds: [ids.items[0].id] },
      });
      expect(res.status()).toBe(200);
      return disabled();
    };
    const after = await change('DISABLE_SYNC');
    await expect(card).toHaveText(formatCount(after), { timeout: 8_000 });
    expect(await grid(page).evaluate((g) => g.scrollTop)).toBe(top);
    await expect(box).toBeFocused();
    expect(await box.evaluate((c: HTMLInputElement) => c.checked)).toBe(true);
    await expect(page.locator('#selected-count')).toHaveText('1 selected');
    const seen = await page.evaluate(() => {
      const w = window as unknown as { gone: number; dimmed: number };
      return { gone: w.gone, dimmed: w.dimmed };
    });
    expect(seen.gone).toBe(0);
    expect(seen.dimmed).toBe(0);

    // Paused: nothing moves; resumed: it catches up at once.
    await page.getByRole('button', { name: 'Pause updates' }).click();
    await expect(page.locator('#live-status')).toContainText('live updates paused');
    const paused = await change('DISABLE_SYNC');
    await page.waitForTimeout(7_000);
    await expect(card).toHaveText(formatCount(after));
    await page.getByRole('button', { name: 'Resume updates' }).click();
    await expect(card).toHaveText(formatCount(paused), { timeout: 3_000 });
    await expect(page.getByRole('button', { name: 'Pause updates' })).toBeFocused();

    // Hidden (another tab): nothing is asked; shown again: it catches up.
    let summaries = 0;
    page.on('request', (r) => { if (r.url().includes('/summary')) summaries++; });
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    });
    const hidden = await change('DISABLE_SYNC');
    await page.waitForTimeout(7_000);
    expect(summaries).toBe(0);
    await expect(card).toHaveText(formatCount(paused));
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    });
    await expect(card).toHaveText(formatCount(hidden), { timeout: 3_000 });
  });
});
