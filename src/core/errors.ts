/** An error a coordinator can act on: its message is shown as is in the app and the CLI. */
export class UserError extends Error {
  override readonly name = 'UserError';
}

export class NotFoundError extends UserError {}

/** Input a caller got wrong (a bad option or argument): the CLI answers it with its usage and exit code 2. */
export class InvalidInputError extends UserError {}
