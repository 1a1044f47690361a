/**
 * The Lambda API of the local cloud (signing name {@code lambda}, rest-json 2015-03-31): {@code Invoke}
 * ({@code RequestResponse}, {@code Event}, {@code DryRun}; {@code LogType: Tail}), {@code GetFunction} and
 * {@code ListFunctions}, over the in-process handler classes registered with the local Step Functions. An Invoke
 * runs the handler without the state lock, so that the handler can call the local cloud; a handler that throws
 * answers 200 with {@code X-Amz-Function-Error: Unhandled} and the Java runtime's error JSON. Counted and faulted
 * like every service ({@code lambda:Invoke} is a write, throttling answers 429 {@code TooManyRequestsException}).
 * The package is not {@code lambda}: that is the SQS event source mappings', which invoke the same functions.
 */
package dev.pim.local.lambdaapi;
