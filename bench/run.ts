/**
 * `npm run bench`: measures worldline's performance figures, each next to a baseline measured
 * in the same run, and prints a table (or, with --json, one JSON object on stdout).
 * Flags: --quick, --only <suite>[,<suite>], --json, --rebuild. See bench/README.md.
 */
import { parseArgs } from 'node:util';
import type { Figure } from './lib/figure.js';
import { kernelFingerprint } from './lib/journal-cache.js';
import { describeMachine, finishMachine } from './lib/machine.js';
import { renderJson, renderTable, type RunReport } from './lib/report.js';
import { settingsFor, type Settings } from './lib/settings.js';
import { appendSuite } from './suites/append.js';
import { openSuite } from './suites/open.js';
import { plansSuite } from './suites/plans.js';
import { replaySuite } from './suites/replay.js';
import { verifySuite } from './suites/verify.js';
import { worldSuite } from './suites/world.js';

/** A bad command line: reported as one line, not a stack trace. */
class UsageError extends Error {}

const SUITES: Record<string, (settings: Settings) => Promise<Figure[]>> = {
  append: appendSuite,
  world: worldSuite,
  plans: plansSuite,
  replay: replaySuite,
  open: openSuite,
  verify: verifySuite,
};

const OPTIONS = {
  quick: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  rebuild: { type: 'boolean', default: false },
  only: { type: 'string', multiple: true },
  help: { type: 'boolean', default: false },
} as const;

function parseFlags() {
  let parsed;
  try {
    parsed = parseArgs({ options: OPTIONS, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values } = parsed;
  const only = values.only?.flatMap((o) => o.split(',')).map((o) => o.trim()).filter(Boolean);
  const unknown = only?.filter((o) => !(o in SUITES)) ?? [];
  if (unknown.length > 0) throw new UsageError(`unknown suite ${unknown.join(', ')}; expected one of ${Object.keys(SUITES).join(', ')}`);
  return { ...values, only: only && only.length > 0 ? only : null };
}

async function main(): Promise<void> {
  const flags = parseFlags();
  if (flags.help) {
    process.stdout.write(`usage: npm run bench -- [--quick] [--only ${Object.keys(SUITES).join('|')}] [--json] [--rebuild]\n`);
    return;
  }
  const settings = settingsFor({ quick: flags.quick, rebuild: flags.rebuild });
  const machine = describeMachine();
  // Hashed at start, just after the kernel modules loaded: others may edit kernel/ during a run.
  const kernel = kernelFingerprint();
  const startedAt = new Date();
  const started = performance.now();
  const figures: Figure[] = [];
  for (const [name, suite] of Object.entries(SUITES)) {
    if (flags.only && !flags.only.includes(name)) continue;
    figures.push(...(await suite(settings)));
  }
  const report: RunReport = {
    mode: flags.quick ? 'quick' : 'full', only: flags.only, startedAt: startedAt.toISOString(),
    durationSeconds: (performance.now() - started) / 1000, kernel, machine: finishMachine(machine), figures,
  };
  process.stdout.write(flags.json ? renderJson(report) : renderTable(report));
}

main().catch((e: unknown) => {
  if (e instanceof UsageError) {
    process.stderr.write(`bench: ${e.message}\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
