/**
 * A second process for the SQLite lease tests: `try <path>` attempts to take the writer lease and
 * prints the outcome as one JSON line; `hold <path>` takes it, prints {"ready":true} and keeps it
 * (heartbeat running) until the parent kills it.
 */
import { isWorldlineError } from '../../../kernel/errors.js';
import { openSqliteStore } from '../../../kernel/store/sqlite-store.js';

const [mode, path] = process.argv.slice(2);
if ((mode !== 'try' && mode !== 'hold') || !path) {
  console.error('usage: lease-holder.ts try|hold <journal path>');
  process.exit(2);
}

const store = await openSqliteStore(path);
try {
  await store.acquireWriter({ owner: `lease-holder ${mode} (pid ${process.pid})` });
} catch (e) {
  console.log(JSON.stringify(isWorldlineError(e) ? { ok: false, code: e.code, message: e.message } : { ok: false, message: String(e) }));
  await store.close();
  process.exit(0);
}
if (mode === 'try') {
  console.log(JSON.stringify({ ok: true }));
  await store.close();
} else {
  console.log(JSON.stringify({ ok: true, ready: true, pid: process.pid }));
  // Keep the event loop (and the heartbeat) alive until SIGKILL.
  setInterval(() => undefined, 60_000);
}
