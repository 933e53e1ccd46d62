/**
 * The error the compliance client throws for a failed request (a `ResponseError` from
 * `@backstage/errors`), described by shape so this package needs no extra dependency.
 */
type ResponseErrorLike = Error & {
  statusCode: number;
  cause?: { message?: unknown };
};

function isResponseError(error: unknown): error is ResponseErrorLike {
  return (
    error instanceof Error &&
    error.name === 'ResponseError' &&
    typeof (error as Partial<ResponseErrorLike>).statusCode === 'number'
  );
}

/**
 * The message to show a person for a failed request. A `ResponseError`'s own message is
 * only "Request failed with 403 Forbidden"; what the server said (for example "You cannot
 * decide your own exemption request") is the message of its cause.
 *
 * @internal
 */
export function serverMessage(error: Error): string {
  if (isResponseError(error) && typeof error.cause?.message === 'string') {
    return error.cause.message;
  }
  return error.message;
}
