package dev.pim.local.sqs;

import dev.pim.local.fixture.Fixture;

/**
 * The account and region ElasticMQ writes into queue URLs ({@code http://<endpoint>/<account>/<queue>}) and ARNs
 * ({@code arn:aws:sqs:<region>:<account>:<queue>}): the fixture's first account and that account's first region.
 * ElasticMQ keeps one namespace of queues whatever the caller's account or signing region, as one account and
 * region of SQS would: a queue URL naming another account still reaches the queue of that name.
 */
public record SqsIdentity(String accountId, String region) {
    /** For a fixture without accounts (or an account without regions). */
    static final SqsIdentity DEFAULT = new SqsIdentity("000000000000", "us-east-1");

    public static SqsIdentity of(Fixture fixture) {
        if (fixture.accounts().isEmpty()) {
            return DEFAULT;
        }
        Fixture.Account first = fixture.accounts().get(0);
        String region = first.regions().isEmpty() ? DEFAULT.region() : first.regions().get(0).name();
        return new SqsIdentity(first.id(), region);
    }
}
