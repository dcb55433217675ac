// The gateway's web page in headless Chromium, against the running suite on the emulator.
// GATEWAY_URL, EMULATOR_URL and API_KEY come from scripts/smoke-local.sh; screenshots go to target/screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const GATEWAY = process.env.GATEWAY_URL ?? 'http://localhost:8080';
const EMULATOR = process.env.EMULATOR_URL ?? 'http://localhost:8089';
const KEY = process.env.API_KEY;
const SHOTS = new URL('../target/screenshots/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

let browser;
let context;
let page;
/** What the browser's console said that a person would see as a fault: errors, warnings, uncaught exceptions. */
const problems = [];
/** A message the running test provokes on purpose (a refused key's 401), and so not a problem. */
let provoked = null;

function watch(watched) {
  watched.on('console', (message) => {
    if (['error', 'warning'].includes(message.type()) && !(provoked && provoked.test(message.text()))) {
      problems.push(`${message.type()}: ${message.text()} (${message.location().url})`);
    }
  });
  watched.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return watched;
}

before(async () => {
  assert.ok(KEY, 'API_KEY must name a key of the running gateway');
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
  page = watch(await context.newPage());
});

after(async () => {
  await fetch(`${EMULATOR}/emulator/reset`, { method: 'POST' });
  await browser?.close();
});

async function saveKey(key) {
  await page.fill('#api-key', key);
  await page.click('#key-form button[type=submit]');
}

async function naturalSize(selector) {
  return page.$eval(selector, (img) => [img.naturalWidth, img.naturalHeight]);
}

test('generates a 768x768 SDXL image from a Chinese prompt and shows the prompt used', async () => {
  // A little upstream latency, so that the page's progress can be seen.
  await fetch(`${EMULATOR}/emulator/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ mode: 'none', latencyMs: 700 }) });
  await page.goto(GATEWAY);
  await saveKey(KEY);
  await page.fill('#prompt', '一只可爱的猫咪');
  await page.waitForSelector('#model option[value="SD-XL-Bash-CF"]', { state: 'attached' });
  await page.selectOption('#model', 'SD-XL-Bash-CF');
  await page.selectOption('#size', '768x768');
  await page.click('#generate');

  assert.equal(await page.$eval('#generate', (b) => b.disabled), true, 'the button is disabled while it works');
  await page.waitForFunction(() => document.getElementById('progress').textContent.length > 0);

  await page.waitForSelector('#result:not([hidden])', { timeout: 30_000 });
  await page.waitForFunction(() => document.getElementById('result-image').complete
    && document.getElementById('result-image').naturalWidth > 0);
  assert.deepEqual(await naturalSize('#result-image'), [768, 768]);
  const used = await page.textContent('#result-prompt');
  assert.match(used, /一只可爱的猫咪/);
  assert.match(used, /emulated/, 'the prompt shown is the one the translation made');
  assert.equal(await page.$eval('#result-image', (img) => img.alt), used);
  assert.equal(await page.textContent('#result-size'), '768x768');
  assert.equal(await page.$eval('#generate', (b) => b.disabled), false);
  await page.screenshot({ path: `${SHOTS}desktop-result.png`, fullPage: true });
});

test('the history keeps the image after a reload', async () => {
  await page.reload();
  await page.waitForSelector('#history li img');
  await page.waitForFunction(() => document.querySelector('#history li img').naturalWidth > 0);
  assert.deepEqual(await naturalSize('#history li img'), [768, 768]);
  assert.match(await page.textContent('#history li span'), /一只可爱的猫咪/);
  await page.click('#history li button');
  await page.waitForSelector('#result:not([hidden])');
  assert.deepEqual(await naturalSize('#result-image'), [768, 768]);
});

test('a wrong key is said plainly', async () => {
  provoked = /status of 401/;
  try {
    await saveKey('not-the-key');
    await page.fill('#prompt', 'a cat');
    await page.click('#generate');
    await page.waitForSelector('#error:not([hidden])');
    assert.match(await page.textContent('#error'), /API key was not accepted/);
  } finally {
    provoked = null;
  }
  await saveKey(KEY);
});

test('a key with a daily budget shows the images it has left', { skip: !process.env.BUDGET_KEY }, async () => {
  await saveKey(process.env.BUDGET_KEY);
  await page.waitForSelector('#budget:not([hidden])');
  const [, left, of] = (await page.textContent('#budget')).match(/^(\d+) of (\d+) images left today$/);
  await page.fill('#prompt', 'a lantern on a table');
  await page.selectOption('#model', 'SD-XL-Lightning-CF');
  await page.click('#generate');
  await page.waitForSelector('#result:not([hidden])', { timeout: 30_000 });
  await page.waitForFunction((text) => document.getElementById('budget').textContent === text,
    `${Number(left) - 1} of ${of} images left today`);
  await saveKey(KEY);
  await page.waitForSelector('#budget', { state: 'hidden' });
});

test('every field has a label and the result image has alt text', async () => {
  const unlabeled = await page.$$eval('input, select, textarea', (fields) => fields
    .filter((f) => f.type !== 'hidden' && !(f.labels && f.labels.length > 0)).map((f) => f.id));
  assert.deepEqual(unlabeled, []);
  await page.focus('#prompt');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'model');
});

test('the interface follows a Chinese browser and switches to English', async () => {
  const zh = await browser.newContext({ locale: 'zh-CN' });
  const zhPage = watch(await zh.newPage());
  await zhPage.goto(GATEWAY);
  assert.equal(await zhPage.textContent('#generate'), '生成');
  assert.equal(await zhPage.getAttribute('html', 'lang'), 'zh-CN');
  await zhPage.click('#language');
  assert.equal(await zhPage.textContent('#generate'), 'Generate');
  await zh.close();
});

test('at a phone width the page does not scroll sideways', async () => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true,
    hasTouch: true, locale: 'en-US' });
  const phonePage = watch(await phone.newPage());
  await phonePage.goto(GATEWAY);
  await phonePage.waitForSelector('#model option', { state: 'attached' });
  const [scrollWidth, width] = await phonePage.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scrollWidth <= width, `page is ${scrollWidth}px wide in a ${width}px window`);
  await phonePage.screenshot({ path: `${SHOTS}phone.png`, fullPage: true });
  await phone.close();
});

test('a whole session leaves the console clean: the icon, generating, the language, the history, a reload', async () => {
  const icon = await page.$eval('link[rel=icon]', (link) => link.href);
  assert.equal((await fetch(icon)).status, 200);
  await page.goto(GATEWAY);
  await page.click('#language');
  await page.click('#language');
  await page.fill('#prompt', 'a small boat on a lake');
  await page.waitForSelector('#model option[value="SD-XL-Lightning-CF"]', { state: 'attached' });
  await page.selectOption('#model', 'SD-XL-Lightning-CF');
  await page.click('#generate');
  await page.waitForSelector('#result:not([hidden])', { timeout: 30_000 });
  await page.reload();
  await page.waitForSelector('#history li img');
  await page.click('#history li button');
  await page.waitForSelector('#result:not([hidden])');

  assert.deepEqual(problems, []);
});
