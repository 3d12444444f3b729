// Reads vitest's JSON report: fails when a test was skipped or left as todo, or when none ran.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2] ?? '.ci-results.json', 'utf8'));
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
if (report.numTotalTests === 0) { console.error('no tests ran'); process.exit(1); }
if (skipped > 0) {
  for (const file of report.testResults) {
    for (const t of file.assertionResults) if (t.status !== 'passed' && t.status !== 'failed') console.error(`skipped: ${file.name} > ${t.fullName}`);
  }
  console.error('some tests were skipped; CI requires every suite to run');
  process.exit(1);
}
if (report.numFailedTests > 0 || !report.success) process.exit(1);
