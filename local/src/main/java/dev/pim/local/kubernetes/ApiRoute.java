package dev.pim.local.kubernetes;

import dev.pim.local.server.HttpRequest;

import java.util.List;

/**
 * What a request to {@code /k8s/{account}/{region}/{cluster}/...} asks for, read from its method and path
 * alone (routing must not touch the state): a discovery document, or a verb on a resource type, optionally in
 * a namespace and on one named object.
 *
 * @param document  the discovery document asked for, or null for a resource request
 * @param namespace the request's namespace, null for cluster-wide requests
 * @param name      the object's name, null for lists
 * @param dryRun    {@code dryRun=All}: validate and answer, change nothing
 */
record ApiRoute(String account, String region, String cluster, Discovery.Document document, Verb verb,
                ResourceType<?> type, String namespace, String name, boolean dryRun) {

    static ApiRoute parse(HttpRequest request) {
        List<String> segments = request.segments();
        if (segments.size() < 4 || !segments.get(0).equals("k8s")) {
            throw StatusErrors.pathNotFound();
        }
        String account = segments.get(1);
        String region = segments.get(2);
        String cluster = segments.get(3);
        List<String> path = segments.subList(4, segments.size());
        Discovery.Document document = Discovery.Document.at(path);
        if (document != null) {
            if (!request.method().equals("GET")) {
                throw StatusErrors.methodNotAllowed(request.method() + " of a discovery document");
            }
            return new ApiRoute(account, region, cluster, document, Verb.GET, null, null, null, false);
        }
        Target target = Target.of(path);
        Verb verb = verbOf(request, target);
        return new ApiRoute(account, region, cluster, null, verb, target.type, target.namespace, target.name,
                dryRun(request));
    }

    String operationName() {
        return document != null ? document.operationName() : type.operationName(verb);
    }

    boolean mutating() {
        return verb.writes() && !dryRun;
    }

    /** The namespace authorisation is decided in: a namespace's own object lies inside it. */
    String authorizationNamespace() {
        return type == ResourceType.NAMESPACES ? name : namespace;
    }

    private static Verb verbOf(HttpRequest request, Target target) {
        String method = request.method();
        if (method.equals("GET") && target.name == null) {
            String watch = request.queryParam("watch");
            if ("true".equals(watch) || "1".equals(watch)) {
                throw StatusErrors.methodNotAllowed("watch is not supported by the local cloud");
            }
            return Verb.LIST;
        }
        if (method.equals("GET")) {
            return Verb.GET;
        }
        if ((method.equals("PATCH") || method.equals("PUT")) && target.name != null && target.type.writable()) {
            return method.equals("PATCH") ? Verb.PATCH : Verb.UPDATE;
        }
        throw StatusErrors.methodNotAllowed(method + " of " + target.type.qualifiedName()
                + (target.name == null ? "" : " \"" + target.name + "\"") + " is not served by the local cloud");
    }

    private static boolean dryRun(HttpRequest request) {
        List<String> values = request.queryParams("dryRun");
        if (values.isEmpty()) {
            return false;
        }
        if (values.stream().allMatch("All"::equals)) {
            return true;
        }
        throw StatusErrors.badRequest("Invalid dry run value: " + String.join(",", values));
    }

    /** The resource part of a path: {@code api/v1/namespaces/ns/serviceaccounts/name} and its shorter forms. */
    private record Target(ResourceType<?> type, String namespace, String name) {

        static Target of(List<String> path) {
            String group;
            List<String> rest;
            if (path.size() >= 2 && path.get(0).equals("api") && path.get(1).equals("v1")) {
                group = "";
                rest = path.subList(2, path.size());
            } else if (path.size() >= 3 && path.get(0).equals("apis") && path.get(1).equals("apps") && path.get(2).equals("v1")) {
                group = "apps";
                rest = path.subList(3, path.size());
            } else {
                throw StatusErrors.pathNotFound();
            }
            boolean inNamespace = rest.size() >= 3 && rest.get(0).equals("namespaces");
            String namespace = inNamespace ? rest.get(1) : null;
            List<String> resource = inNamespace ? rest.subList(2, rest.size()) : rest;
            if (resource.isEmpty() || resource.size() > 2) {
                throw StatusErrors.pathNotFound();
            }
            ResourceType<?> type = ResourceType.find(group, resource.get(0)).orElseThrow(StatusErrors::pathNotFound);
            String name = resource.size() == 2 ? resource.get(1) : null;
            if (name != null && type.namespaced() != inNamespace) {
                throw StatusErrors.pathNotFound();
            }
            if (inNamespace && !type.namespaced()) {
                throw StatusErrors.pathNotFound();
            }
            return new Target(type, namespace, name);
        }
    }
}
