// Turns vitest's JSON report (and its console log) into the one plain summary line CI reads:
// `Tests: N passed, M failed`. Failed tests, test files that failed outside any test (an import error, a failing
// hook) and unhandled errors (which the JSON report leaves out; vitest prints "Vitest caught N unhandled errors")
// all count as failures. Exits 1 when anything failed or nothing ran.
import fs from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
const [reportPath, logPath, exitCode] = process.argv.slice(2);

let passed = 0;
let failed = 0;
let skipped = 0;
const notes = [];
if (reportPath && fs.existsSync(reportPath)) {
  const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const file of report.testResults ?? []) {
    const failedInside = (file.assertionResults ?? []).some((a) => a.status === 'failed');
    if (file.status === 'failed' && !failedInside) {
      failed += 1;
      notes.push(`failed suite: ${file.name}: ${file.message}`);
    }
  }
} else {
  failed += 1;
  notes.push('no JSON report was written');
}
const log =
  logPath && fs.existsSync(logPath) ? stripVTControlCharacters(fs.readFileSync(logPath, 'utf8')) : '';
const unhandled = /Vitest caught (\d+) unhandled errors?/.exec(log);
if (unhandled) {
  failed += Number(unhandled[1]);
  notes.push(`unhandled errors: ${unhandled[1]}`);
}
if (Number(exitCode ?? 0) !== 0 && failed === 0) {
  failed += 1;
  notes.push(`the test command exited with ${exitCode} although no test failed`);
}
for (const note of notes) console.log(`  ${note}`);
console.log(`Tests: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
process.exit(failed > 0 || passed === 0 ? 1 : 0);
