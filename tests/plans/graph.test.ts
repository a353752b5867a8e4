import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toDot, toMermaid } from '../../plans/index.js';
import type { Plan } from '../../plans/index.js';

const example = (name: string): Plan => JSON.parse(readFileSync(new URL(`../../plans/examples/${name}.json`, import.meta.url), 'utf8')) as Plan;

const GOLDEN_MERMAID = `flowchart TD
  s0["charge<br/>emit_effect payment.charge"]
  s1["deadline<br/>emit_effect timer.set"]
  s2(["charged<br/>await_receipt for charge"])
  s3(["deadline_hit<br/>await_receipt for deadline"])
  s4["race<br/>assign outcome"]
  s5(("paid<br/>end success<br/>when eq(vars.outcome, #quot;ok#quot;)"))
  s6(("declined<br/>end failure PAYMENT_DECLINED<br/>when eq(vars.outcome, #quot;error#quot;)"))
  s7(("timed_out<br/>end failure PAYMENT_TIMEOUT<br/>when eq(vars.outcome, #quot;timeout#quot;)"))
  s0 --> s2
  s1 --> s3
  s2 -. any .-> s4
  s3 -. any .-> s4
  s4 --> s5
  s4 --> s6
  s4 --> s7
`;

describe('graph rendering', () => {
  it('renders the timeout race as golden Mermaid', () => {
    expect(toMermaid(example('timeout-race'))).toBe(GOLDEN_MERMAID);
  });

  it('renders DOT with escaped labels, shapes and dashed any-edges', () => {
    const dot = toDot(example('approval-gate'));
    expect(dot.startsWith('digraph "deploy-with-approval" {\n  rankdir=TB;\n')).toBe(true);
    expect(dot).toContain('s1 [label="approval\\nawait_receipt for request_approval\\ntimeout 86400000 ms", shape=oval];');
    expect(dot).toContain('s3 [label="deploy\\nemit_effect deploy.apply\\nwhen vars.approved", shape=box];');
    expect(dot).toContain('s0 -> s1;');
    expect(dot.endsWith('}\n')).toBe(true);
    expect(toDot(example('timeout-race'))).toContain('s2 -> s4 [style=dashed, label="any"];');
  });

  it('gives a step named like a Mermaid keyword a positional id', () => {
    const plan = example('correlated-request');
    plan.steps[2]!.name = 'end';
    expect(toMermaid(plan)).toContain('s2(("end<br/>end success');
  });
});
