/**
 * lintPlan: findings on a plan that already passed validatePlan, sorted by pointer then code.
 */
import type { Plan } from '../schema.js';
import { comparePointers } from '../issues.js';
import { lintContext } from './context.js';
import { lintEffects } from './effects.js';
import { lintExpressions } from './expressions.js';
import { collector } from './findings.js';
import type { Finding } from './findings.js';
import { lintStructure } from './structure.js';
import { lintCorrelation, lintWaits } from './waits.js';

export function lintPlan(plan: Plan): Finding[] {
  const ctx = lintContext(plan);
  const { findings, report } = collector();
  lintWaits(ctx, report);
  lintCorrelation(ctx, report);
  lintEffects(ctx, report);
  lintStructure(ctx, report);
  lintExpressions(ctx, report);
  return findings.sort((a, b) => comparePointers(a.pointer, b.pointer) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
