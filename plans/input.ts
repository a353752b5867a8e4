/**
 * Run input against the plan's input schema: the runtime calls it before a run starts and fails
 * the run with INVALID_PAYLOAD on any issue. Undeclared fields are refused, like unknown fields
 * in a plan, so a typo in a producer never passes silently.
 */
import { typeOfValue } from './expr/ops.js';
import { isJsonValue, isRecord } from './expr/values.js';
import { issue, show, toPointer } from './issues.js';
import type { Issue } from './issues.js';
import type { InputFieldType, Plan } from './schema.js';

export type InputIssue = Omit<Issue, 'code'> & { code: 'INVALID_PAYLOAD' };

function matches(type: InputFieldType, value: unknown): boolean {
  switch (type) {
    case 'any': return true;
    case 'integer': return Number.isSafeInteger(value);
    case 'array': return Array.isArray(value);
    case 'object': return isRecord(value);
    default: return typeof value === type;
  }
}

export function validateInput(plan: Plan, input: unknown): InputIssue[] {
  const out: InputIssue[] = [];
  const report = (path: string[], message: string) => {
    const at = toPointer(path);
    out.push({ ...issue('WRONG_TYPE', at, `${message} at ${at || '/'}`), code: 'INVALID_PAYLOAD' });
  };
  if (!isRecord(input) || !isJsonValue(input)) {
    report([], `expected a JSON record as run input, found ${isRecord(input) ? 'a non-JSON value inside' : typeOfValue(input)}`);
    return out;
  }
  const fields = plan.input?.fields ?? {};
  for (const [name, field] of Object.entries(fields)) {
    const value = input[name];
    if (value === undefined || value === null) {
      if (field.required === true) report([name], `expected required input field "${name}" (${field.type}), found ${value === null ? 'null' : 'none'}`);
      continue;
    }
    if (!matches(field.type, value)) report([name], `expected ${field.type} for input field "${name}", found ${show(value)}`);
  }
  for (const name of Object.keys(input)) {
    if (!Object.hasOwn(fields, name)) report([name], `expected only declared input fields (${Object.keys(fields).join(', ') || 'none'}), found "${name}"`);
  }
  return out;
}
