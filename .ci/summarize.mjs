// Turns vitest's JSON reports (and console logs) into the one plain summary line CI reads:
// `Tests: N passed, M failed`. Arguments come in threes, one per vitest run: report path, log path, exit code.
// Failed tests, test files that failed outside any test (an import error, a failing hook) and unhandled errors
// (which the JSON report leaves out; vitest prints "Vitest caught N unhandled errors") all count as failures, and
// so does a run that exited non-zero with nothing else to show for it. Exits 1 when anything failed or nothing ran.
import fs from 'node:fs';
import { stripVTControlCharacters } from 'node:util';

const args = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const notes = [];

for (let i = 0; i < args.length; i += 3) {
  const [reportPath, logPath, exitCode] = args.slice(i, i + 3);
  let runFailed = 0;
  if (reportPath && fs.existsSync(reportPath)) {
    const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
    passed += report.numPassedTests ?? 0;
    runFailed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    for (const file of report.testResults ?? []) {
      const failedInside = (file.assertionResults ?? []).some((a) => a.status === 'failed');
      if (file.status === 'failed' && !failedInside) {
        runFailed += 1;
        notes.push(`failed suite: ${file.name}: ${file.message}`);
      }
    }
  } else {
    runFailed += 1;
    notes.push(`no JSON report at ${reportPath}`);
  }
  const log =
    logPath && fs.existsSync(logPath) ? stripVTControlCharacters(fs.readFileSync(logPath, 'utf8')) : '';
  const unhandled = /Vitest caught (\d+) unhandled errors?/.exec(log);
  if (unhandled) {
    runFailed += Number(unhandled[1]);
    notes.push(`unhandled errors in ${reportPath}: ${unhandled[1]}`);
  }
  if (Number(exitCode ?? 0) !== 0 && runFailed === 0) {
    runFailed += 1;
    notes.push(`the run behind ${reportPath} exited with ${exitCode} although no test failed`);
  }
  failed += runFailed;
}
for (const note of notes) console.log(`  ${note}`);
console.log(`Tests: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
process.exit(failed > 0 || passed === 0 ? 1 : 0);
