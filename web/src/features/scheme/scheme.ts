// A league's or a card's scheme status (the API's `scheme`): whether to say "no scheme in force".
import type { SchemeStatus } from '../../lib/api.ts';

/** True when the answer says no evaluation scheme was in force for the scoring period. */
export function noScheme(s: unknown): s is SchemeStatus {
  return typeof s === 'object' && s !== null && (s as SchemeStatus).in_force === false && typeof (s as SchemeStatus).period === 'string';
}
