/**
 * Figure 1: append throughput through our full append path (zod-validate ingress payloads,
 * `seal`, `SqliteJournalStore.append`) at commit sizes 1, 10, 100 and 1000 entries, next to the
 * minimal loop doing the same necessary work, with the insert-only floor for context.
 * All three write WAL journals with synchronous=FULL on the same disk.
 */
import { draft } from '../../kernel/core/entry-codec.js';
import { PAYLOAD_SCHEMAS, type Draft } from '../../kernel/core/entries.js';
import { headOf, seal, type ChainHead } from '../../kernel/journal/chain.js';
import { openSqliteStore } from '../../kernel/store/sqlite-store.js';
import { figure, type Figure } from '../lib/figure.js';
import { MinimalWriter } from '../lib/minimal-writer.js';
import { payloadPool } from '../lib/payloads.js';
import { removeDatabase, scratchDatabase } from '../lib/paths.js';
import type { Settings } from '../lib/settings.js';
import { interleavedRates } from '../lib/timing.js';

const GROUPS = [1, 10, 100, 1000];
const AT = 1_700_000_000_000;
const pool = payloadPool();
const entropy = pool.map((_, i) => i.toString(16).padStart(32, '0'));

/** Our path, as World.commitBatch drives it minus the fold: validate, draft, seal, append. */
async function ourAppender(path: string) {
  const store = await openSqliteStore(path);
  const lease = await store.acquireWriter({ owner: 'bench append' });
  let head: ChainHead = await store.head();
  let next = 0;
  return {
    async append(n: number): Promise<number> {
      const drafts: Draft[] = new Array(n);
      for (let i = 0; i < n; i++, next++) {
        const payload = PAYLOAD_SCHEMAS.ingress.parse(pool[next % pool.length]);
        drafts[i] = draft('ingress', { at: AT, entropy: entropy[next % pool.length]! }, payload);
      }
      const sealed = seal(head, drafts);
      await store.append(lease, head, sealed);
      head = headOf(sealed, head);
      return n;
    },
    close: () => store.close(),
  };
}

function minimalAppender(path: string) {
  const writer = new MinimalWriter(path);
  let next = 0;
  return {
    append(n: number): number {
      const start = next % pool.length;
      const payloads = Array.from({ length: n }, (_, i) => pool[(start + i) % pool.length]);
      const stamps = Array.from({ length: n }, (_, i) => entropy[(start + i) % pool.length]!);
      next += n;
      writer.appendValidated(payloads, AT, stamps);
      return n;
    },
    writer,
  };
}

/** Rows of the right size, computed once: the insert-only floor measures SQLite and the disk alone. */
function insertOnlyAppender(path: string) {
  const writer = new MinimalWriter(path);
  const rows = Array.from({ length: 1000 }, (_, i) => Buffer.alloc(64 + 253, i & 0xff));
  return {
    append(n: number): number {
      writer.insertOnly(rows.slice(0, n));
      return n;
    },
    writer,
  };
}

export async function appendSuite(settings: Settings): Promise<Figure[]> {
  const paths = ['append-ours', 'append-minimal', 'append-insert'].map(scratchDatabase);
  const ours = await ourAppender(paths[0]!);
  const minimal = minimalAppender(paths[1]!);
  const insert = insertOnlyAppender(paths[2]!);
  const figures: Figure[] = [];
  try {
    // A new WAL file costs extra fsyncs while it grows: reach steady state before measuring.
    for (let i = 0; i < 1500; i++) {
      await ours.append(1);
      minimal.append(1);
      insert.append(1);
    }
    for (const group of GROUPS) {
      settings.log(`append: commits of ${group}`);
      const [o, m, r] = await interleavedRates(settings.runs, settings.timeBoxMs, [
        () => ours.append(group),
        () => minimal.append(group),
        () => insert.append(group),
      ]);
      figures.push(figure({
        name: `append.commit-${group}`,
        title: group === 1 ? 'append, one commit per input' : `append, group commits of ${group}`,
        unit: 'entries/s', ours: o!, baselineName: 'minimal validate+encode+hash+insert', baseline: m!,
        context: { name: 'insert only', samples: r! },
        goal: { on: 'ratio', op: '>=', value: 0.7 },
        note: 'ingress payloads of ~210 B; WAL, synchronous=FULL',
      }));
    }
  } finally {
    await ours.close();
    minimal.writer.close();
    insert.writer.close();
    paths.forEach(removeDatabase);
  }
  return figures;
}
