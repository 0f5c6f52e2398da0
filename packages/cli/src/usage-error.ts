/** A command line or option set that cannot run: printed as is, exit code 2, nothing sent. */
export class UsageError extends Error {
  override readonly name = "UsageError" as const;
}
