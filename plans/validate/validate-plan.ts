/**
 * validatePlan: JSON in, a Plan or every issue out. Phases: the zod schema (shape, types,
 * formats, expression structure); then graph rules; then, on a sound graph (acyclic, unique
 * names), step and expression rules that need ancestry. A later phase runs only when the earlier
 * one passed, so one mistake is not reported five times over.
 */
import { ancestors, buildDag } from '../dag.js';
import { reservedError } from '../error-codes.js';
import type { WorldlineError } from '../../kernel/errors.js';
import { issue, sortIssues, toPointer } from '../issues.js';
import type { Issue } from '../issues.js';
import { planSchema } from '../plan-zod.js';
import type { Plan } from '../schema.js';
import { checkExpressions } from './expressions.js';
import { checkGraph } from './graph-rules.js';
import { checkSteps } from './step-rules.js';
import { fromZodError } from './zod-issues.js';

export type ValidationResult = { ok: true; plan: Plan } | { ok: false; issues: Issue[] };

export function validatePlan(json: unknown): ValidationResult {
  const forbidden = protoKeys(json);
  if (forbidden.length > 0) return { ok: false, issues: forbidden };
  const parsed = planSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) return { ok: false, issues: fromZodError(parsed.error) };
  // No transforms or defaults in the schema: the parsed value is the document, typed.
  const plan = parsed.data as Plan;
  const dag = buildDag(plan.steps);
  const graph = checkGraph(plan, dag);
  const sound = dag.order !== null && !graph.some((i) => i.code === 'DUPLICATE_STEP_NAME');
  const ancestry = sound ? ancestors(dag) : null;
  const issues = [
    ...graph,
    ...checkSteps(plan, dag, ancestry),
    ...(ancestry === null ? [] : checkExpressions(plan, dag, ancestry)),
  ];
  return issues.length === 0 ? { ok: true, plan } : { ok: false, issues: sortIssues(issues) };
}

/**
 * A `__proto__` key parses from JSON as an own property but vanishes (or rewires a prototype) when
 * copied into a plain object, so the parsed plan would differ from the reviewed file. Refused
 * before anything else, by an iterative walk (a hostile document may nest very deep).
 */
function protoKeys(json: unknown): Issue[] {
  const out: Issue[] = [];
  const seen = new WeakSet<object>(); // built (not parsed) documents may share or cycle
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: json, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: (string | number)[] };
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    for (const key of Object.keys(value)) {
      const at = [...path, Array.isArray(value) ? Number(key) : key];
      if (key === '__proto__') out.push(issue('INVALID_NAME', toPointer(at), `expected any key but "__proto__", found it at ${toPointer(at)}`));
      stack.push({ value: (value as Record<string, unknown>)[key], path: at });
    }
  }
  return sortIssues(out);
}

/** The plan, or a PLAN_INVALID error listing every issue (for loaders and the builder). */
export function parsePlan(json: unknown, where: { file?: string } = {}): Plan {
  const result = validatePlan(json);
  if (result.ok) return result.plan;
  throw planInvalid(result.issues, where);
}

export function planInvalid(issues: Issue[], where: { file?: string } = {}): WorldlineError {
  const head = issues.slice(0, 3).map((i) => `${i.code} ${i.message}`).join('; ');
  const more = issues.length > 3 ? ` (+${issues.length - 3} more)` : '';
  return reservedError('PLAN_INVALID', `plan failed validation: ${head}${more}`, {
    issues, where, hint: 'fix each issue at its JSON pointer; `worldline plan validate FILE` lists them all',
  });
}
