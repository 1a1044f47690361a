package dev.pim.local.sts;

import dev.pim.local.iam.query.QueryParams;
import dev.pim.local.server.AwsCaller;
import dev.pim.local.state.CloudState;

/** One STS request being served, under the state lock: the state, who signed it, and its parameters. */
record StsCall(CloudState state, AwsCaller caller, QueryParams params) {
}
