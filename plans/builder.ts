/**
 * A typed builder that emits plan JSON: step names accumulate in the type, so `depends_on` and
 * `await_receipt.for` autocomplete and misspellings fail to compile. The JSON stays the reviewed,
 * hashed artifact; `build()` validates it and returns exactly what a hand-written file holds.
 * Ids are explicit or drawn from an IdSource (see ids.ts): plans/ never draws randomness.
 */
import type { IdSource } from './ids.js';
import type {
  AssignStep, AwaitEventStep, AwaitReceiptStep, EmitEffectStep, EndStep, ExecutePlanStep, Plan, RaiseEventStep, Step,
} from './schema.js';
import { reservedError } from './error-codes.js';
import { parsePlan } from './validate/validate-plan.js';

export type PlanHeader = Omit<Plan, 'steps'>;

/** What an author writes for a step: no kind (the method says it), id optional with an IdSource. */
type Spec<S extends Step, Names extends string> = Omit<S, 'kind' | 'name' | 'id' | 'depends_on'> & {
  id?: string;
  depends_on?: Names[];
};

export class PlanBuilder<Names extends string = never, Effects extends string = never> {
  private constructor(
    private readonly header: PlanHeader,
    private readonly steps: readonly Step[],
    private readonly ids: IdSource | undefined,
  ) {}

  static create(header: PlanHeader, options: { ids?: IdSource } = {}): PlanBuilder {
    return new PlanBuilder(header, [], options.ids);
  }

  emitEffect<N extends string>(name: N, spec: Spec<EmitEffectStep, Names>): PlanBuilder<Names | N, Effects | N> {
    return this.add(name, 'emit_effect', spec);
  }

  awaitReceipt<N extends string>(name: N, spec: Spec<AwaitReceiptStep, Names> & { for: Effects }): PlanBuilder<Names | N, Effects> {
    return this.add(name, 'await_receipt', spec);
  }

  awaitEvent<N extends string>(name: N, spec: Spec<AwaitEventStep, Names>): PlanBuilder<Names | N, Effects> {
    return this.add(name, 'await_event', spec);
  }

  raiseEvent<N extends string>(name: N, spec: Spec<RaiseEventStep, Names>): PlanBuilder<Names | N, Effects> {
    return this.add(name, 'raise_event', spec);
  }

  assign<N extends string>(name: N, spec: Spec<AssignStep, Names>): PlanBuilder<Names | N, Effects> {
    return this.add(name, 'assign', spec);
  }

  end<N extends string>(name: N, spec: Spec<EndStep, Names>): PlanBuilder<Names | N, Effects> {
    return this.add(name, 'end', spec);
  }

  executePlan<N extends string>(name: N, spec: Spec<ExecutePlanStep, Names>): PlanBuilder<Names | N, Effects> {
    return this.add(name, 'execute_plan', spec);
  }

  /** The document as built, unvalidated (for tests of invalid plans and for inspection). */
  toJSON(): Plan {
    return { ...this.header, steps: [...this.steps] };
  }

  /** The validated plan; throws PLAN_INVALID listing every issue. */
  build(): Plan {
    return parsePlan(this.toJSON());
  }

  private add<B extends string, E extends string>(name: string, kind: Step['kind'], spec: { id?: string }): PlanBuilder<B, E> {
    const { id: explicit, ...rest } = spec;
    const id = explicit ?? this.ids?.();
    if (id === undefined) {
      throw reservedError('PLAN_INVALID', `step "${name}" has no id: pass { id } or create the builder with { ids }`, {
        expected: 'an explicit id or an IdSource', found: 'neither', where: { step: name },
      });
    }
    const step = dropUndefined({ id, name, kind, ...rest }) as unknown as Step;
    return new PlanBuilder<B, E>(this.header, [...this.steps, step], this.ids);
  }
}

/** Authors may pass `{ when: undefined }`; the JSON must not carry it (it would not round-trip). */
function dropUndefined(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}

/** Starts a plan. `planBuilder(header, { ids: derivedIds('my-plan') })`. */
export function planBuilder(header: PlanHeader, options: { ids?: IdSource } = {}): PlanBuilder {
  return PlanBuilder.create(header, options);
}
