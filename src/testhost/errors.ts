// Errors shaped like Office's: `name` "RichApi.Error", a `code` callers switch on, and `debugInfo`.
// The first sentence of each message is Office's own; the host adds what it knows after it.

export type HostErrorCode =
  | "PropertyNotLoaded"
  | "ValueNotLoaded"
  | "ItemNotFound"
  | "ItemAlreadyExists"
  | "InvalidArgument"
  | "InvalidOperation"
  | "InvalidObjectPath"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded"
  | "RangeExceedsLimit"
  | "NotImplemented"
  | "GeneralException";

const OFFICE_TEXT: Record<HostErrorCode, string> = {
  PropertyNotLoaded:
    "The property is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
  ValueNotLoaded: "The value of the result object has not been loaded yet. Before reading the value property, call \"context.sync()\" on the associated request context.",
  ItemNotFound: "The requested resource doesn't exist.",
  ItemAlreadyExists: "A resource with the same name or identifier already exists.",
  InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
  InvalidOperation: "The operation is invalid for the object in its current state.",
  InvalidObjectPath: "The object path isn't working for what you're trying to do.",
  RequestPayloadSizeLimitExceeded: "The request payload size has exceeded the limit.",
  ResponsePayloadSizeLimitExceeded: "The response payload size has exceeded the limit.",
  RangeExceedsLimit: "The cell count in the range has exceeded the maximum supported number.",
  NotImplemented: "The requested feature isn't implemented.",
  GeneralException: "There was an internal error while processing the request.",
};

export class HostError extends Error {
  override readonly name = "RichApi.Error";
  readonly debugInfo: { code: HostErrorCode; message: string; errorLocation: string };

  constructor(
    readonly code: HostErrorCode,
    detail: string,
    location = "",
  ) {
    super(`${OFFICE_TEXT[code]} (test host: ${detail})`);
    this.debugInfo = { code, message: this.message, errorLocation: location };
  }
}
