/**
 * zod issues -> plan issues with stable codes. Refinements carry their code in `params.code`;
 * zod's own issue kinds are mapped here by kind and by where they occur, so that the code a user
 * sees never depends on zod's message wording.
 */
import type { z } from 'zod';
import { issue, show, sortIssues, toPointer } from '../issues.js';
import type { Issue, ValidationCode } from '../issues.js';
import { STEP_KINDS } from '../schema.js';

type ZodIssue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

const last = (path: Path): string => String(path[path.length - 1] ?? '');
const isStepsList = (path: Path) => path.length === 1 && path[0] === 'steps';
const under = (path: Path, key: string) => path.includes(key);

function segments(path: Path): (string | number)[] {
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

function locate(message: string, pointer: string): string {
  return `${message} at ${pointer || '/'}`;
}

function sizeCode(path: Path): ValidationCode {
  if (isStepsList(path)) return 'STEPS_EMPTY';
  if (path.length === 1 && path[0] === 'context_requirements') return 'CONTEXT_REQUIREMENTS_EMPTY';
  return under(path, 'retry') ? 'RETRY_POLICY_INVALID' : 'VALUE_OUT_OF_RANGE';
}

function enumCode(path: Path): ValidationCode {
  const key = last(path);
  if (key === 'on_failure') return 'INVALID_ON_FAILURE';
  if (key === 'join') return 'INVALID_JOIN';
  return 'INVALID_ENUM';
}

function hasInput(i: ZodIssue): boolean {
  return 'input' in i && i.input !== undefined;
}

/** One zod issue may become several plan issues (one per unknown key). */
export function fromZodIssue(i: ZodIssue): Issue[] {
  const pointer = toPointer(segments(i.path));
  const one = (code: ValidationCode, message: string) => [issue(code, pointer, locate(message, pointer))];
  switch (i.code) {
    case 'custom': {
      const code = (i.params as { code?: ValidationCode } | undefined)?.code ?? 'WRONG_TYPE';
      return one(code, i.message);
    }
    case 'unrecognized_keys':
      return i.keys.map((key) => {
        const at = toPointer([...segments(i.path), key]);
        return issue('UNKNOWN_FIELD', at, locate(`expected no field "${key}" here (objects are strict), found one`, at));
      });
    case 'invalid_type':
      if (!hasInput(i)) return one('MISSING_FIELD', `expected field "${last(i.path)}", found none`);
      return one('WRONG_TYPE', `expected ${i.expected}, found ${show(i.input)}`);
    case 'invalid_value':
      return one(enumCode(i.path), `expected one of ${i.values.map((v) => show(v)).join(', ')}, found ${show(i.input)}`);
    case 'too_small':
      return one(sizeCode(i.path), `expected at least ${String(i.minimum)} (${i.origin}), found ${show(i.input)}`);
    case 'too_big': {
      const code = isStepsList(i.path) ? 'STEPS_TOO_MANY' : under(i.path, 'retry') ? 'RETRY_POLICY_INVALID' : 'VALUE_OUT_OF_RANGE';
      const found = Array.isArray(i.input) ? `${i.input.length} items` : show(i.input);
      return one(code, `expected at most ${String(i.maximum)} (${i.origin}), found ${found}`);
    }
    case 'invalid_key':
      return one('INVALID_NAME', `expected a key of 1..4096 chars, found ${show(last(i.path))}`);
    case 'invalid_union':
      if (last(i.path) === 'kind') {
        const kind = (i.input as { kind?: unknown } | undefined)?.kind;
        if (kind === undefined) return one('MISSING_FIELD', `expected field "kind" (${STEP_KINDS.join(', ')}), found none`);
        return one('UNKNOWN_STEP_KIND', `expected kind one of ${STEP_KINDS.join(', ')}, found ${show(kind)}`);
      }
      return one('WRONG_TYPE', i.message);
    default:
      return one('WRONG_TYPE', i.message);
  }
}

/** Sorted by pointer, then code, so reports are stable whatever order zod visits in. */
export function fromZodError(error: z.ZodError): Issue[] {
  return sortIssues(error.issues.flatMap(fromZodIssue));
}
