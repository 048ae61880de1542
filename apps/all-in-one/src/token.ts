import { parseArgs } from 'node:util';
import { authClaimsSchema, ROLES, signToken } from '@monitoring/auth';
import { configFromEnvironment } from '@monitoring/config';

const USAGE = `usage: npm run token -- --role <${ROLES.join('|')}> --region <code prefix> [--sub <user id>] [--hours <n>]`;

/**
 * `npm run token -- --role county_officer --region 410423 --sub officer-17` prints a bearer token signed
 * with AUTH_JWT_SECRET, for local use with curl; the token is the last line of the output.
 */
function main(): void {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      region: { type: 'string' },
      sub: { type: 'string' },
      hours: { type: 'string' },
    },
    strict: true,
  });
  if (!values.role || !values.region) throw new Error(USAGE);
  const hours = values.hours === undefined ? 12 : Number(values.hours);
  if (!Number.isFinite(hours) || hours <= 0) throw new Error(`--hours must be a positive number\n${USAGE}`);

  const claims = authClaimsSchema.safeParse({
    sub: values.sub ?? `${values.role}-local`,
    role: values.role,
    region: values.region,
  });
  if (!claims.success)
    throw new Error(`${claims.error.issues.map((issue) => issue.message).join('; ')}\n${USAGE}`);

  const config = configFromEnvironment();
  const token = signToken(claims.data, config.auth.jwtSecret, { expiresInSeconds: Math.round(hours * 3600) });
  process.stdout.write(`${token}\n`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
}
