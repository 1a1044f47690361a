package dev.pim.local.iam;

import dev.pim.local.iam.query.Constraints;
import dev.pim.local.iam.query.QueryParams;
import dev.pim.local.iam.query.QueryResult;
import dev.pim.local.iam.query.XmlOut;
import dev.pim.local.state.OidcProviderState;
import dev.pim.local.state.RoleState;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * IAM OpenID Connect providers (what IRSA trust policies name as their {@code Federated} principal):
 * CreateOpenIDConnectProvider, GetOpenIDConnectProvider, ListOpenIDConnectProviders and
 * DeleteOpenIDConnectProvider. IAM stores and shows the URL without {@code https://}.
 */
final class OidcProviderActions {
    static final int PROVIDERS_QUOTA = 100;
    private static final int CLIENT_IDS_QUOTA = 100;
    private static final int MAX_THUMBPRINTS = 5;
    private static final String SCHEME = "https://";
    private static final Pattern PROVIDER_ARN = Pattern.compile("arn:aws:iam::\\d{12}:oidc-provider/.+");

    private OidcProviderActions() {
    }

    static QueryResult create(IamCall call) {
        QueryParams params = call.params();
        String url = checkUrl(params.required("Url"));
        List<String> clientIds = params.members("ClientIDList");
        clientIds.forEach(id -> Constraints.length("ClientIDList", id, 1, 255));
        if (clientIds.size() > CLIENT_IDS_QUOTA) {
            throw IamErrors.quota("ClientIdsPerOpenIdConnectProvider", CLIENT_IDS_QUOTA);
        }
        List<String> thumbprints = params.members("ThumbprintList");
        thumbprints.forEach(t -> Constraints.length("ThumbprintList", t, 40, 40));
        if (thumbprints.size() > MAX_THUMBPRINTS) {
            throw IamErrors.invalidInput("Thumbprint list must contain fewer than " + MAX_THUMBPRINTS + " entries.");
        }
        List<RoleState.Tag> tags = TagRules.tags(params, "Tags");
        TagRules.requireDistinctKeys(tags);
        String stored = url.substring(SCHEME.length()).replaceAll("/+$", "");
        OidcProviderState provider = new OidcProviderState(call.account().id, stored, clientIds, thumbprints,
                asMap(tags), call.state().now());
        if (call.account().oidcProviders.containsKey(provider.arn())) {
            throw IamErrors.entityExists("Provider with url " + url + " already exists.");
        }
        if (call.account().oidcProviders.size() >= PROVIDERS_QUOTA) {
            throw IamErrors.quota("OpenIdConnectProvidersPerAccount", PROVIDERS_QUOTA);
        }
        call.account().oidcProviders.put(provider.arn(), provider);
        return QueryResult.of(out -> {
            out.text("OpenIDConnectProviderArn", provider.arn());
            writeTags(out, provider);
        });
    }

    static QueryResult get(IamCall call) {
        OidcProviderState provider = existing(call);
        return QueryResult.of(out -> {
            out.text("Url", provider.url());
            out.values("ClientIDList", provider.clientIds());
            out.values("ThumbprintList", provider.thumbprints());
            out.timestamp("CreateDate", provider.createDate());
            writeTags(out, provider);
        });
    }

    static QueryResult list(IamCall call) {
        List<OidcProviderState> providers = List.copyOf(call.account().oidcProviders.values());
        return QueryResult.of(out -> out.list("OpenIDConnectProviderList", providers, (o, p) -> o.text("Arn", p.arn())));
    }

    static QueryResult delete(IamCall call) {
        OidcProviderState provider = existing(call);
        call.account().oidcProviders.remove(provider.arn());
        return QueryResult.none();
    }

    private static OidcProviderState existing(IamCall call) {
        String arn = call.params().required("OpenIDConnectProviderArn");
        Constraints.length("OpenIDConnectProviderArn", arn, 20, 2048);
        if (!PROVIDER_ARN.matcher(arn).matches()) {
            throw IamErrors.invalidInput("ARN " + arn + " is not valid.");
        }
        OidcProviderState provider = call.account().oidcProviders.get(arn);
        if (provider == null) {
            throw IamErrors.noSuchProvider(arn);
        }
        return provider;
    }

    private static String checkUrl(String url) {
        Constraints.length("Url", url, 1, 255);
        if (!url.startsWith(SCHEME) || url.length() == SCHEME.length() || url.contains("?") || url.contains("#")) {
            throw Constraints.validationError("Invalid Open ID Connect Provider URL: " + url);
        }
        return url;
    }

    private static Map<String, String> asMap(List<RoleState.Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(tag -> map.put(tag.key(), tag.value()));
        return map;
    }

    /** Tags sorted by key, left out when there are none, as for roles. */
    private static void writeTags(XmlOut out, OidcProviderState provider) {
        if (!provider.tags().isEmpty()) {
            Map<String, String> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            sorted.putAll(provider.tags());
            out.list("Tags", sorted.entrySet(), (o, e) -> o.text("Key", e.getKey()).text("Value", e.getValue()));
        }
    }
}
