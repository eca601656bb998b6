// The endpoint's CORS as a browser enforces it. Debian's Chromium (driven by playwright-core, no browser download)
// loads a blank page from one loopback origin and calls `java -jar target/function.jar serve`, running on another
// port, with fetch: what a front end does. The page's origin is listed in ALLOWED_ORIGINS, second after an origin
// no page here has, so a listed origin must be echoed (not merely the first one named); a second page, on an
// origin that is not listed, must be refused by the browser. Run from the repository root after `mvn package`:
//   node --test browser/cors.test.mjs
// Every server and the browser it starts are stopped in `after`, whatever failed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const JAR = fileURLToPath(new URL('../target/function.jar', import.meta.url));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// What works on these machines: no sandbox as root, and none of Chromium's own traffic to the outside.
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const CREDENTIALS = {
  ZOOM_VIDEO_SDK_KEY: 'browser-test-video-key',
  ZOOM_VIDEO_SDK_SECRET: 'browser-test-video-secret-0123456789abcdef',
  ZOOM_MEETING_SDK_KEY: 'browser-test-meeting-key',
  ZOOM_MEETING_SDK_SECRET: 'browser-test-meeting-secret-0123456789abcdef',
};
const NEVER_A_PAGE_HERE = 'https://app.example.com';
const DEADLINE_MS = 20_000;

let listed; // the page whose origin ALLOWED_ORIGINS lists
let unlisted; // the page whose origin it does not
let endpoint; // http://127.0.0.1:PORT of serve
let serve; // the java process
let logLines = []; // serve's standard error: one JSON line per request
let context; // the browser
let userDataDir;
const pageServers = [];

/** A server of one blank page, on 127.0.0.1 and a free port. */
async function pageServer() {
  const server = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end('<!doctype html><meta charset="utf-8"><title>front end</title>');
  });
  pageServers.push(server);
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return server.address().port;
}

/** Starts serve on a free port and answers its URL once it says it listens. */
async function startServe(allowedOrigins) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) =>
    !name.startsWith('ZOOM_') && !['ALLOWED_ORIGINS', 'PORT'].includes(name)));
  serve = spawn('java', ['-jar', JAR, 'serve', '--port', '0'], {
    env: { ...env, ...CREDENTIALS, ALLOWED_ORIGINS: allowedOrigins },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let pending = '';
  const listening = new Promise((resolve, reject) => {
    serve.once('error', reject);
    serve.once('exit', (code) => reject(new Error(`serve exited (${code}) before listening:\n${logLines.join('\n')}`)));
    serve.stderr.setEncoding('utf8').on('data', (chunk) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop();
      logLines.push(...lines);
      const port = lines.map((line) => /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(line)).find(Boolean);
      if (port) resolve(`http://127.0.0.1:${port[1]}`);
    });
  });
  return withDeadline(listening, 'serve to listen');
}

function withDeadline(promise, what) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${DEADLINE_MS} ms`)), DEADLINE_MS);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** How many requests serve has logged with this outcome (preflight, issued, rejected). */
function logged(outcome) {
  return logLines.filter((line) => {
    try {
      return JSON.parse(line).outcome === outcome;
    } catch {
      return false; // start-up text
    }
  }).length;
}

/** Waits until serve has logged more requests with this outcome than `before`: its log arrives on its own time. */
async function loggedMore(outcome, before) {
  const until = Date.now() + DEADLINE_MS;
  while (logged(outcome) <= before) {
    assert.ok(Date.now() < until, `serve logged no further "${outcome}" request (still ${before})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Calls serve with fetch from inside the page, as a front end would. Answers what the page can see: status, the
 * response headers a cross-origin page may read, the body; or the error fetch threw when the browser refused.
 */
async function call(page, pathname, init = {}) {
  return page.evaluate(async ([url, init]) => {
    try {
      const response = await fetch(url, init);
      return {
        status: response.status,
        contentType: response.headers.get('content-type'),
        cacheControl: response.headers.get('cache-control'),
        body: await response.text(),
      };
    } catch (error) {
      return { error: `${error.name}: ${error.message}` };
    }
  }, [endpoint + pathname, init]);
}

function postJson(body, headers = {}) {
  return { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** The JWT's claims, after checking its HS256 signature with the secret serve was given. */
function verified(jwt, secret) {
  const [header, payload, signature] = jwt.split('.');
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  assert.equal(signature, expected, 'signed with the configured secret');
  assert.deepEqual(JSON.parse(Buffer.from(header, 'base64url')), { alg: 'HS256', typ: 'JWT' });
  return JSON.parse(Buffer.from(payload, 'base64url'));
}

function assertReadableError(answer, status) {
  assert.equal(answer.error, undefined, `the page could not read the ${status}: ${answer.error}`);
  assert.equal(answer.status, status, answer.body);
  assert.match(answer.contentType, /^application\/json/);
  assert.equal(answer.cacheControl, 'no-store');
  const { errors } = JSON.parse(answer.body);
  assert.ok(Array.isArray(errors) && errors.length > 0, answer.body);
  for (const error of errors) assert.equal(typeof error.reason, 'string', answer.body);
}

before(async () => {
  assert.ok(existsSync(JAR), `${JAR} is missing: run mvn package first`);
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
  const listedOrigin = `http://127.0.0.1:${await pageServer()}`;
  const unlistedOrigin = `http://localhost:${await pageServer()}`;
  endpoint = await startServe(`${NEVER_A_PAGE_HERE},${listedOrigin}`);
  userDataDir = await mkdtemp(path.join(tmpdir(), 'sdkauth-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, chromiumSandbox: false, args: CHROMIUM_FLAGS, timeout: DEADLINE_MS,
  });
  listed = await context.newPage();
  await listed.goto(`${listedOrigin}/`);
  unlisted = await context.newPage();
  await unlisted.goto(`${unlistedOrigin}/`);
  assert.equal(await listed.evaluate(() => location.origin), listedOrigin);
  assert.equal(await unlisted.evaluate(() => location.origin), unlistedOrigin);
});

after(async () => {
  await context?.close().catch(() => {});
  if (serve && serve.exitCode === null && serve.signalCode === null) {
    const exited = new Promise((resolve) => serve.once('exit', resolve));
    serve.kill('SIGTERM');
    await withDeadline(exited, 'serve to stop').catch(() => serve.kill('SIGKILL'));
  }
  await Promise.all(pageServers.map((server) => new Promise((resolve) => server.close(resolve))));
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

test('a JSON POST from a listed origin is preflighted, then gets a Video SDK token', async () => {
  const preflights = logged('preflight');
  const answer = await call(listed, '/', postJson({ sessionName: 'Cool Cars', role: 0 }));
  assert.equal(answer.error, undefined, answer.error);
  assert.equal(answer.status, 200, answer.body);
  assert.equal(answer.cacheControl, 'no-store');
  const claims = verified(JSON.parse(answer.body).signature, CREDENTIALS.ZOOM_VIDEO_SDK_SECRET);
  assert.equal(claims.app_key, CREDENTIALS.ZOOM_VIDEO_SDK_KEY);
  assert.equal(claims.tpc, 'Cool Cars');
  assert.equal(claims.role_type, 0);
  await loggedMore('preflight', preflights); // Content-Type: application/json is not a simple request
});

test('a JSON POST to /meeting from a listed origin gets a Meeting SDK token', async () => {
  const answer = await call(listed, '/meeting', postJson({ meetingNumber: '85746065432', role: 0 }));
  assert.equal(answer.status, 200, answer.error ?? answer.body);
  const { signature, sdkKey } = JSON.parse(answer.body);
  assert.equal(sdkKey, CREDENTIALS.ZOOM_MEETING_SDK_KEY);
  const claims = verified(signature, CREDENTIALS.ZOOM_MEETING_SDK_SECRET);
  assert.equal(claims.mn, '85746065432');
  assert.equal(claims.role, 0);
});

test('the browser refuses an unlisted origin the answer, preflighted or not', async () => {
  const refusedPreflight = await call(unlisted, '/', postJson({ sessionName: 'Cool Cars', role: 0 }));
  assert.match(refusedPreflight.error ?? '', /^TypeError/, `the unlisted page read ${refusedPreflight.body}`);

  // A simple request (text/plain) is sent without a preflight: serve answers it, and only the browser stands between
  // the token and the page. The listed page, sending the same request, reads it.
  const simple = { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"sessionName":"x","role":0}' };
  const issued = logged('issued');
  const refused = await call(unlisted, '/', simple);
  assert.match(refused.error ?? '', /^TypeError/, `the unlisted page read ${refused.body}`);
  await loggedMore('issued', issued);
  const read = await call(listed, '/', simple);
  assert.equal(read.status, 200, read.error ?? read.body);
  assert.ok(JSON.parse(read.body).signature);
});

test('400, 404, 405 and 413 are readable by the page, status and JSON errors', async () => {
  assertReadableError(await call(listed, '/', postJson({ sessionName: '', role: '1abc' })), 400);
  const preflights = logged('preflight');
  assertReadableError(await call(listed, '/no/such/path', postJson({ sessionName: 'Cool Cars', role: 0 })), 404);
  await loggedMore('preflight', preflights); // OPTIONS on a path that is not a route is answered too
  assertReadableError(await call(listed, '/', { method: 'GET' }), 405);
  assertReadableError(await call(listed, '/', postJson({ sessionName: 'x'.repeat(70_000), role: 0 })), 413);
});

test('Authorization, x-api-key and the SigV4 headers pass the preflight', async () => {
  const headerSets = [
    { Authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln' },
    { 'x-api-key': 'a-usage-plan-key' },
    {
      Authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/execute-api/aws4_request, '
        + 'SignedHeaders=host;x-amz-date, Signature=0123456789abcdef',
      'X-Amz-Date': '20260101T000000Z',
      'X-Amz-Security-Token': 'session-token',
    },
  ];
  for (const headers of headerSets) {
    const preflights = logged('preflight');
    const answer = await call(listed, '/', postJson({ sessionName: 'Cool Cars', role: 0 }, headers));
    assert.equal(answer.status, 200, `${Object.keys(headers)}: ${answer.error ?? answer.body}`);
    await loggedMore('preflight', preflights);
  }
});

test('a method the preflight does not allow is refused by the browser', async () => {
  const request = postJson({ sessionName: 'Cool Cars', role: 0 }, { 'X-Request-Kind': 'method-check' });
  assert.equal((await call(listed, '/', request)).status, 200, 'the same request as a POST is allowed');
  const preflights = logged('preflight');
  const answer = await call(listed, '/', { ...request, method: 'PUT' });
  assert.match(answer.error ?? '', /^TypeError/, `PUT was allowed: ${answer.status} ${answer.body}`);
  await loggedMore('preflight', preflights); // asked, and told POST, OPTIONS
});
