package dev.pim.cli.bench;

import dev.pim.local.fixture.Fixture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A cluster generated for the bench, as a local-cloud {@link Fixture}: {@code bindings} IRSA bindings, about 40 % as
 * many roles (every role trusted by at least one service account, the rest spread at random so some roles are shared),
 * two add-ons whose service accounts use IRSA through {@code serviceAccountRoleArn}, the Pod Identity agent installed.
 * The same size and seed always give the same cluster.
 */
public record GeneratedCluster(String name, int bindings, int serviceAccounts, int roles, List<String> irsaAddons,
                               Fixture fixture) {
    public static final String ACCOUNT = "111122223333";
    public static final String REGION = "us-west-2";
    /** The add-ons given an IRSA role, with the service account each runs as. */
    static final Map<String, String> ADDON_SERVICE_ACCOUNTS = Map.of(
            "vpc-cni", "kube-system/aws-node", "aws-ebs-csi-driver", "kube-system/ebs-csi-controller-sa");
    /** Keeps a shared role's trust policy well under IAM's 2,048-character quota. */
    static final int MAX_SERVICE_ACCOUNTS_PER_ROLE = 8;

    public static GeneratedCluster generate(int bindings, long seed) {
        if (bindings < 1) {
            throw new IllegalArgumentException("a generated cluster needs at least one binding, got " + bindings);
        }
        Random random = new Random(seed * 1_000_003L + bindings);
        String cluster = "bench-" + bindings;
        List<String> addons = bindings >= 10 ? List.of("aws-ebs-csi-driver", "vpc-cni") : List.of();
        int serviceAccounts = bindings - addons.size();
        int roles = Math.max(1, (int) Math.round(bindings * 0.4));
        int serviceAccountRoles = roles - addons.size();
        if (serviceAccountRoles * MAX_SERVICE_ACCOUNTS_PER_ROLE < serviceAccounts) {
            throw new IllegalStateException("too few roles for " + serviceAccounts + " service accounts");
        }

        // Role r trusts the service accounts assigned to it: first one each, then the rest at random.
        List<List<String>> trusted = new ArrayList<>();
        for (int r = 0; r < serviceAccountRoles; r++) {
            trusted.add(new ArrayList<>());
        }
        List<Fixture.ServiceAccount> accounts = new ArrayList<>();
        for (int s = 0; s < serviceAccounts; s++) {
            int role = s < serviceAccountRoles ? s : random.nextInt(serviceAccountRoles);
            while (trusted.get(role).size() >= MAX_SERVICE_ACCOUNTS_PER_ROLE) {
                role = random.nextInt(serviceAccountRoles);
            }
            String namespace = "ns-" + (s % 20);
            String name = "sa-" + s;
            trusted.get(role).add(namespace + "/" + name);
            accounts.add(new Fixture.ServiceAccount(namespace, name, roleArn("app-" + role), null, null, null, null));
        }

        List<Fixture.Role> roleList = new ArrayList<>();
        for (int r = 0; r < serviceAccountRoles; r++) {
            roleList.add(role("app-" + r, cluster, trusted.get(r)));
        }
        List<Fixture.Addon> installed = new ArrayList<>();
        installed.add(new Fixture.Addon("eks-pod-identity-agent", null, null, null, null, null));
        for (String addon : addons) {
            roleList.add(role("addon-" + addon, cluster, List.of(ADDON_SERVICE_ACCOUNTS.get(addon))));
            installed.add(new Fixture.Addon(addon, null, null, roleArn("addon-" + addon), null, null));
        }

        Fixture.Cluster eks = new Fixture.Cluster(cluster, null, null, null, null, null, null, null, null, null, null,
                installed, null, null, null, null, accounts, null);
        Fixture.Account account = new Fixture.Account(ACCOUNT, null,
                List.of(new Fixture.AccessKey("test", "test", null)), null, roleList,
                List.of(new Fixture.Region(REGION, List.of(eks))));
        Fixture fixture = new Fixture("bench: " + bindings + " bindings, " + roles + " roles, seed " + seed,
                new Fixture.Behaviour(0.0, null, null, null), null, List.of(account));
        return new GeneratedCluster(cluster, bindings, serviceAccounts, roles, addons, fixture);
    }

    private static Fixture.Role role(String name, String cluster, List<String> serviceAccounts) {
        return new Fixture.Role(name, null, null, null,
                List.of(new Fixture.IrsaTrust(cluster, null, null, serviceAccounts, null)), null, null, null);
    }

    static String roleArn(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }
}
