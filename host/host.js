// Reference host of Embedding protocol v1 (see the README): frames the
// console, answers its token requests with JWTs from the token relay, and
// follows its height. Query parameters for tests and trials:
//   answer=relay (default) | none (never answer) | invalid-first (the first
//     answer is a JWT the API refuses, then real ones)
//   frame=800x600  a fixed frame size (resize messages are still recorded)
//   scheme=dark    ask the console for its dark colour scheme
'use strict';

const params = new URLSearchParams(location.search);
const host = {
  answer: params.get('answer') || 'relay',
  requests: 0,
  answered: 0,
  resizes: [],
};
// Read by the browser tests; harmless in a trial.
window.hostState = host;

async function start() {
  const config = await (await fetch('host.json')).json();
  const consoleOrigin = new URL(config.consoleUrl).origin;
  const frame = document.createElement('iframe');
  frame.id = 'console';
  frame.title = 'Microsoft 365 Monitor';
  frame.src = config.consoleUrl;
  frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-downloads');
  const fixed = /^(\d+)x(\d+)$/.exec(params.get('frame') || '');
  if (fixed) {
    frame.style.width = `${fixed[1]}px`;
    frame.style.height = `${fixed[2]}px`;
  }
  document.getElementById('frame-box').append(frame);
  const log = document.getElementById('log');
  const show = () => {
    const last = host.resizes[host.resizes.length - 1];
    log.textContent = `Token requests answered: ${host.answered} of ${host.requests}` +
      (last ? ` · console height ${last} px` : '');
  };

  async function relayToken() {
    const res = await fetch(config.relayUrl, { cache: 'no-store' });
    if (!res.ok) throw new Error(`token relay: HTTP ${res.status}`);
    const body = await res.json();
    document.getElementById('who').textContent = body.principal;
    return body.access_token;
  }

  window.addEventListener('message', async (event) => {
    // Only the console's own frame, from the console's origin.
    if (event.source !== frame.contentWindow || event.origin !== consoleOrigin) return;
    let msg;
    try { msg = JSON.parse(event.data); } catch { return; }
    if (msg && msg.method === 'resize' && Number.isFinite(msg.height)) {
      host.resizes.push(msg.height);
      if (!fixed) frame.style.height = `${Math.max(240, msg.height)}px`;
    } else if (msg && msg.method === 'requestJwtToken' && msg.v === 1) {
      host.requests += 1;
      if (host.answer === 'none') return show();
      let token;
      if (host.answer === 'invalid-first' && host.answered === 0) {
        // JWT-shaped, signed by nobody: the API answers 401.
        token = 'eyJhbGciOiJIUzI1NiJ9.eyJwcm4iOiJub2JvZHkifQ.aW52YWxpZA';
      } else {
        token = await relayToken();
      }
      host.answered += 1;
      frame.contentWindow.postMessage(JSON.stringify({ method: 'jwtToken', token }), consoleOrigin);
      // The console listens now: tell it the page's colour scheme too.
      if (params.get('scheme') === 'dark') {
        frame.contentWindow.postMessage(
          JSON.stringify({ method: 'colorScheme', value: 'dark' }), consoleOrigin);
      }
    }
    show();
  });
}

start().catch((e) => {
  document.getElementById('log').textContent = `The host page could not start: ${e.message}`;
});
