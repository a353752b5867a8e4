/** What the figures were measured on; the load average tells a reader how busy the shared machine was. */
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import Database from 'better-sqlite3';

export interface Machine {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly v8: string;
  readonly sqlite: string;
  readonly packages: Record<string, string>;
  /** 1-minute load average when the run started and when it ended. */
  readonly load: { start: number; end?: number };
}

// Read from node_modules directly: some packages (msgpackr) do not export their package.json.
function versionOf(pkg: string): string {
  try {
    const url = new URL(`../../node_modules/${pkg}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return db.prepare('SELECT sqlite_version()').pluck().get() as string;
  } finally {
    db.close();
  }
}

export function describeMachine(): Machine {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${process.platform} ${release()} ${process.arch}`,
    node: process.version,
    v8: process.versions.v8,
    sqlite: sqliteVersion(),
    packages: Object.fromEntries(['better-sqlite3', 'msgpackr', 'zod', 'tsx'].map((p) => [p, versionOf(p)])),
    load: { start: loadavg()[0]! },
  };
}

export function finishMachine(machine: Machine): Machine {
  return { ...machine, load: { ...machine.load, end: loadavg()[0]! } };
}
