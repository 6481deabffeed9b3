/**
 * npm run content:check [path ...] [--strict]
 * Validates pack folders or files (default: every bundled pack), prints a JSON report per pack, and exits 1 when
 * any has errors (or, with --strict, curriculum warnings). A trivia list is converted as /content import does, and
 * its report lists what was left out and how many questions were imported.
 */
import { bundledPackDirs } from './bundled.js';
import { loadPackFromPath } from './load-pack.js';
import { summarisePack } from './summary.js';
import { importedCount } from './trivia-import.js';
import { bundledPacksDir } from '../paths.js';

const args = process.argv.slice(2);
const strict = args.includes('--strict');
const paths = args.filter((arg) => !arg.startsWith('--'));
const targets = paths.length > 0 ? paths : bundledPackDirs(bundledPacksDir);

let failed = targets.length === 0;
if (targets.length === 0) console.error('No packs found: pass a pack folder or file, e.g. npm run content:check data/packs/ml-engineer');
for (const target of targets) {
  const result = loadPackFromPath(target);
  const trivia = result.ok && result.trivia ? { leftOut: result.trivia.leftOut, imported: importedCount(result.trivia) } : {};
  const report = result.ok
    ? { path: target, valid: true, summary: summarisePack(result.pack), errors: [], warnings: result.warnings, ...trivia }
    : { path: target, valid: false, errors: result.problems };
  if (!result.ok || (strict && result.warnings.length > 0)) failed = true;
  console.log(JSON.stringify(report, null, 2));
}
process.exitCode = failed ? 1 : 0;
