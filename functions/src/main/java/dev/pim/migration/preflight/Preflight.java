package dev.pim.migration.preflight;

import dev.pim.migration.inventory.AddonInfo;
import dev.pim.migration.inventory.ClusterInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a cluster can move to Pod Identity now: ACTIVE, a Kubernetes and platform version that supports
 * it, an IAM OIDC provider (else IRSA cannot be in use), the agent's state, and an authentication mode
 * that lets the migrator reach the Kubernetes API with access entries.
 *
 * @param agentVersion the installed agent add-on's version, or null
 */
public record Preflight(List<PreflightCheck> checks, AgentState agent, String agentVersion) {
    public static final String AGENT_ADDON = "eks-pod-identity-agent";
    private static final Pattern MINOR = Pattern.compile("1\\.(\\d+)");
    private static final Pattern PLATFORM = Pattern.compile("eks\\.(\\d+)");

    public Preflight {
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().noneMatch(c -> c.status() == PreflightCheck.Status.FAIL);
    }

    public List<PreflightCheck> failures() {
        return checks.stream().filter(c -> c.status() == PreflightCheck.Status.FAIL).toList();
    }

    /** The same preflight with one more check: one only the plan can make (it needs the whole discovery). */
    public Preflight with(PreflightCheck check) {
        List<PreflightCheck> more = new ArrayList<>(checks);
        more.add(check);
        return new Preflight(more, agent, agentVersion);
    }

    public static Preflight evaluate(ClusterInfo cluster, Optional<AddonInfo> agentAddon, boolean oidcProviderExists) {
        List<PreflightCheck> checks = new ArrayList<>();
        checks.add("ACTIVE".equals(cluster.status())
                ? PreflightCheck.pass("cluster status", "ACTIVE")
                : PreflightCheck.fail("cluster status", "the cluster is " + cluster.status() + "; it must be ACTIVE"));
        checks.add(versionCheck(cluster.version(), cluster.platformVersion()));
        checks.add(oidcProviderExists
                ? PreflightCheck.pass("IAM OIDC provider", cluster.oidcProviderUrl())
                : PreflightCheck.warn("IAM OIDC provider", "none for " + cluster.oidcIssuer()
                + ": IRSA cannot be working; only add-ons and annotations are examined"));
        AgentState agent = cluster.autoMode() ? AgentState.AUTO_MODE
                : agentAddon.map(a -> AgentState.ofAddonStatus(a.status())).orElse(AgentState.ABSENT);
        checks.add(agentCheck(agent));
        checks.add(authenticationCheck(cluster.authenticationMode()));
        return new Preflight(checks, agent, agentAddon.map(AddonInfo::version).orElse(null));
    }

    /** 1.28 needs eks.4 or later, 1.27 eks.8, 1.26 eks.9; later versions all; earlier none. */
    public static boolean supportsPodIdentity(String version, String platformVersion) {
        Matcher minor = MINOR.matcher(version == null ? "" : version);
        if (!minor.matches()) {
            return false;
        }
        int m = Integer.parseInt(minor.group(1));
        if (m > 28) {
            return true;
        }
        int needed = switch (m) {
            case 28 -> 4;
            case 27 -> 8;
            case 26 -> 9;
            default -> -1;
        };
        Matcher platform = PLATFORM.matcher(platformVersion == null ? "" : platformVersion);
        return needed > 0 && platform.matches() && Integer.parseInt(platform.group(1)) >= needed;
    }

    private static PreflightCheck versionCheck(String version, String platformVersion) {
        String name = "Kubernetes and platform version";
        String have = version + " " + platformVersion;
        if (supportsPodIdentity(version, platformVersion)) {
            return PreflightCheck.pass(name, have);
        }
        String need = switch (version == null ? "" : version) {
            case "1.28" -> "1.28 eks.4";
            case "1.27" -> "1.27 eks.8";
            case "1.26" -> "1.26 eks.9";
            default -> "1.26 eks.9, 1.27 eks.8, 1.28 eks.4 or any later Kubernetes version";
        };
        return PreflightCheck.fail(name, have + " does not support Pod Identity: upgrade the cluster to " + need + " or later");
    }

    private static PreflightCheck agentCheck(AgentState agent) {
        String name = "Pod Identity agent";
        return switch (agent) {
            case ABSENT -> PreflightCheck.pass(name, "not installed: the migration installs " + AGENT_ADDON);
            case AUTO_MODE -> PreflightCheck.pass(name, "EKS Auto Mode runs it");
            case ACTIVE -> PreflightCheck.pass(name, AGENT_ADDON + " is ACTIVE");
            case CREATING, UPDATING -> PreflightCheck.pass(name, AGENT_ADDON + " is " + agent + ": the migration waits for it");
            case DEGRADED -> PreflightCheck.fail(name, AGENT_ADDON + " is DEGRADED: repair it before migrating");
            case FAILED -> PreflightCheck.fail(name, AGENT_ADDON + " is in a failed state: delete or repair it before migrating");
        };
    }

    private static PreflightCheck authenticationCheck(String mode) {
        String name = "authentication mode";
        if ("CONFIG_MAP".equals(mode)) {
            return PreflightCheck.warn(name, "CONFIG_MAP: access entries are unavailable, so the migrator's role must be "
                    + "mapped in the aws-auth ConfigMap to reach the Kubernetes API");
        }
        return PreflightCheck.pass(name, mode + " (access entries available)");
    }
}
