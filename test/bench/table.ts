/** One line of the bench table. `pass` undefined means "for information" (no goal). */
export interface Row {
  section: string;
  what: string;
  value: string;
  /** The figure measured in the same run that `value` is compared with, and what it is. */
  baseline: string;
  /** value / baseline, when both are numbers of the same kind. */
  ratio?: number;
  goal: string;
  pass?: boolean;
}

export const mark = (row: Row): string => (row.pass === undefined ? '—' : row.pass ? 'pass' : 'MISS');
const ratioText = (row: Row): string => (row.ratio === undefined || !Number.isFinite(row.ratio) ? '—' : `${row.ratio.toFixed(2)}x`);
const cells = (row: Row): string[] => [row.what, row.value, row.baseline, ratioText(row), row.goal, mark(row)];
const HEADER = ['what', 'measured', 'baseline (same run)', 'ratio', 'goal', 'mark'];

/** A plain-text table for the terminal, one block per section. */
export function textTable(header: string[], rows: Row[]): string {
  const widths = HEADER.map((title, i) => Math.max(title.length, ...rows.map((row) => cells(row)[i]!.length)));
  const line = (values: string[]) => values.map((value, i) => (i === 3 ? value.padStart(widths[i]!) : value.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [...header, '', line(HEADER), widths.map((width) => '-'.repeat(width)).join('  ')];
  let section = '';
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      out.push(`[${section}]`);
    }
    out.push(line(cells(row)));
  }
  out.push('', summary(rows));
  return out.join('\n');
}

/** The same table as markdown, for test/bench/last-run.md and the README. */
export function markdownTable(header: string[], rows: Row[]): string {
  const escape = (value: string) => value.replaceAll('|', '\\|').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  const out = [...header.map((line) => (line ? `${line}  ` : '')), '', `| ${HEADER.join(' | ')} |`, `|${HEADER.map((_, i) => (i === 3 ? '---:' : '---')).join('|')}|`];
  let section = '';
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      out.push(`| **${escape(section)}** | | | | | |`);
    }
    const values = cells(row).map(escape);
    if (row.pass === false) values[5] = '**MISS**';
    out.push(`| ${values.join(' | ')} |`);
  }
  out.push('', summary(rows));
  return out.join('\n');
}

function summary(rows: Row[]): string {
  const judged = rows.filter((row) => row.pass !== undefined);
  const missed = judged.filter((row) => !row.pass);
  return `${judged.length - missed.length} of ${judged.length} goals met${missed.length ? `; missed: ${missed.map((row) => row.what).join('; ')}` : ''}.`;
}
