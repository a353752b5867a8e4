/** Development entry: `npx tsx cli/main-dev.ts <command> ...` runs the CLI from source. */
import { main } from './main.js';

process.exitCode = await main(process.argv);
