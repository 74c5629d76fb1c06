import { defineConfig } from '@playwright/test';

// Run through `cargo xtask test`, which starts the reference server on a
// throw-away database and passes its address in BASE_URL.
const baseURL = process.env.BASE_URL;
if (!baseURL) {
  throw new Error('BASE_URL is not set: run the browser tests with `cargo xtask test`.');
}

const latencyURL = process.env.LATENCY_URL;

export default defineConfig({
  testDir: './e2e',
  // `loopback`: every spec against the server on loopback. `latency`: the
  // painted-state specs again against a server that answers /users in
  // 150 ms and /summary in 300 ms (loopback hides races). `screenshots`:
  // PNGs of the main states at three sizes into target/screenshots/.
  projects: [
    { name: 'loopback', testIgnore: /screenshots\.spec\.ts/ },
    ...(latencyURL
      ? [{ name: 'latency', testMatch: /painted\.spec\.ts/, use: { baseURL: latencyURL } }]
      : []),
    { name: 'screenshots', testMatch: /screenshots\.spec\.ts/ },
  ],
  // The tests share one server and arm its faults: one at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  use: {
    baseURL,
    headless: true,
    trace: 'off',
    launchOptions: {
      // Debian's Chromium; never Playwright's own download.
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // The host pages the tests serve (through Playwright) count as
        // public, and Chromium refuses a public page framing a local one;
        // real hosts and consoles are both public.
        '--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests',
      ],
    },
  },
});
