/** A command line or option set that cannot run: printed as is, exit code 2, nothing sent. */
export class UsageError extends Error {
  override readonly name = "UsageError" as const;
}

/** The input cannot be sent as it is (missing, a directory, not UTF-8...): said before anything is written. */
export class InputError extends Error {
  override readonly name = "InputError" as const;
}
