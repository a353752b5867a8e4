/**
 * Structural check of an expression as it arrives in JSON: known operators, strict nodes, arity,
 * well-formed ref paths, bounded depth and size. Types and refs are checked later, against the
 * plan (validate/expressions.ts).
 */
import { CALL_OPS, LIMITS } from '../schema.js';
import type { CallOp } from '../schema.js';
import { issue, show, toPointer } from '../issues.js';
import type { Issue, ValidationCode } from '../issues.js';
import { OPS } from './ops.js';
import { parseRefPath } from './refs.js';
import { isJsonValue, isRecord } from './values.js';

const NODE_KEYS: Record<string, string> = { lit: 'value', ref: 'path', list: 'items', record: 'fields' };

interface Walk {
  issues: Issue[];
  nodes: number;
  tooDeep: boolean;
}

/** Issues of the expression at `path` (segments from the plan root); empty when well-formed. */
export function checkExprShape(value: unknown, path: readonly (string | number)[]): Issue[] {
  const state: Walk = { issues: [], nodes: 0, tooDeep: false };
  visit(value, [...path], 0, state);
  if (state.nodes > LIMITS.maxExprNodes) {
    state.issues.push(issue('EXPR_TOO_LARGE', toPointer(path), `expected at most ${LIMITS.maxExprNodes} expression nodes, found ${state.nodes}`));
  }
  return state.issues;
}

function visit(value: unknown, path: (string | number)[], depth: number, state: Walk): void {
  state.nodes++;
  const at = toPointer(path);
  const fail = (code: ValidationCode, message: string) => state.issues.push(issue(code, at, message));
  if (depth > LIMITS.maxExprDepth) {
    if (!state.tooDeep) fail('EXPR_TOO_DEEP', `expected expressions nested at most ${LIMITS.maxExprDepth} deep`);
    state.tooDeep = true;
    return;
  }
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail('EXPR_INVALID', `expected a finite number, found ${String(value)}`);
    return;
  }
  if (!isRecord(value)) {
    const found = Array.isArray(value) ? 'a JSON array (write {"op":"list","items":[...]} or {"op":"lit","value":[...]})' : typeof value;
    fail('EXPR_INVALID', `expected a scalar literal or an {"op": ...} node, found ${found}`);
    return;
  }
  const op = value.op;
  if (typeof op !== 'string' || !(op in NODE_KEYS || (CALL_OPS as readonly string[]).includes(op))) {
    fail('EXPR_INVALID', `expected "op" to be lit, ref, list, record or one of ${CALL_OPS.join(', ')}, found ${show(op)}`);
    return;
  }
  const key = NODE_KEYS[op] ?? 'args';
  for (const extra of Object.keys(value)) {
    if (extra !== 'op' && extra !== key) {
      state.issues.push(issue('UNKNOWN_FIELD', toPointer([...path, extra]), `expected only "op" and "${key}" in a ${op} node, found "${extra}"`));
    }
  }
  if (!(key in value)) {
    fail('MISSING_FIELD', `expected "${key}" in a ${op} node`);
    return;
  }
  const body = value[key];
  const inner = [...path, key];
  switch (op) {
    case 'lit':
      if (!isJsonValue(body)) fail('EXPR_INVALID', 'expected a JSON value in "value"');
      return;
    case 'ref': {
      if (typeof body !== 'string') return void fail('WRONG_TYPE', `expected "path" to be a string, found ${show(body)}`);
      const parsed = parseRefPath(body);
      if (!parsed.ok) fail('EXPR_BAD_PATH', parsed.reason);
      return;
    }
    case 'record':
      if (!isRecord(body)) return void fail('WRONG_TYPE', `expected "fields" to be an object, found ${show(body)}`);
      for (const k of Object.keys(body)) visit(body[k], [...inner, k], depth + 1, state);
      return;
    default: {
      if (!Array.isArray(body)) return void fail('WRONG_TYPE', `expected "${key}" to be an array, found ${show(body)}`);
      if (op !== 'list') {
        const spec = OPS[op as CallOp];
        if (body.length < spec.min || body.length > spec.max) {
          const want = spec.min === spec.max ? `${spec.min}` : spec.max > 64 ? `at least ${spec.min}` : `${spec.min} to ${spec.max}`;
          fail('EXPR_ARITY', `expected ${want} argument(s) for ${op}, found ${body.length}`);
        }
      }
      body.forEach((item, i) => visit(item, [...inner, i], depth + 1, state));
    }
  }
}
