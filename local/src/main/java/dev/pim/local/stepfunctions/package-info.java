/**
 * The local Step Functions: runs the product's real state machine definitions (Amazon States Language, JSONPath
 * query language) with the real Lambda handler classes invoked in-process, on a virtual clock.
 *
 * <h2>Packages, by role</h2>
 * <ul>
 *   <li>{@code asl}: the definition model, and its parser/validator ({@code DefinitionParser}), which refuses
 *       what CreateStateMachine refuses with AWS-shaped {@code InvalidDefinition} messages naming the state and
 *       field (JSON pointers such as {@code /States/Work/Retry/0/ErrorEquals}).</li>
 *   <li>{@code json}, {@code intrinsic}, {@code payload}: paths (reference paths walked directly; the others
 *       through Jayway JsonPath, as AWS does), the intrinsic functions, and payload templates (Parameters,
 *       ResultSelector, ItemSelector).</li>
 *   <li>{@code errors}: the predefined error names and how Retry/Catch match them.</li>
 *   <li>{@code engine}: the interpreter ({@code StatesEngine}): every state type, the data flow in the
 *       specification's order, Retry/Catch, the execution history and its listener.</li>
 *   <li>{@code task}, {@code lambda}: how Task states run; {@code LambdaTaskInvoker} calls handler classes as the
 *       Lambda Java runtime does.</li>
 *   <li>{@code api}: the Step Functions API on the local cloud's endpoint ({@code StepFunctionsService}).</li>
 * </ul>
 *
 * <h2>Time</h2>
 * Wait states and retry delays never sleep: each line of execution (the top level, a Parallel branch, a Map
 * iteration) has a virtual clock that they move forward, and history timestamps come from it. Branches and
 * iterations run on real threads (Task handlers do real HTTP calls); a Parallel state ends, in virtual time, when
 * its slowest branch does. Through the local cloud, waits also move the cloud's own clock forward
 * ({@code LocalStepFunctions.moveCloudClock}). Task {@code TimeoutSeconds} is enforced against the real time a
 * handler takes.
 *
 * <h2>Handlers and the local cloud</h2>
 * Register handler classes with {@code LocalCloud.stepFunctions().lambdas()}. Before each invocation the runner
 * sets the AWS SDK's system properties {@code aws.endpointUrl} (the local cloud), {@code aws.region} (the state
 * machine's region) and {@code aws.accessKeyId}/{@code aws.secretAccessKey} ({@code test}/{@code test}), which
 * SDK clients built with the default providers read; deployed on Lambda, the same settings come from the
 * environment variables {@code AWS_ENDPOINT_URL}, {@code AWS_REGION} and the function's role credentials.
 * Executions never hold the local cloud's state lock, so handlers may call back into it.
 *
 * <h2>Not supported</h2>
 * The JSONata query language and variables ({@code Assign}); Map {@code ItemReader}/{@code ResultWriter} (S3);
 * resources other than Lambda functions and {@code arn:aws:states:::lambda:invoke} (they fail with
 * States.Runtime when run); {@code .waitForTaskToken} and {@code $$.Task.Token}; activities; redrive; versions
 * and aliases; UpdateMapRun and Map Run redrive (Map Runs are read-only: DescribeMapRun, ListMapRuns, and
 * ListExecutions, DescribeExecution and GetExecutionHistory for a distributed Map's children by their ARNs).
 *
 * <h2>Quotas</h2>
 * The engine enforces Step Functions' hard quotas ({@code engine.Quotas}, AWS's numbers unless a test chooses
 * others): 25,000 events per execution (a distributed Map's children count on their own; event 25,000 may only
 * be ExecutionSucceeded, else the execution fails with States.Runtime, "The execution reached the maximum number
 * of history events (25000)."); 262,144 bytes of UTF-8 for a state's input after Parameters or ItemSelector, a
 * task's result, a state's output, the execution's input and a batch (States.DataLimitExceeded, which neither
 * Retry nor Catch handle); at most 40 inline Map iterations and 10,000 distributed Map children at once; Lambda
 * payloads of 6 MB each way. {@code ExecutionRun.eventCount()} and {@code largestPayloadBytes()} show how close an
 * execution came.
 */
package dev.pim.local.stepfunctions;
