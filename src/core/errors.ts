/** An error a coordinator can act on: its message is shown as is in the app and the CLI. */
export class UserError extends Error {
  override readonly name = 'UserError';
}

export class NotFoundError extends UserError {}
