/**
 * The step graph as Mermaid and Graphviz DOT. Output is a pure function of the plan: nodes in
 * document order with positional ids (s0, s1, ...; a step named `end` would break Mermaid),
 * edges in depends_on order; `join: any` edges are dashed and labelled `any`.
 */
import { buildDag } from './dag.js';
import { joinOf } from './defaults.js';
import { formatExprShort } from './expr/format.js';
import type { Plan, Step } from './schema.js';

/** The lines of a node label: name, what the step does, its guard. */
export function stepLabel(step: Step): string[] {
  const lines = [step.name];
  switch (step.kind) {
    case 'emit_effect': lines.push(`emit_effect ${step.effect}`); break;
    case 'await_receipt': lines.push(`await_receipt for ${step.for}`); break;
    case 'await_event': lines.push(`await_event ${step.event}`); break;
    case 'raise_event': lines.push(`raise_event ${step.event}`); break;
    case 'assign': lines.push(`assign ${Object.keys(step.set).join(', ')}`); break;
    case 'end': lines.push(`end ${step.status}${step.error_code ? ` ${step.error_code}` : ''}`); break;
    case 'execute_plan': lines.push('hash' in step.plan ? `execute_plan ${step.plan.hash.slice(0, 12)}` : `execute_plan ${step.plan.id}@${step.plan.version}`); break;
  }
  if (step.timeout_ms !== undefined) lines.push(`timeout ${step.timeout_ms} ms`);
  if (step.when !== undefined) lines.push(`when ${formatExprShort(step.when)}`);
  return lines;
}

interface Edge { from: number; to: number; any: boolean }

function edges(plan: Plan): Edge[] {
  const dag = buildDag(plan.steps);
  return plan.steps.flatMap((step, to) => (dag.deps[to] ?? []).map((from) => ({ from, to, any: joinOf(step) === 'any' })));
}

const MERMAID_SHAPE: Record<Step['kind'], [string, string]> = {
  emit_effect: ['[', ']'], await_receipt: ['([', '])'], await_event: ['([', '])'], raise_event: ['>', ']'],
  assign: ['[', ']'], end: ['((', '))'], execute_plan: ['[[', ']]'],
};

function mermaidText(text: string): string {
  return text.replace(/&/g, '#amp;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

export function toMermaid(plan: Plan): string {
  const out = ['flowchart TD'];
  plan.steps.forEach((step, i) => {
    const [open, close] = MERMAID_SHAPE[step.kind];
    out.push(`  s${i}${open}"${stepLabel(step).map(mermaidText).join('<br/>')}"${close}`);
  });
  for (const e of edges(plan)) out.push(e.any ? `  s${e.from} -. any .-> s${e.to}` : `  s${e.from} --> s${e.to}`);
  return out.join('\n') + '\n';
}

const DOT_SHAPE: Record<Step['kind'], string> = {
  emit_effect: 'box', await_receipt: 'oval', await_event: 'oval', raise_event: 'cds',
  assign: 'box', end: 'doublecircle', execute_plan: 'box3d',
};

function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

export function toDot(plan: Plan): string {
  const out = [`digraph ${dotString(plan.name)} {`, '  rankdir=TB;'];
  plan.steps.forEach((step, i) => {
    out.push(`  s${i} [label=${dotString(stepLabel(step).join('\n'))}, shape=${DOT_SHAPE[step.kind]}];`);
  });
  for (const e of edges(plan)) out.push(e.any ? `  s${e.from} -> s${e.to} [style=dashed, label="any"];` : `  s${e.from} -> s${e.to};`);
  out.push('}');
  return out.join('\n') + '\n';
}
