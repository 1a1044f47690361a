package dev.pim.migration.plan;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.WorkloadRef;
import dev.pim.migration.inventory.ClusterInventory;
import dev.pim.migration.inventory.ServiceAccountInfo;
import dev.pim.migration.inventory.WorkloadInfo;
import dev.pim.migration.plan.WebhookFinding.Level;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the IRSA webhook's settings beside {@code role-arn} become for the bindings a run migrates: the service
 * account's {@code audience}, {@code token-expiration} and {@code sts-regional-endpoints}, the pod template's
 * {@code skip-containers} and {@code token-expiration}, and containers that set the IRSA variables themselves.
 * Values are read the way the webhook (aws/amazon-eks-pod-identity-webhook) reads them, so a value it ignores is
 * said to be ignored rather than taken at face value.
 */
public final class WebhookSettings {
    static final long DEFAULT_TOKEN_SECONDS = 86_400;
    /** The webhook raises a shorter expiration to this. */
    static final long MIN_TOKEN_SECONDS = 600;
    private static final Set<String> IRSA_VARIABLES = Set.of("AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE");

    private WebhookSettings() {
    }

    /** The findings of every binding the run migrates, service account by service account, then its workloads. */
    public static List<WebhookFinding> findings(ClusterInventory inventory, List<Binding> bindings) {
        Map<ServiceAccountRef, ServiceAccountInfo> serviceAccounts = inventory.serviceAccounts().stream()
                .collect(Collectors.toMap(ServiceAccountInfo::ref, Function.identity(), (a, b) -> a));
        Map<WorkloadRef, WorkloadInfo> workloads = inventory.workloads().stream()
                .collect(Collectors.toMap(WorkloadInfo::ref, Function.identity(), (a, b) -> a));
        Set<ServiceAccountRef> seen = new LinkedHashSet<>();
        List<WebhookFinding> out = new ArrayList<>();
        for (Binding b : bindings) {
            if (!b.migratable() || !seen.add(b.serviceAccount())) {
                continue;
            }
            Optional.ofNullable(serviceAccounts.get(b.serviceAccount())).ifPresent(sa -> serviceAccount(sa, out));
            for (WorkloadRef ref : b.workloads()) {
                Optional.ofNullable(workloads.get(ref)).ifPresent(w -> workload(w, out));
            }
        }
        return out;
    }

    private static void serviceAccount(ServiceAccountInfo sa, List<WebhookFinding> out) {
        String subject = sa.ref().toString();
        String regional = sa.annotations().get(ServiceAccountInfo.STS_REGIONAL_ENDPOINTS_ANNOTATION);
        if (regional != null) {
            out.add(stsRegionalEndpoints(subject, regional));
        }
        String audience = sa.annotations().get(ServiceAccountInfo.AUDIENCE_ANNOTATION);
        if (audience != null) {
            out.add(audience(subject, audience));
        }
        String expiration = sa.annotations().get(ServiceAccountInfo.TOKEN_EXPIRATION_ANNOTATION);
        if (expiration != null) {
            out.add(tokenExpiration(subject, expiration, "service account"));
        }
    }

    private static WebhookFinding stsRegionalEndpoints(String subject, String value) {
        String setting = ServiceAccountInfo.STS_REGIONAL_ENDPOINTS_ANNOTATION;
        Optional<Boolean> parsed = goBool(value);
        if (parsed.isEmpty()) {
            return new WebhookFinding(subject, setting, value, Level.WARNING, "not a boolean the IRSA webhook can read "
                    + "(true or false), so it ignores it; under Pod Identity the SDK calls no STS endpoint at all, so "
                    + "nothing depends on it after the migration");
        }
        String underIrsa = parsed.get()
                ? "under IRSA the webhook injected AWS_STS_REGIONAL_ENDPOINTS=regional, so the SDK exchanged the token at "
                + "the regional STS endpoint"
                : "under IRSA the webhook injected no AWS_STS_REGIONAL_ENDPOINTS, so the SDK's default STS endpoint was used";
        return new WebhookFinding(subject, setting, value, Level.INFO, underIrsa + "; Pod Identity needs no STS endpoint: "
                + "the SDK gets credentials from the Pod Identity agent on the node (the container credentials endpoint), "
                + "so nothing replaces it and nothing is lost");
    }

    private static WebhookFinding audience(String subject, String value) {
        String setting = ServiceAccountInfo.AUDIENCE_ANNOTATION;
        if (value.isBlank() || value.equals(ServiceAccountInfo.DEFAULT_AUDIENCE)) {
            return new WebhookFinding(subject, setting, value, Level.INFO, "the default audience "
                    + ServiceAccountInfo.DEFAULT_AUDIENCE + ": nothing is lost under Pod Identity");
        }
        return new WebhookFinding(subject, setting, value, Level.WARNING, "IRSA tokens of its pods carry audience " + value
                + " instead of " + ServiceAccountInfo.DEFAULT_AUDIENCE + ", so something besides STS may check it; Pod "
                + "Identity has no equivalent (its token's audience is pods.eks.amazonaws.com and only the agent reads it): "
                + "whatever relied on that audience must get its token another way");
    }

    private static WebhookFinding tokenExpiration(String subject, String value, String where) {
        String setting = ServiceAccountInfo.TOKEN_EXPIRATION_ANNOTATION;
        long seconds;
        try {
            seconds = Long.parseLong(value);
        } catch (NumberFormatException e) {
            return new WebhookFinding(subject, setting, value, Level.WARNING, "not a whole number of seconds, so the "
                    + "IRSA webhook ignores this " + where + " annotation and its tokens last " + DEFAULT_TOKEN_SECONDS
                    + " s; Pod Identity has no equivalent setting either way");
        }
        long effective = Math.max(seconds, MIN_TOKEN_SECONDS);
        return new WebhookFinding(subject, setting, value, Level.WARNING, "IRSA tokens last " + effective + " s"
                + (effective != seconds ? " (the webhook raises anything under " + MIN_TOKEN_SECONDS + " s to it)" : "")
                + "; Pod Identity has no equivalent: the agent hands out credentials whose lifetime it chooses, so "
                + "whatever relied on this expiration behaves differently after the migration");
    }

    private static void workload(WorkloadInfo w, List<WebhookFinding> out) {
        String subject = w.ref().toString();
        String expiration = w.podAnnotations().get(ServiceAccountInfo.TOKEN_EXPIRATION_ANNOTATION);
        if (expiration != null) {
            out.add(tokenExpiration(subject, expiration, "pod template"));
        }
        String skip = w.podAnnotations().get(ServiceAccountInfo.SKIP_CONTAINERS_ANNOTATION);
        if (skip != null) {
            skippedContainers(w, subject, skip, out);
        }
        for (WorkloadInfo.TemplateContainer c : w.containers()) {
            List<String> own = c.envNames().stream().filter(IRSA_VARIABLES::contains).sorted().toList();
            if (!own.isEmpty()) {
                out.add(new WebhookFinding(subject, "env " + String.join(", ", own), null, Level.WARNING, "container "
                        + c.name() + " sets " + String.join(" and ", own) + " itself: the SDK's credential chain reads web "
                        + "identity before the container credentials provider, so it keeps IRSA after the migration (and "
                        + "loses its credentials once the role's OIDC trust goes); remove the variables from its spec"));
            }
        }
    }

    private static void skippedContainers(WorkloadInfo w, String subject, String value, List<WebhookFinding> out) {
        String setting = ServiceAccountInfo.SKIP_CONTAINERS_ANNOTATION;
        List<String> containers = w.containers().stream().map(WorkloadInfo.TemplateContainer::name).toList();
        List<String> names = List.of(value.split(",", -1));
        if (value.isEmpty() || names.stream().anyMatch(String::isEmpty)) {
            out.add(new WebhookFinding(subject, setting, value, Level.WARNING, "has an empty container name (names are "
                    + "separated by single commas); the other names are still skipped"));
        }
        for (String name : names) {
            if (name.isEmpty()) {
                continue;
            }
            if (!containers.isEmpty() && !containers.contains(name)) {
                out.add(new WebhookFinding(subject, setting, value, Level.WARNING, "names container '" + name
                        + "', which its pod template does not have (containers: " + String.join(", ", containers)
                        + "): it skips nothing"));
                continue;
            }
            out.add(new WebhookFinding(subject, setting, value, Level.NEEDS_ACCEPTANCE, "container " + name + " of " + subject
                    + " gets no IRSA credentials today (skipped by the webhook), but Pod Identity injects credentials into "
                    + "every container, so after the migration it would have the role's credentials"));
        }
    }

    /** Go's strconv.ParseBool, which the webhook uses. */
    private static Optional<Boolean> goBool(String value) {
        return switch (value) {
            case "1", "t", "T", "TRUE", "true", "True" -> Optional.of(true);
            case "0", "f", "F", "FALSE", "false", "False" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
