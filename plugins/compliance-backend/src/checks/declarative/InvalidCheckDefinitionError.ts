/**
 * A declarative check definition is not valid. The message names the check (by id when it
 * has a valid one), where it was found and the offending field, e.g.
 * `Invalid compliance check 'metadata.tier' in compliance.declarativeChecks[2]: rule.pattern is not a valid regular expression: …`.
 *
 * It is a plain `Error` so that startup reports it as is; HTTP handlers wrap it in an
 * `InputError` to answer 400.
 *
 * @internal
 */
export class InvalidCheckDefinitionError extends Error {
  /** Where the definition was found, e.g. `compliance.declarativeChecks[2]`. */
  readonly where: string;
  /** The check's id, when it has a valid one. */
  readonly checkId?: string;
  /** What is wrong, naming the field. */
  readonly detail: string;

  constructor(options: { where: string; checkId?: string; detail: string }) {
    const { where, checkId, detail } = options;
    super(
      `Invalid compliance check${
        checkId ? ` '${checkId}'` : ''
      } in ${where}: ${detail}`,
    );
    this.name = 'InvalidCheckDefinitionError';
    this.where = where;
    this.checkId = checkId;
    this.detail = detail;
  }
}
