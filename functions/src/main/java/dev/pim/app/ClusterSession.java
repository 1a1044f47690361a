package dev.pim.app;

import dev.pim.aws.AwsClients;
import dev.pim.aws.Backoff;
import dev.pim.aws.EksGateway;
import dev.pim.aws.IamGateway;
import dev.pim.kubernetes.EksTokenGenerator;
import dev.pim.kubernetes.KubernetesGateway;
import dev.pim.migration.RoleArn;
import dev.pim.migration.apply.Migration;
import dev.pim.migration.apply.MigrationReport;
import dev.pim.migration.apply.Progress;
import dev.pim.migration.apply.Rollback;
import dev.pim.migration.apply.Sleeper;
import dev.pim.migration.apply.StepContext;
import dev.pim.migration.apply.StepResult;
import dev.pim.migration.discovery.Discovery;
import dev.pim.migration.inventory.AddonInfo;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.inventory.ClusterInfo;
import dev.pim.migration.inventory.ClusterInventory;
import dev.pim.migration.inventory.RoleInfo;
import dev.pim.migration.journal.Journal;
import dev.pim.migration.plan.MigrationOptions;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.plan.Planner;
import dev.pim.migration.association.AssociationContext;
import dev.pim.migration.association.WellKnownPolicies;
import dev.pim.migration.port.AssociationAdminPort;
import dev.pim.migration.port.EksPort;
import dev.pim.migration.port.IamPort;
import dev.pim.migration.port.KubernetesPort;
import dev.pim.migration.port.RoleAdminPort;
import dev.pim.migration.port.RoleLeases;
import dev.pim.migration.preflight.AgentState;
import dev.pim.migration.preflight.Preflight;
import dev.pim.migration.verify.VerificationReport;
import dev.pim.migration.verify.Verifier;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/**
 * The engine wired to one cluster: SDK gateways for IAM and EKS, the fabric8 gateway for its Kubernetes API
 * (authenticated with EKS tokens), a journal, and the plan / migrate / verify / rollback operations the CLI
 * and the Lambda handlers call.
 */
public final class ClusterSession implements AutoCloseable {
    /** Reads in flight at once where no run's --concurrency applies (discover, verify): the CLI's default. */
    public static final int READ_PARALLELISM = 4;
    private final String clusterName;
    private final Journal journal;
    private final RoleLeases leases;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration poll;
    private final Progress progress;
    private final EksPort eks;
    private final IamPort iam;
    private final EksTokenGenerator tokens;
    private final RoleAdminPort roleAdmin;
    private final AssociationAdminPort associationAdmin;
    // A step that never reaches the Kubernetes API (most do not) neither builds nor loads its client.
    private final KubernetesPort lazyKubernetes = LazyPort.of(KubernetesPort.class, this::kubernetes);
    private ClusterInfo cluster;
    private KubernetesGateway kubernetes;
    /** Associations the last discovery described, by id: the run that follows it need not describe them again. */
    private volatile Map<String, AssociationInfo> discoveredAssociations = Map.of();

    public ClusterSession(AwsClients clients, String clusterName, Journal journal, RoleLeases leases, Clock clock,
                          Sleeper sleeper, Duration poll, Backoff backoff, Progress progress) {
        this.clusterName = clusterName;
        this.journal = journal;
        this.leases = leases;
        this.clock = clock;
        this.sleeper = sleeper;
        this.poll = poll;
        this.progress = progress;
        // Built on first call: each function builds only the SDK clients it calls.
        this.eks = LazyPort.of(EksPort.class, () -> new EksGateway(clients.eks(), clients.eksWrites(), clusterName, clients.region().id(), backoff));
        this.iam = LazyPort.of(IamPort.class, () -> new IamGateway(clients.iam(), clients.iamWrites(), backoff));
        this.roleAdmin = LazyPort.of(RoleAdminPort.class, () -> new IamGateway(clients.iam(), clients.iamWrites(), backoff));
        this.associationAdmin = LazyPort.of(AssociationAdminPort.class, () -> new EksGateway(clients.eks(),
                clients.eksWrites(), clusterName, clients.region().id(), backoff));
        this.tokens = new EksTokenGenerator(clients.credentials(), clients.region().id(), clock);
    }

    public synchronized ClusterInfo cluster() {
        if (cluster == null) {
            cluster = eks.describeCluster();
        }
        return cluster;
    }

    public synchronized KubernetesPort kubernetes() {
        if (kubernetes == null) {
            kubernetes = new KubernetesGateway(cluster(), new CachedToken(() -> tokens.token(clusterName), clock,
                    Duration.ofMinutes(10)));
        }
        return kubernetes;
    }

    public EksPort eks() {
        return eks;
    }

    public IamPort iam() {
        return iam;
    }

    /** What association management (get|create|update|delete podidentityassociation) works through. */
    public AssociationContext associations() {
        return new AssociationContext(cluster(), eks, iam, roleAdmin, associationAdmin, WellKnownPolicies.load());
    }

    public StepContext steps() {
        return new StepContext(eks, iam, lazyKubernetes, journal, leases, clock, sleeper, poll, progress);
    }

    public ClusterInventory discover() {
        return discover(READ_PARALLELISM);
    }

    /** @param parallelism how many reads may be in flight at once */
    public ClusterInventory discover(int parallelism) {
        progress.phase("discover", 0);
        Map<String, AssociationInfo> described = new ConcurrentHashMap<>();
        ClusterInventory inventory = new Discovery(eks, iam, c -> lazyKubernetes, parallelism, described)
                .discover(cluster(), lazyKubernetes);
        discoveredAssociations = Map.copyOf(described);
        return inventory;
    }

    /** Whether the cluster can move to Pod Identity now: the Preflight state's check, read calls only. */
    public Preflight preflight() {
        return preflight(Optional.empty());
    }

    /**
     * The one assembly of the preflight's facts (the cluster, its agent add-on, whether IAM has its OIDC provider),
     * for the plan and the Preflight state: read from a discovery when there is one, else asked for.
     */
    private Preflight preflight(Optional<ClusterInventory> discovered) {
        ClusterInfo described = discovered.map(ClusterInventory::cluster).orElseGet(this::cluster);
        Optional<AddonInfo> agent = discovered.isPresent()
                ? discovered.get().addons().stream().filter(a -> a.name().equals(Preflight.AGENT_ADDON)).findFirst()
                : eks.addon(Preflight.AGENT_ADDON);
        boolean providerExists = discovered.map(ClusterInventory::oidcProviderExists).orElseGet(() -> {
            String providerArn = described.oidcProviderArn(described.ref().accountId());
            return providerArn != null && iam.oidcProviderExists(providerArn);
        });
        return Preflight.evaluate(described, agent, providerExists);
    }

    /** Discovery, preflight and the plan: read calls only. */
    public MigrationPlan plan(MigrationOptions options) {
        ClusterInventory inventory = discover(options.concurrency());
        RoleInfo bridge = bridgeRole(options.crossAccountBridgeRole());
        if (bridge != null) {
            inventory = inventory.withRole(bridge);
        }
        Preflight preflight = preflight(Optional.of(inventory));
        // ABSENT: no agent add-on and not Auto Mode (which runs its own).
        String agentVersion = preflight.passed() && preflight.agent() == AgentState.ABSENT
                ? eks.defaultAddonVersion(Preflight.AGENT_ADDON).orElse(null) : null;
        return Planner.plan(inventory, preflight, options, bridge == null ? null : bridge.arn(), agentVersion);
    }

    /** The bridge role, given as an ARN or as the name of a role of the cluster's account; it must exist. */
    private RoleInfo bridgeRole(String nameOrArn) {
        if (nameOrArn == null) {
            return null;
        }
        String name = nameOrArn.startsWith("arn:") ? RoleArn.parse(nameOrArn).name() : nameOrArn;
        return iam.role(name)
                .filter(r -> !nameOrArn.startsWith("arn:") || r.arn().equals(RoleArn.parse(nameOrArn).toString()))
                .orElseThrow(() -> new IllegalArgumentException("--cross-account-bridge-role: no role '" + nameOrArn
                        + "' in account " + cluster().ref().accountId()));
    }

    public MigrationReport migrate(MigrationPlan plan) {
        return new Migration(steps(), new ConcurrentHashMap<>(discoveredAssociations)).apply(plan);
    }

    public VerificationReport verify(List<dev.pim.migration.plan.Binding> bindings, String providerArn) {
        return verify(bindings, providerArn, new ConcurrentHashMap<>());
    }

    /** @param known associations by id the run already knows (those it created): listed, not described again */
    public VerificationReport verify(List<dev.pim.migration.plan.Binding> bindings, String providerArn,
                                     Map<String, AssociationInfo> known) {
        return verify(bindings, providerArn, known, Map.of());
    }

    /** @param knownRoles roles by ARN as the run left them (their trust): not read again */
    public VerificationReport verify(List<dev.pim.migration.plan.Binding> bindings, String providerArn,
                                     Map<String, AssociationInfo> known, Map<String, RoleInfo> knownRoles) {
        return new Verifier(eks, iam, lazyKubernetes, providerArn, READ_PARALLELISM, knownRoles, known, cluster().arn())
                .verify(bindings);
    }

    public List<StepResult> rollback(String runId, boolean keepAgent, Duration timeout) {
        return new Rollback(steps()).rollback(cluster().ref(), runId, keepAgent, timeout);
    }

    @Override
    public synchronized void close() {
        if (kubernetes != null) {
            kubernetes.close();
        }
    }
}
