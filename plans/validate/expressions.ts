/**
 * Ref and type rules for every expression in a plan: refs name declared inputs, written
 * variables, ancestor steps and real output fields; operands and results have acceptable types.
 */
import type { Dag } from '../dag.js';
import { varsWrittenBy } from '../defaults.js';
import { exprSites } from '../expr-sites.js';
import type { ExprSite } from '../expr-sites.js';
import type { StaticType } from '../expr/ops.js';
import { refsOf } from '../expr/refs.js';
import type { RefPath } from '../expr/refs.js';
import { inferType } from '../expr/types.js';
import { issue, toPointer } from '../issues.js';
import type { Issue } from '../issues.js';
import type { InputFieldType, Plan } from '../schema.js';
import { EVENT_FIELD_TYPES, outputFieldsOf, RUN_FIELD_TYPES } from '../step-outputs.js';

const INPUT_TYPES: Record<InputFieldType, StaticType> = {
  string: 'string', number: 'number', integer: 'number', boolean: 'boolean', array: 'list', object: 'record', any: 'any',
};

interface Resolved { type: StaticType; error?: { code: Issue['code']; message: string } }

/** Types a ref and says what is wrong with it, from the point of view of step `at`. */
function resolver(plan: Plan, dag: Dag, ancestry: readonly ReadonlySet<number>[], vars: ReadonlySet<string>) {
  return (ref: RefPath, at: number, site: ExprSite): Resolved => {
    const [head, ...rest] = ref.segments;
    const fail = (code: Issue['code'], message: string): Resolved => ({ type: 'any', error: { code, message } });
    const field = (fields: Readonly<Record<string, StaticType>>, name: string | undefined, tail: string[], what: string): Resolved => {
      if (name === undefined) return { type: 'record' };
      const type = fields[name];
      if (type === undefined) return fail('REF_UNKNOWN_FIELD', `expected a field of ${what} (${Object.keys(fields).join(', ') || 'none'}), found "${name}"`);
      return deeper(type, tail, `${what}.${name}`);
    };
    switch (ref.root) {
      case 'input': {
        const declared = plan.input?.fields[head as string];
        if (declared === undefined) return fail('REF_UNKNOWN_INPUT', `expected a declared input field (${Object.keys(plan.input?.fields ?? {}).join(', ') || 'none declared'}), found "${head}"`);
        return deeper(INPUT_TYPES[declared.type], rest, `input.${head}`);
      }
      case 'vars':
        return vars.has(head as string) ? { type: 'any' } : fail('REF_UNKNOWN_VAR', `expected a variable some step binds or assigns, found "${head}"`);
      case 'steps': {
        const target = dag.index.get(head as string);
        if (target === undefined) return fail('REF_UNKNOWN_STEP', `expected a step name, found "${head}"`);
        if (!ancestry[at]?.has(target)) return fail('REF_NOT_ANCESTOR', `expected a step that "${dag.names[at]}" depends on (directly or not), found "${head}"`);
        return field(outputFieldsOf(plan.steps[target] as Plan['steps'][number]), rest[0], rest.slice(1), `steps.${head}`);
      }
      case 'run':
        return field(RUN_FIELD_TYPES, head, rest, 'run');
      case 'event':
        if (site.allowsEvent !== true) return fail('REF_EVENT_OUTSIDE_WHERE', 'expected event.* only inside an await_event where, found it here');
        return field(EVENT_FIELD_TYPES, head, rest, 'event');
      case 'correlation':
        return { type: 'any' };
    }
  };
}

/** Reading below a scalar or list is a type error; below a record or any value, unknown. */
function deeper(type: StaticType, tail: string[], what: string): Resolved {
  if (tail.length === 0 || type === 'any' || type === 'record') return { type: tail.length === 0 ? type : 'any' };
  return { type: 'any', error: { code: 'EXPR_TYPE_MISMATCH', message: `expected a record at ${what} to read "${tail[0]}", found ${type}` } };
}

/** Needs an acyclic graph with unique names: `ancestry` comes from `ancestors(dag)`. */
export function checkExpressions(plan: Plan, dag: Dag, ancestry: readonly ReadonlySet<number>[]): Issue[] {
  const issues: Issue[] = [];
  const vars = new Set(plan.steps.flatMap(varsWrittenBy));
  const resolve = resolver(plan, dag, ancestry, vars);
  plan.steps.forEach((step, i) => {
    for (const site of exprSites(step)) {
      const base = ['steps', i, ...site.path];
      for (const ref of refsOf(site.expr)) {
        const found = resolve(ref, i, site).error;
        const at = toPointer(base) + ref.pointer;
        if (found) issues.push(issue(found.code, at, `${found.message} in ref "${ref.path}" at ${at}`));
      }
      const typed = inferType(site.expr, (ref) => resolve(ref, i, site).type, base);
      issues.push(...typed.issues);
      if (site.want !== undefined && typed.type !== 'any' && typed.type !== site.want) {
        const at = toPointer(base);
        issues.push(issue('EXPR_TYPE_MISMATCH', at, `expected ${site.want} for ${site.path.join('.')}, found ${typed.type} at ${at}`));
      }
    }
  });
  return issues;
}
