/**
 * SQS in the local cloud: requests signed for {@code sqs} (AWS JSON 1.0 or the query protocol) are counted, meet
 * the injected faults (answered as SQS answers: {@code RequestThrottled} 400, {@code InternalError} 500,
 * {@code EmulatedCrash} 400, in the request's protocol), then go to an in-memory ElasticMQ on a private port,
 * without the state lock. ElasticMQ's answers come back unchanged: its queue URLs name the local cloud's endpoint
 * and the fixture's first account, its ARNs that account's first region; visibility timeouts, delays and
 * dead-letter redrive are its own, timed by the emulator's clock (so {@code clock().advance(...)} makes hidden
 * messages visible again). {@code LocalCloud.reset()} deletes every queue.
 */
package dev.pim.local.sqs;
