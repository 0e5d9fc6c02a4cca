// The search page of saekin-serve in Debian's chromium, as a person uses
// it: types 보안 그 (the last syllable still being composed by the IME)
// and then 보안 그룹, sees the results change, opens the preview, and
// checks the highlight, the docs link and a hostile note shown as text.
// Usage: node serve-page.mjs URL SCREENSHOT.png
// Prints one line per check and "N passed, N failed".
import { chromium } from 'playwright-core';

const [url, shot] = process.argv.slice(2);
let passed = 0, failed = 0;
function check(name, ok, detail) {
  if (ok) { passed++; console.log('ok - ' + name); }
  else { failed++; console.log('not ok - ' + name + (detail !== undefined ? ' # ' + JSON.stringify(detail) : '')); }
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const problems = [];
const dialogs = [];
const outside = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ko-KR' });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push('pageerror: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console: ' + m.text()); });
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  page.on('request', (r) => { if (!r.url().startsWith(url)) outside.push(r.url()); });

  // The answer number the page has shown, to wait for a newer one.
  const shown = () => page.evaluate(() => Number(document.body.dataset.shown || 0));
  const titles = () => page.$$eval('#results li .title', (els) => els.map((e) => e.textContent));
  async function waitNewer(than) {
    await page.waitForFunction((n) => Number(document.body.dataset.shown || 0) > n, than,
      { timeout: 10000 });
  }

  await page.goto(url);
  const box = page.locator('#q');
  check('the search box has the focus', await page.evaluate(() => document.activeElement.id === 'q'));

  // 보안 typed and committed, then 그 still being composed (as a Korean
  // IME holds it until the next key): the half-typed syllable searches.
  const cdp = await context.newCDPSession(page);
  let before = await shown();
  await page.keyboard.insertText('보안 ');
  await cdp.send('Input.imeSetComposition', { text: 'ㄱ', selectionStart: 1, selectionEnd: 1 });
  await cdp.send('Input.imeSetComposition', { text: '그', selectionStart: 1, selectionEnd: 1 });
  await waitNewer(before);
  await page.waitForTimeout(300); // let any later answer land
  const value1 = await box.inputValue();
  const first = await titles();
  check('while 그 is being composed the box holds 보안 그', value1 === '보안 그', value1);
  check('and results are shown for it', first.length > 0, first);
  check('보안 그 already finds 보안 그룹 (a completion)', first.includes('보안 그룹'), first);
  check('and 보안 그래프 (the other completion)', first.includes('보안 그래프'), first);

  // The syllable committed, then 룹 composed and committed: 보안 그룹.
  before = await shown();
  await cdp.send('Input.insertText', { text: '그' });
  await cdp.send('Input.imeSetComposition', { text: '루', selectionStart: 1, selectionEnd: 1 });
  await cdp.send('Input.imeSetComposition', { text: '룹', selectionStart: 1, selectionEnd: 1 });
  await cdp.send('Input.insertText', { text: '룹' });
  await page.waitForFunction(() => document.getElementById('q').value === '보안 그룹');
  await waitNewer(before);
  await page.waitForTimeout(300);
  const second = await titles();
  check('the box now holds 보안 그룹', (await box.inputValue()) === '보안 그룹');
  check('the results changed', JSON.stringify(first) !== JSON.stringify(second), { first, second });
  check('보안 그룹 ranks first', second[0] === '보안 그룹', second);
  check('the address bookmarks the search', new URL(page.url()).searchParams.get('q') === '보안 그룹', page.url());

  // The first result: highlight, heading path, file:line, docs link.
  const r0 = page.locator('#results li').first();
  const marks = await r0.locator('.snippet mark').allTextContents();
  check('the snippet highlights the matched words', marks.some((m) => m.includes('보안')), marks);
  check('the heading path is shown', (await r0.locator('.path').textContent()).includes('VPC 정리'));
  const fileHref = await r0.locator('.where a').getAttribute('href');
  check('file:line opens the editor (vscode://file/...:LINE)', /^vscode:\/\/file\/.*\/vpc\.md:3$/.test(fileHref || ''), fileHref);
  const docs = await r0.locator('.links a.docs').evaluateAll((as) => as.map((a) => a.href));
  check('the official docs link is there', docs.some((h) => h.startsWith('https://docs.aws.amazon.com/')), docs);

  // Keyboard: arrows move, Enter opens the preview.
  await page.keyboard.press('ArrowDown');
  check('ArrowDown selects the second result',
    await page.evaluate(() => document.querySelectorAll('#results li')[1]?.classList.contains('selected')));
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await page.locator('#preview').waitFor({ state: 'visible', timeout: 10000 });
  await page.waitForFunction(() => document.querySelector('#preview-body h2'));
  check('Enter opens the preview of the passage',
    (await page.locator('#preview-body h2').textContent()) === '보안 그룹');
  check('the preview is the passage only', !(await page.locator('#preview-body').textContent()).includes('네트워크 ACL'));
  if (shot) await page.screenshot({ path: shot });

  // '/' goes back to the box.
  await page.locator('#results li').first().click();
  await page.keyboard.press('/');
  check("'/' focuses the search box", await page.evaluate(() => document.activeElement.id === 'q'));

  // A hostile note: every character shown, nothing run.
  before = await shown();
  await box.fill('xsscanary');
  await waitNewer(before);
  const t = await page.locator('#results li .title').first().textContent();
  check('a hostile title is shown as its characters', t === '<img src=x onerror=alert(1)> 위험한 제목', t);
  check('and made no element', (await page.locator('#results img, #results script').count()) === 0);
  const snip = await page.locator('#results li .snippet').first().textContent();
  check('a <script> in the snippet is text', snip.includes('<script>alert(2)</script>'), snip);
  check('a javascript: link is not a link', (await page.locator('#results a[href^="javascript"]').count()) === 0);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => (document.getElementById('preview-title').textContent || '').includes('xss.md'));
  await page.waitForFunction(() => document.querySelector('#preview-body h1'));
  check('its preview shows the title as text',
    (await page.locator('#preview-body h1').textContent()).includes('<img src=x onerror=alert(1)>'));
  check('the preview has no script, image or javascript: link',
    (await page.locator('#preview-body script, #preview-body img, #preview-body a[href^="javascript"]').count()) === 0);
  await page.waitForTimeout(300);
  check('no alert ran', dialogs.length === 0, dialogs);

  // /?q= opens with the search done.
  await page.goto(url + '?q=' + encodeURIComponent('KMS 키 교체'));
  await page.waitForFunction(() => document.querySelectorAll('#results li').length > 0, null, { timeout: 10000 });
  check('/?q=KMS 키 교체 opens with that search done',
    (await page.locator('#results li .title').first().textContent()).includes('KMS'));

  check('no error on the page (CSP violations included)', problems.length === 0, problems);
  check('no request left this server', outside.length === 0, outside);
} catch (e) {
  check('the page test ran to its end', false, String(e && e.stack || e));
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
