package dev.pim.migration.fake;

import dev.pim.migration.ClusterRef;
import dev.pim.migration.apply.Progress;
import dev.pim.migration.apply.StepContext;
import dev.pim.migration.discovery.Discovery;
import dev.pim.migration.inventory.ClusterInfo;
import dev.pim.migration.inventory.ClusterInventory;
import dev.pim.migration.plan.MigrationOptions;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.plan.Planner;
import dev.pim.migration.port.RoleLeases;
import dev.pim.migration.preflight.Preflight;

import java.time.Duration;
import java.time.Instant;

/**
 * One account with one EKS cluster, its IAM and its Kubernetes API, all in memory and sharing one {@link CallLog}:
 * the world the apply, verify and rollback steps run against in unit tests. The plan is made the way the CLI and
 * the pipeline make it (discovery over the ports, preflight, planner), so a test starts from a real plan.
 */
public final class FakeCloud {
    public static final String ACCOUNT = "111122223333";
    public static final String REGION = "us-west-2";
    public static final String ISSUER_URL = "oidc.eks.us-west-2.amazonaws.com/id/5C5E7B1E0D3A4F2B";
    public static final String PROVIDER_ARN = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + ISSUER_URL;
    public static final String AGENT_VERSION = "v1.3.4-eksbuild.1";

    public final CallLog log = new CallLog();
    public final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-22T10:00:00Z"));
    public final FakeIam iam = new FakeIam(ACCOUNT, log);
    public final FakeEks eks;
    public final FakeKubernetes kubernetes;
    public final InMemoryJournal journal = new InMemoryJournal(clock);

    public FakeCloud() {
        ClusterInfo cluster = new ClusterInfo(new ClusterRef(ACCOUNT, REGION, "payments"),
                "arn:aws:eks:" + REGION + ":" + ACCOUNT + ":cluster/payments", "1.31", "eks.12", "ACTIVE",
                "https://" + ISSUER_URL, "API_AND_CONFIG_MAP", false, "https://payments.k8s.local", null);
        eks = new FakeEks(cluster, iam, log);
        kubernetes = new FakeKubernetes(eks, log);
        iam.oidcProvider(PROVIDER_ARN, "sts.amazonaws.com");
    }

    /** The trust policy eksctl and the AWS docs write for IRSA: this cluster's provider, for these service accounts. */
    public static String irsaTrust(String... serviceAccounts) {
        StringBuilder subjects = new StringBuilder();
        for (String sa : serviceAccounts) {
            String[] nsName = sa.split("/");
            subjects.append(subjects.length() == 0 ? "" : ",")
                    .append("\"system:serviceaccount:").append(nsName[0]).append(':').append(nsName[1]).append('"');
        }
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + PROVIDER_ARN + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\""
                + ISSUER_URL + ":sub\":[" + subjects + "],\"" + ISSUER_URL + ":aud\":\"sts.amazonaws.com\"}}}]}";
    }

    /** Options of an approved run; the flags switch on the optional steps. */
    public static MigrationOptions approved(boolean restartWorkloads, boolean removeIrsaAnnotation, boolean removeOidcTrust) {
        return MigrationOptions.builder().approve(true).restartWorkloads(restartWorkloads).restartBudget(2)
                .removeIrsaAnnotation(removeIrsaAnnotation).removeOidcTrust(removeOidcTrust).timeout(Duration.ofMinutes(5))
                .build();
    }

    public StepContext context() {
        return context(Progress.NONE);
    }

    public StepContext context(Progress progress) {
        return new StepContext(eks, iam, kubernetes, journal, RoleLeases.NONE, clock, clock.sleeper(),
                Duration.ofSeconds(5), progress);
    }

    /** Discovers the cluster as it is now and plans a run with these options. */
    public MigrationPlan plan(MigrationOptions options) {
        ClusterInventory inventory = new Discovery(eks, iam, c -> kubernetes).discover();
        Preflight preflight = Preflight.evaluate(inventory.cluster(), eks.addon(Preflight.AGENT_ADDON),
                inventory.oidcProviderExists());
        return Planner.plan(inventory, preflight, options, null, AGENT_VERSION);
    }
}
