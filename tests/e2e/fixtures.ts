import { test as base, expect, APIRequestContext, Locator, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const TOKEN = process.env.API_TOKEN ?? 'demo-token';
export const API = '/api/monitor/v1';

export type Summary = {
  lastSyncFailed: number;
  neverSynced: number;
  lastSyncSucceeded: number;
  inProgress: number;
  syncDisabled: number;
  totalUsers: number;
  expiredAuthorizations: number;
  expiringAuthorizations: number;
  expiringWithinDays: number;
  outstandingSyncErrors: number;
  applicationPermission: {
    status: 'NOT_ENABLED' | 'ACTIVE' | 'INACTIVE';
    error?: { code: string; message: string; detail: string; occurredAt: string };
  };
};

export const auth = { Authorization: `Bearer ${TOKEN}` };

/** `GET {API}{path}` with the token; asserts a 200 and gives the JSON. */
export async function apiGet<T>(request: APIRequestContext, path: string): Promise<T> {
  const res = await request.get(`${API}${path}`, { headers: auth });
  expect(res.status()).toBe(200);
  return res.json();
}

/** The user table. */
export const grid = (page: Page) => page.getByRole('grid', { name: 'Users' });

/** The monitor API, called directly: the source of truth for assertions. */
export class Api {
  constructor(private request: APIRequestContext) {}

  async summary(): Promise<Summary> {
    const res = await this.request.get(`${API}/summary`, { headers: auth });
    expect(res.status()).toBe(200);
    return res.json();
  }

  /** Makes the next `count` calls to `route` fail, hang or be malformed. */
  async fault(route: string, mode: 'fail' | 'malformed' | 'hang', extra: object = {}) {
    const res = await this.request.post('/api/_control/faults', {
      headers: auth,
      data: { route, mode, ...extra },
    });
    expect(res.status()).toBe(204);
  }

  async clearFaults() {
    const res = await this.request.delete('/api/_control/faults', { headers: auth });
    expect(res.status()).toBe(204);
  }

  async setPermission(status: 'NOT_ENABLED' | 'ACTIVE' | 'INACTIVE') {
    const res = await this.request.put('/api/_control/application-permission', {
      headers: auth,
      data: { status },
    });
    expect(res.status()).toBe(204);
  }
}

/**
 * Opens `html` as a page of another origin than the console's (served by
 * Playwright, no network): the sales application's page that frames the
 * console. `allowed`: an origin the server lets frame the console
 * (`http://localhost:<port>`), else one it does not (`http://127.0.0.2:<port>`).
 * Both are loopback, as the browser refuses a public page framing a local one.
 */
export async function openHost(page: Page, baseURL: string, html: string, allowed = true) {
  const console = new URL(baseURL);
  const host = `http://${allowed ? 'localhost' : '127.0.0.2'}:${console.port}/__host.html`;
  await page.route(host, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
  await page.goto(host);
}

/** Counts as the console formats them. */
export const formatCount = (n: number) => n.toLocaleString('en-US');

/**
 * How a modal dialog is drawn: modal, centred in the viewport, inside it,
 * over a dimmed page. `[]` when so; otherwise what is wrong.
 */
export async function modalDrawn(dialog: Locator): Promise<string[]> {
  return dialog.evaluate((d: HTMLDialogElement) => {
    const wrong: string[] = [];
    if (!d.matches(':modal')) wrong.push('not modal');
    const r = d.getBoundingClientRect();
    const [left, right] = [r.left, innerWidth - r.right];
    if (Math.abs(left - right) > 2) wrong.push(`not centred: ${Math.round(left)} px left, ${Math.round(right)} px right`);
    if (r.top < 0 || r.bottom > innerHeight) wrong.push('not inside the viewport');
    if (getComputedStyle(d, '::backdrop').backgroundColor === 'rgba(0, 0, 0, 0)') wrong.push('the page is not dimmed');
    return wrong;
  });
}

/** axe-core over the whole page; returns the violations, for a readable failure. */
export async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
}

/**
 * Every test gets the API helper, starts with no armed faults and the
 * seeded permission state, and fails if the console panics or throws.
 */
export const test = base.extend<{ api: Api; pageErrors: string[] }>({
  api: async ({ request }, use) => {
    const api = new Api(request);
    await api.clearFaults();
    await api.setPermission('INACTIVE');
    await use(api);
    await api.clearFaults();
    await api.setPermission('INACTIVE');
  },
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      // Every frame reports what the server's Content-Security-Policy blocked.
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
        );
      });
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error' && /panicked|unreachable|RuntimeError|CSP violation/.test(m.text())) {
          errors.push(m.text());
        }
      });
      await use(errors);
      expect(errors, 'the console must never panic, throw or break its CSP').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** RFC 4180 parser (BOM checked and removed). */
export function parseCsv(text: string, bom: boolean): string[][] {
  if (bom) {
    expect(text.charCodeAt(0)).toBe(0xfeff);
    text = text.slice(1);
  }
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
