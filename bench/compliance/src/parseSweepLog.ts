/** What the compliance plugin logs after each sweep it runs. */
export type SweepLog = {
  entities: number;
  changes: number;
  /** Milliseconds per phase, in the order the sweep ran them. */
  phasesMs: Record<string, number>;
};

// The line the plugin's compliance-sweep task logs, e.g. "Compliance sweep evaluated 8269
// entities, 0 status change(s); ms per phase: expire 4, read 1190, prepare 35, …".
const SWEEP_LINE =
  /^Compliance sweep evaluated (\d+) entities, (\d+) status change\(s\); ms per phase: (.+)$/;
const PHASE = /^(\S+) (\d+(?:\.\d+)?)$/;

/**
 * Reads the figures of a sweep from the plugin's log line. Throws when the line is not
 * there or not as expected: a benchmark that cannot see the breakdown must not report one.
 */
export function parseSweepLog(messages: string[]): SweepLog {
  const lines = messages.filter(m => m.startsWith('Compliance sweep '));
  if (lines.length !== 1) {
    throw new Error(
      `Expected one compliance sweep log line, found ${
        lines.length
      }: ${JSON.stringify(lines)}`,
    );
  }
  const match = SWEEP_LINE.exec(lines[0]);
  if (!match) {
    throw new Error(`Unexpected compliance sweep log line: ${lines[0]}`);
  }
  const phasesMs: Record<string, number> = {};
  for (const part of match[3].split(', ')) {
    const phase = PHASE.exec(part);
    if (!phase) {
      throw new Error(`Unexpected phase '${part}' in: ${lines[0]}`);
    }
    phasesMs[phase[1]] = Number(phase[2]);
  }
  return {
    entities: Number(match[1]),
    changes: Number(match[2]),
    phasesMs,
  };
}
