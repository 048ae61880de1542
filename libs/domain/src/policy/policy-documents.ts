import henan2024 from './documents/41-henan-2024.1.json';
import shaanxi2024 from './documents/61-shaanxi-2024.1.json';
import { parsePolicyDocuments, type MonitoringPolicy } from './monitoring-policy';

/**
 * The policy documents shipped with the system, validated when this module loads (a bad document
 * stops the start-up with the field at fault). A deployment may add its own through
 * `parsePolicyDocuments`.
 */
export const defaultPolicyDocuments: readonly MonitoringPolicy[] = Object.freeze(
  parsePolicyDocuments([henan2024, shaanxi2024]),
);
