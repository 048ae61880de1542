import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { signToken } from '@monitoring/auth';
import { DEVELOPMENT_JWT_SECRET } from '@monitoring/config';
import { formatInstant } from '@monitoring/domain';
import {
  aClaimRecord,
  aHouseholdRegistration,
  anIncomeAssessment,
} from '@monitoring/domain/testing/source-records.builder';
import { createRedisPrefix, createTestDatabase, type TestDatabase } from '@monitoring/testing';
import { allInOneApplication } from '../../apps/all-in-one/src/all-in-one.application';
import { startTestApp, type TestApp } from './support/test-app';

const DAY_MS = 86_400_000;
const SCREENSHOTS = join(__dirname, 'screenshots');
const beijing = (ms: number) => formatInstant(ms, 480);
const beijingDate = (ms: number) => beijing(ms).slice(0, 10);

/**
 * Issue 9 end to end: the console built as `npm run build` builds it, served by the all-in-one app on
 * real PostgreSQL and Redis, data through the real ingest API and the monitor's projector, driven in
 * Debian's chromium by playwright-core.
 */
describe('the web console in a browser', () => {
  jest.setTimeout(180_000);
  let db: TestDatabase;
  const redis = createRedisPrefix('console_e2e');
  const scratch = mkdtempSync(join(tmpdir(), 'console-e2e-'));
  let running: TestApp;
  let base: string;
  let browser: BrowserContext;
  const now = Date.now();
  const households = {
    lushanA: 'H410423000901',
    lushanB: 'H410423000902',
    jiaxian: 'H410425000903',
    anyang: 'H410522000904',
  };

  async function ingest(topic: 'registry' | 'income' | 'claims', records: unknown[]): Promise<void> {
    const token = signToken({ sub: 'ingest-e2e', role: 'ingest', region: '41' }, DEVELOPMENT_JWT_SECRET);
    const response = await fetch(`${base}/api/v1/ingest/${topic}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ records }),
    });
    const body = (await response.json()) as { accepted: number; rejected: unknown[] };
    if (response.status !== 200 || body.accepted !== records.length) {
      throw new Error(`ingest ${topic}: ${response.status} ${JSON.stringify(body)}`);
    }
  }

  /** A never-poor household of three with a big hospital bill ten days ago: the monitor opens a case. */
  async function householdWithABigBill(householdId: string, regionCode: string): Promise<void> {
    const registration = aHouseholdRegistration()
      .withHouseholdId(householdId)
      .inRegion(regionCode)
      .neverPoor()
      .withMembers(3)
      .occurredAt('2024-01-15T09:00:00+08:00');
    const incomeAt = now - 60 * DAY_MS;
    await ingest('registry', [registration.build()]);
    await ingest('income', [
      anIncomeAssessment()
        .forHousehold(registration)
        .forYear(new Date(incomeAt).getUTCFullYear() - 1)
        .netIncome(6_000_000, 3)
        .occurredAt(beijing(incomeAt))
        .build(),
    ]);
    await ingest('claims', [
      aClaimRecord()
        .forHousehold(registration)
        .inpatient()
        .outOfPocket(5_000_000)
        .settledAt(beijing(now - 10 * DAY_MS))
        .build(),
    ]);
  }

  async function waitForCases(count: number): Promise<void> {
    const token = signToken(
      { sub: 'staff-e2e', role: 'province_staff', region: '41' },
      DEVELOPMENT_JWT_SECRET,
    );
    for (let attempt = 0; attempt < 600; attempt += 1) {
      const response = await fetch(`${base}/api/v1/cases`, { headers: { Authorization: `Bearer ${token}` } });
      const body = (await response.json()) as { total?: number };
      if (body.total === count) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the monitor did not open ${count} cases`);
  }

  async function signInAs(label: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${base}/console`);
    await page.waitForURL(/\/console\/sign-in/);
    await page.getByRole('button', { name: `以“${label}”登录` }).click();
    return page;
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    execFileSync(process.execPath, ['apps/console/build.mjs'], { stdio: 'ignore' });
    db = await createTestDatabase('console_e2e');
    running = await startTestApp(allInOneApplication, {
      DATABASE_URL: db.url,
      REDIS_PREFIX: redis.prefix,
      EXCHANGE_DIR: join(scratch, 'exchanges'),
      AUTH_DEV_LOGIN: 'true',
    });
    await running.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(running.app.getHttpServer().address() as AddressInfo).port}`;

    await householdWithABigBill(households.lushanA, '410423203201');
    await householdWithABigBill(households.lushanB, '410423100202');
    await householdWithABigBill(households.jiaxian, '410425100201');
    await householdWithABigBill(households.anyang, '410522100201');
    await waitForCases(4);

    browser = await chromium.launchPersistentContext(join(scratch, 'chromium-profile'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
    await redis.cleanup();
    await db?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('lets a county officer work a case of their own county from the queue to assistance', async () => {
    const page = await signInAs('县级干部（鲁山县）');
    await page.waitForURL(/\/console\/queue$/);
    const rows = page.locator('table.queue tbody tr');
    await rows.first().waitFor();
    expect((await rows.locator('th').allTextContents()).sort()).toEqual([
      households.lushanA,
      households.lushanB,
    ]);
    await expect(page.getByRole('status').filter({ hasText: '共 2 件' }).count()).resolves.toBe(1);
    expect(await rows.first().locator('td').nth(4).textContent()).toMatch(/^入户核实：剩 [67] 天$/);
    await shot(page, 'queue-county-officer');

    // The filters go into the URL, and the same URL shows the same queue.
    await page.getByLabel('区划代码前缀').fill('410423203');
    await page.getByRole('button', { name: '应用筛选' }).click();
    await page.waitForURL(/\/console\/queue\?region=410423203$/);
    await page.reload();
    await expect(page.getByLabel('区划代码前缀').inputValue()).resolves.toBe('410423203');
    await page.getByRole('status').filter({ hasText: '共 1 件' }).waitFor();
    expect(await rows.locator('th').allTextContents()).toEqual([households.lushanA]);

    await page.getByRole('link', { name: households.lushanA }).click();
    await page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}$/);
    const stage = page.getByTestId('case-stage');
    await expect(stage.textContent()).resolves.toBe('待核实');
    await page.getByRole('row', { name: /医疗自付费用很高/ }).waitFor();
    const idNumbers = await page.locator('td.mono').allTextContents();
    expect(idNumbers.length).toBe(3);
    for (const id of idNumbers) expect(id).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    // Only the action of this stage is offered.
    expect(await page.getByRole('button', { name: '提交核实结果' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '登记帮扶' }).count()).toBe(0);
    await shot(page, 'case-open');

    // Nothing chosen: the form says what is missing and sends nothing.
    await page.getByRole('button', { name: '提交核实结果' }).click();
    await page.getByRole('alert').filter({ hasText: '请更正标出的字段' }).waitFor();
    await expect(stage.textContent()).resolves.toBe('待核实');

    await page.getByLabel('确认纳入监测').check();
    await page.getByLabel('核实情况').fill('入户核实：住院费用负担重，情况属实');
    await page.getByRole('button', { name: '提交核实结果' }).click();
    await page.getByRole('status').filter({ hasText: '已保存，案件阶段：已核实' }).waitFor();
    // The page re-reads the case once the read model has caught up: wait for it, then check.
    await stage.filter({ hasText: /^已核实$/ }).waitFor();
    await expect(stage.textContent()).resolves.toBe('已核实');

    await page.getByLabel('措施类型').selectOption('medical');
    await page.getByLabel('措施内容').fill('医疗救助：二次报销');
    await page.getByLabel('金额（元，可选）').fill('12.345');
    await page.getByRole('button', { name: '登记帮扶' }).click();
    await page.getByText('请输入金额（元），最多两位小数').waitFor();
    await page.getByLabel('金额（元，可选）').fill('1,200.50');
    await page.getByRole('button', { name: '登记帮扶' }).click();
    await page.getByRole('status').filter({ hasText: '已保存，案件阶段：帮扶中' }).waitFor();
    // The page re-reads the case once the read model has caught up: wait for it, then check.
    await stage.filter({ hasText: /^帮扶中$/ }).waitFor();
    await expect(stage.textContent()).resolves.toBe('帮扶中');
    await page
      .getByRole('cell', { name: /1,200\.50 元/ })
      .first()
      .waitFor();
    await shot(page, 'case-assisting');

    // As of a day before the bill, the household was not at risk. While that answer is held on its
    // way, today's figures are not shown under the date's heading.
    const before = beijingDate(now - 20 * DAY_MS);
    const asOfRequest = /\/households\/[^/?]+\?asOf=/;
    let releaseAsOf = () => undefined as void;
    const asOfReleased = new Promise<void>((resolve) => (releaseAsOf = resolve));
    let markAsked = () => undefined as void;
    const asOfAsked = new Promise<void>((resolve) => (markAsked = resolve));
    await page.route(asOfRequest, async (route) => {
      markAsked();
      await asOfReleased;
      await route.continue();
    });
    await page.getByLabel('查看历史日期').fill(before);
    await page.getByRole('button', { name: '查看', exact: true }).click();
    await page.waitForURL(new RegExp(`asOf=${before}$`));
    await asOfAsked;
    await expect(page.getByTestId('household-score').count()).resolves.toBe(0);
    releaseAsOf();
    await page.getByRole('heading', { name: `${before} 时的风险与因素` }).waitFor();
    await page.unroute(asOfRequest);
    await page.getByText('显示的是').waitFor();
    expect(Number(await page.getByTestId('household-score').textContent())).toBeLessThan(50);
    await shot(page, 'case-as-of');

    // The English switch.
    await page.getByRole('button', { name: '切换到英文' }).click();
    // The page re-reads the case once the read model has caught up: wait for it, then check.
    await stage.filter({ hasText: /^Assisting$/ }).waitFor();
    await expect(stage.textContent()).resolves.toBe('Assisting');
    // The choice is kept for the next page, even one opened at once.
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();

    // A case of another county is not found, as the API answers.
    const token = signToken({ sub: 'staff', role: 'province_staff', region: '41' }, DEVELOPMENT_JWT_SECRET);
    const all = (await (
      await fetch(`${base}/api/v1/cases?county=410522`, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as { items: { caseId: string }[] };
    await page.goto(`${base}/console/cases/${all.items[0].caseId}`);
    await page.getByRole('alert').filter({ hasText: '未找到，或不在您的管辖区域内' }).waitFor();
    await page.close();
  });

  it('lets province staff drill down from the province to a city and a county', async () => {
    const page = await signInAs('省级监测人员（河南）');
    await page.waitForURL(/\/console\/dashboard$/);
    await page.getByRole('heading', { name: '监测概况：41' }).waitFor();
    const regions = page.locator('table tbody tr th a');
    await regions.first().waitFor();
    expect(await regions.allTextContents()).toEqual(['4104', '4105']);
    await page.locator('.chart canvas').first().waitFor();
    await shot(page, 'dashboard-province');

    await page.getByRole('link', { name: '4104', exact: true }).click();
    await page.waitForURL(/\/console\/dashboard\/4104$/);
    await page.getByRole('heading', { name: '监测概况：4104' }).waitFor();
    await page.getByRole('link', { name: '410425', exact: true }).waitFor();
    expect(await page.locator('table tbody tr th a').allTextContents()).toEqual(['410423', '410425']);
    await shot(page, 'dashboard-city');

    await page.getByRole('link', { name: '410423', exact: true }).click();
    await page.waitForURL(/\/console\/dashboard\/410423$/);
    await page.getByRole('heading', { name: '监测概况：410423' }).waitFor();
    // The heading comes with the route; the figures once the county's statistics have arrived.
    await page.locator('.cards').waitFor();
    const cards = await page.locator('.card').allTextContents();
    expect(cards).toContain('2案件');
    expect(cards).toContain('2统计期内新开案件');
    await shot(page, 'dashboard-county');

    // A period of one's choosing goes into the URL, and the figures follow it; the breadcrumb keeps it.
    await page.getByLabel('统计期自').fill('2025-02-01');
    await page.getByLabel('至', { exact: true }).fill('2025-01-31');
    await page.getByRole('button', { name: '查看', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '开始不晚于结束' }).waitFor();
    expect(page.url()).toMatch(/\/console\/dashboard\/410423$/);
    await page.getByLabel('统计期自').fill('2025-01-01');
    await page.getByRole('button', { name: '查看', exact: true }).click();
    await page.waitForURL(/\/console\/dashboard\/410423\?from=2025-01-01&to=2025-01-31$/);
    await page.getByText('统计期：2025-01-01 至 2025-01-31').waitFor();
    const inJanuary = await page.locator('.card').allTextContents();
    expect(inJanuary).toContain('0统计期内新开案件');
    expect(inJanuary).toContain('2案件');
    await page.getByRole('link', { name: '4104', exact: true }).click();
    await page.waitForURL(/\/console\/dashboard\/4104\?from=2025-01-01&to=2025-01-31$/);
    await page.getByRole('heading', { name: '监测概况：4104', exact: true }).waitFor();
    await page.getByText('统计期：2025-01-01 至 2025-01-31').waitFor();
    await page.getByRole('button', { name: '最近 30 天' }).click();
    await page.waitForURL(/\/console\/dashboard\/4104$/);
    await page.getByText('统计期：2025-01-01 至 2025-01-31').waitFor({ state: 'detached' });
    await page.locator('.cards').waitFor();
    expect(await page.locator('.card').allTextContents()).toContain('3统计期内新开案件');
    await expect(page.getByLabel('统计期自').inputValue()).resolves.toBe('');
    // Back in the browser brings the period back, in the figures and in the form.
    await page.goBack();
    await page.waitForURL(/\/console\/dashboard\/4104\?from=2025-01-01&to=2025-01-31$/);
    await page.getByText('统计期：2025-01-01 至 2025-01-31').waitFor();
    await expect(page.getByLabel('统计期自').inputValue()).resolves.toBe('2025-01-01');
    await expect(page.getByLabel('至', { exact: true }).inputValue()).resolves.toBe('2025-01-31');

    // Province staff see the cases but are offered no action outside a county they hold.
    await page.getByRole('link', { name: '预警队列' }).click();
    await page.getByRole('status').filter({ hasText: '共 4 件' }).waitFor();
    await page.getByRole('link', { name: households.anyang }).click();
    await page.getByText('您在此阶段没有可进行的操作。').waitFor();
    await page.close();
  });

  it('fits a tablet screen and works from the keyboard alone', async () => {
    const page = await signInAs('县级干部（鲁山县）');
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.waitForURL(/\/console\/queue$/);
    await page.locator('table.queue tbody tr').first().waitFor();
    // Nothing wider than the screen: no sideways scrolling on a tablet.
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'queue-tablet');

    // Tab through the page to the first case link and open it with Enter.
    const target = households.lushanA;
    let focused = '';
    for (let presses = 0; presses < 40 && focused !== target; presses += 1) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate<string>("document.activeElement?.textContent?.trim() ?? ''");
    }
    expect(focused).toBe(target);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: `案件 ${target}` }).waitFor();
    await page.close();
  });

  it('lets the bureau run an exchange, download a file with its token and acknowledge the batch', async () => {
    const page = await signInAs('乡村振兴局');
    await page.waitForURL(/\/console\/bureau$/);
    await page.getByText('还没有交换批次。').waitFor();
    await page.getByRole('button', { name: '立即生成一批' }).click();
    const row = page.locator('tr[data-batch="1"]');
    await row.waitFor();
    expect(await row.locator('td').nth(1).textContent()).toBe('4');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /^下载 households\.csv/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('exchange-1-households.csv');
    const saved = join(scratch, download.suggestedFilename());
    await download.saveAs(saved);
    const csv = readFileSync(saved, 'utf8');
    for (const id of Object.values(households)) expect(csv).toContain(id);
    await page.getByRole('status').filter({ hasText: '已下载 households.csv' }).waitFor();

    await page.getByRole('button', { name: '确认接收' }).click();
    await row.getByText(/^dev-bureau 于 /).waitFor();
    await shot(page, 'bureau');
    await page.close();
  });
});
