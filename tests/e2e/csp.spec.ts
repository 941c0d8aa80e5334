import { CONTENT_SECURITY_POLICY, HEADER_ONLY_POLICY } from '../../src/web/csp';
import { expect, loadSample, test } from './fixtures';

// The built page (npm run build:web, as test:e2e runs it) and the bridge's header carry the one policy of src/web/csp.ts.
test('the built index.html and the web bridge header carry the same Content-Security-Policy, and the app runs under it', async ({ browser, app }) => {
  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto(app.url);
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toBe(CONTENT_SECURITY_POLICY);
  // Two header fields, both enforced: the meta tag's policy, identical, and frame-ancestors, which a meta tag cannot carry.
  expect(await response!.headerValues('content-security-policy')).toEqual([CONTENT_SECURITY_POLICY, HEADER_ONLY_POLICY]);
  await loadSample(page);
  expect(violations).toEqual([]);
  await page.close();
});
