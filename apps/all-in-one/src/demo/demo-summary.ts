import { count, seconds, type DemoOutput } from './demo-output';
import type { DemoResult } from './run-demo';

const CATEGORIES = ['none', 'marginal', 'unstable', 'sudden_hardship'];
const STAGES = ['open', 'verified', 'assisting', 'long_term_follow_up', 'risk_eliminated', 'dismissed'];

const listed = (figures: Record<string, number>, order: readonly string[]): string =>
  [...order, ...Object.keys(figures).filter((key) => !order.includes(key))]
    .filter((key) => (figures[key] ?? 0) > 0)
    .map((key) => `${key} ${count(figures[key] ?? 0)}`)
    .join(', ') || 'none';

const missed = ({ due, metInTime }: { due: number; metInTime: number }) => due - metInTime;

/** The summary the issue asks for, after the flow's own progress lines. */
export function printSummary(result: DemoResult, output: DemoOutput): void {
  const { province, feed, stats, exchange } = result;
  const { region } = stats;
  const say = (line = '') => output.say(line);
  say('');
  say(`Summary (${seconds(result.elapsedMs)})`);
  say(
    `  province      ${count(province.households)} households (seed ${JSON.stringify(province.seed)}), ` +
      `${count(province.totalLines)} lines: registry ${count(feed.byTopic.registry)}, ` +
      `income ${count(feed.byTopic.income)}, claims ${count(feed.byTopic.claims)}`,
  );
  say(
    `  ingested      over ${feed.path.toUpperCase()}: ${count(feed.accepted)} records accepted, ` +
      `${count(feed.duplicates)} duplicates skipped, ${count(feed.rejected)} rejected ` +
      `(the generator re-delivered ${count(province.duplicates)} and malformed ${count(province.malformed.total)})`,
  );
  for (const example of feed.rejectionExamples.slice(0, 3)) say(`                e.g. rejected ${example}`);
  if (feed.path === 'kafka' && feed.rejected > 0) {
    say(
      '                the rejected messages went to the <topic>.dlq topics and the rejected_messages table, with the reason',
    );
  }
  say(
    `  households    ${count(region.households.total)} assessed: ${listed(region.households.byCategory, CATEGORIES)}`,
  );
  say(`  cases         ${count(region.cases.total)}: ${listed(region.cases.byStage, STAGES)}`);
  const officers = result.officers;
  say(
    `  officers      in ${count(officers.counties)} counties: ${count(officers.confirmed)} visits confirmed ` +
      `(${count(officers.assisted)} with assistance), ${count(officers.dismissed)} dismissed, ${count(officers.leftAlone)} cases left alone`,
  );
  const { verification, assistance, escalated, overdueNow } = region.deadlines;
  say(
    `  deadlines     verification: ${count(verification.due)} due, ${count(missed(verification))} missed; ` +
      `assistance: ${count(assistance.due)} due, ${count(missed(assistance))} missed; ` +
      // A case escalated to the city and later to the province counts once, at the province.
      `escalated, now at the city ${count(escalated.city)}, at the province ${count(escalated.province)}; ` +
      `${count(overdueNow)} overdue now`,
  );
  for (const step of result.deadlines) {
    say(
      `                sweep ${step.label} (${step.at}): ${count(step.sweep.appended)} DeadlineMissed/CaseEscalated events`,
    );
  }
  say(`  by city       code  households at risk  cases  overdue  escalated`);
  for (const city of stats.children) {
    const atRisk = city.households.total - (city.households.byCategory.none ?? 0);
    const escalatedCases = city.deadlines.escalated.city + city.deadlines.escalated.province;
    say(
      `                ${city.regionCode.padEnd(6)}${count(atRisk).padStart(19)}${count(city.cases.total).padStart(7)}` +
        `${count(city.deadlines.overdueNow).padStart(9)}${count(escalatedCases).padStart(11)}`,
    );
  }
  say(`  exchange      batch ${exchange.batchId}, ${count(exchange.rowCount)} households:`);
  for (const file of exchange.files) say(`                ${file.path} (${count(file.size)} bytes)`);
  say('');
  say(`API docs: ${result.docsUrl}`);
  say(`A province staff token for region ${region.regionCode} (12 h):`);
  say(`  export TOKEN=${result.token}`);
  say(`  curl -H "Authorization: Bearer $TOKEN" '${result.baseUrl}/cases?overdue=true&limit=5'`);
}
