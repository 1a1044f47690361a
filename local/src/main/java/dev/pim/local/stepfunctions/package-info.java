/**
 * The local Step Functions: runs the product's state machine definitions (Amazon States Language, JSONPath
 * query language) with the real Lambda handler classes invoked in-process, on a virtual clock.
 *
 * <h2>What it runs: what the product's definitions use</h2>
 * Pass, Task, Choice, Wait, Succeed, Fail and Map (inline, or distributed with STANDARD child executions and an
 * ItemBatcher); InputPath, Parameters, ResultSelector, ResultPath and OutputPath; Retry (with BackoffRate,
 * MaxDelaySeconds and JitterStrategy) and Catch; Choice rules comparing a Variable with StringEquals or
 * BooleanEquals, alone or under Or; Wait by Seconds or SecondsPath; Map MaxConcurrency or MaxConcurrencyPath and MaxItemsPerBatch or
 * MaxItemsPerBatchPath; the intrinsics States.Format, States.ArrayLength and States.JsonToString; Task resources
 * that are Lambda functions, called by ARN or through {@code arn:aws:states:::lambda:invoke}. Anything else of
 * the States Language (Parallel, the other Choice operators and intrinsics, Task timeouts and heartbeats, Wait
 * timestamps, tolerated Map failures, ItemReader/ResultWriter, EXPRESS children, the execution's TimeoutSeconds,
 * JSONata, {@code Assign}) is refused at CreateStateMachine with a problem naming the state and the field:
 * {@code UNSUPPORTED_FEATURE: state Work: field TimeoutSeconds is not supported by the local engine at
 * /States/Work/TimeoutSeconds} (one list, {@code asl.Fields.LEFT_OUT}, names the fields refused so). Keep it that
 * way: a feature enters the engine when a product definition needs it.
 *
 * <h2>Why no JSONata and no Assign</h2>
 * The product has no need of either: its one definition, {@code statemachine/migrate-cluster.asl.json}, is generated
 * from the Java {@code Workflow} as a JSONPath definition, and nothing it does needs variables, because each state
 * passes what the next one needs in its output (ResultPath, ResultSelector) and the run's journal, not the state
 * machine, is where the migration keeps what must outlive a state. A generator that wanted JSONata or Assign
 * would meet the named refusal at CreateStateMachine in the first local test, so the engine cannot silently limit it.
 *
 * <h2>Packages, by role</h2>
 * <ul>
 *   <li>{@code asl}: the definition model, and its parser/validator ({@code DefinitionParser}), which refuses
 *       what CreateStateMachine refuses with AWS-shaped {@code InvalidDefinition} messages naming the state and
 *       field (JSON pointers such as {@code /States/Work/Retry/0/ErrorEquals}).</li>
 *   <li>{@code json}, {@code payload}: paths (compiled by Jayway JsonPath, as AWS's are; reference paths read and
 *       written as JSON Pointers, the others, such as the filter {@code $[?(@.crashed)].crashed}, read by Jayway),
 *       payload templates (Parameters, ResultSelector, ItemSelector, BatchInput) and the intrinsic functions in
 *       them ({@code payload.IntrinsicCall}).</li>
 *   <li>{@code errors}: the predefined error names and how Retry/Catch match them.</li>
 *   <li>{@code engine}: the interpreter ({@code StatesEngine}): the state loop, Retry/Catch and every state type
 *       but Map ({@code Interpreter}), Map inline and distributed ({@code MapStep}), the data flow in the
 *       specification's order and the payload quota ({@code StateVisit}), the execution and its history
 *       ({@code ExecutionRun}, {@code History}) and its listener, the quotas.</li>
 *   <li>{@code task}: the interface Task states run through ({@code TaskInvoker}); its implementation,
 *       {@code dev.pim.local.lambda.LambdaTaskInvoker}, lives with the rest of the local Lambda runtime, which also
 *       serves the Lambda API's Invoke and the SQS event source mappings (one handler instance per function).</li>
 *   <li>{@code api}: the Step Functions API on the local cloud's endpoint ({@code StepFunctionsService}): state
 *       machines, executions, and Map Runs read-only (DescribeMapRun, ListMapRuns, and ListExecutions,
 *       DescribeExecution and GetExecutionHistory for a distributed Map's children by their ARNs).</li>
 * </ul>
 *
 * <h2>Time</h2>
 * Wait states and retry delays never sleep: each line of execution (the top level, a Map iteration or child)
 * has a virtual clock that they move forward, and history timestamps come from it. Iterations run on real
 * threads (Task handlers do real HTTP calls); a Map ends, in virtual time, when its slowest iteration does.
 * Through the local cloud, waits also move the cloud's own clock forward ({@code LocalStepFunctions}).
 *
 * <h2>Handlers and the local cloud</h2>
 * Register handler classes with {@code LocalCloud.stepFunctions().lambdas()}. Before each invocation the runner
 * sets the AWS SDK's system properties {@code aws.endpointUrl} (the local cloud), {@code aws.region} (the state
 * machine's region) and {@code aws.accessKeyId}/{@code aws.secretAccessKey} ({@code test}/{@code test}), which
 * SDK clients built with the default providers read; deployed on Lambda, the same settings come from the
 * environment variables {@code AWS_ENDPOINT_URL}, {@code AWS_REGION} and the function's role credentials.
 * Executions never hold the local cloud's state lock, so handlers may call back into it.
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
