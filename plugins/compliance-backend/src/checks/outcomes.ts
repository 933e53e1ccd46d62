import type { CheckOutcome } from '@runway/plugin-compliance-node';

// Builders for CheckOutcome. They make the remediation required exactly where the contract
// expects one (`fail` and `error`).

/** @internal */
export function pass(message: string): CheckOutcome {
  return { status: 'pass', message };
}

/** @internal */
export function fail(message: string, remediation: string): CheckOutcome {
  return { status: 'fail', message, remediation };
}

/** @internal */
export function notApplicable(message: string): CheckOutcome {
  return { status: 'not-applicable', message };
}

/** The check could not be evaluated, e.g. a file could not be read. @internal */
export function checkError(message: string, remediation: string): CheckOutcome {
  return { status: 'error', message, remediation };
}
