package io.keyline.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.source.poll.FakeApi;
import io.keyline.source.poll.FakeApi.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * A Kubernetes API server on loopback, answering with the objects of {@code
 * fixtures/k8s/kubectl-get-all.json} as the server does: typed lists whose items carry no kind,
 * pages of {@code limit} objects chained by the {@code continue} token of each list's {@code
 * metadata} (a token of an earlier generation answers HTTP 410 Expired), Secrets filtered by a
 * {@code type} field selector, and their metadata only when the request asks for a {@code
 * PartialObjectMetadataList}. Every object gets managed fields, as the server adds them. Every
 * request must carry the token; a path may be rate limited once (HTTP 429, {@code Retry-After: 1}).
 */
public final class FakeK8s implements AutoCloseable {

    /** The service account token the server accepts; it must never be written anywhere. */
    public static final String TOKEN =
            "eyJhbGciOiJSUzI1NiIsImtpZCI6ImtleWxpbmUifQ.keyline-fake-sa-token-do-not-log.c2ln";

    /** What the server answers a request for metadata only. */
    static final String METADATA_ONLY =
            "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";

    private static final String RBAC = "/apis/rbac.authorization.k8s.io/v1/";

    private final FakeApi api;
    private final Map<String, List<ObjectNode>> byKind = new LinkedHashMap<>();
    private final Set<String> rateLimited = ConcurrentHashMap.newKeySet();
    private volatile int generation = 1;

    public FakeK8s() throws IOException {
        this(null);
    }

    /** A server over HTTPS with the key and certificate of {@code tls}, or over HTTP. */
    public FakeK8s(SSLContext tls) throws IOException {
        JsonNode all = read("/fixtures/k8s/kubectl-get-all.json");
        for (JsonNode item : all.get("items")) {
            ObjectNode object = (ObjectNode) item.deepCopy();
            String kind = object.remove("kind").asText();
            object.remove("apiVersion");
            ((ObjectNode) object.get("metadata"))
                    .putArray("managedFields")
                    .addObject()
                    .put("manager", "kubectl-client-side-apply")
                    .put("operation", "Update")
                    .putObject("fieldsV1")
                    .putObject("f:metadata");
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(object);
        }
        api = new FakeApi(tls);
        api.route("/api/v1/serviceaccounts", r -> list(r, "ServiceAccount", "v1"));
        api.route("/api/v1/secrets", this::secrets);
        api.route(RBAC + "roles", r -> list(r, "Role", "rbac.authorization.k8s.io/v1"));
        api.route(
                RBAC + "clusterroles", r -> list(r, "ClusterRole", "rbac.authorization.k8s.io/v1"));
        api.route(
                RBAC + "rolebindings", r -> list(r, "RoleBinding", "rbac.authorization.k8s.io/v1"));
        api.route(
                RBAC + "clusterrolebindings",
                r -> list(r, "ClusterRoleBinding", "rbac.authorization.k8s.io/v1"));
    }

    public FakeApi api() {
        return api;
    }

    /** Answers the next request to {@code path} with a 429 and {@code Retry-After: 1}. */
    public FakeK8s rateLimitOnce(String path) {
        rateLimited.add(path);
        return this;
    }

    /** Makes every {@code continue} token given so far too old, as etcd's compaction does. */
    public void expireContinueTokens() {
        generation++;
    }

    /** The objects of a kind, as the server holds them. */
    public List<ObjectNode> objects(String kind) {
        return byKind.getOrDefault(kind, List.of());
    }

    /** The query parameters of a request, decoded. */
    public static Map<String, String> params(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query != null) {
            for (String p : query.split("&")) {
                int eq = p.indexOf('=');
                out.put(
                        p.substring(0, eq),
                        URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private Answer secrets(FakeApi.Request r) {
        String selector = params(r.query()).getOrDefault("fieldSelector", "");
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode secret : objects("Secret")) {
            String type = secret.path("type").asText();
            if (selector.startsWith("type!=")
                    ? !type.equals(selector.substring(6))
                    : !selector.startsWith("type=") || type.equals(selector.substring(5))) {
                matching.add(secret);
            }
        }
        if (METADATA_ONLY.equals(r.header("Accept"))) {
            List<ObjectNode> partial = new ArrayList<>();
            for (ObjectNode secret : matching) {
                ObjectNode p = Json.MAPPER.createObjectNode();
                p.put("kind", "PartialObjectMetadata");
                p.put("apiVersion", "meta.k8s.io/v1");
                p.set("metadata", secret.get("metadata"));
                partial.add(p);
            }
            return page(r, "PartialObjectMetadataList", "meta.k8s.io/v1", partial);
        }
        return page(r, "SecretList", "v1", matching);
    }

    private Answer list(FakeApi.Request r, String kind, String apiVersion) {
        return page(r, kind + "List", apiVersion, objects(kind));
    }

    private Answer page(
            FakeApi.Request r, String listKind, String apiVersion, List<ObjectNode> all) {
        if (!("Bearer " + TOKEN).equals(r.header("Authorization"))) {
            return status(401, "Unauthorized", "Unauthorized");
        }
        if (rateLimited.remove(r.path())) {
            return status(429, "TooManyRequests", "Too many requests, please try again later.")
                    .with("Retry-After", "1");
        }
        Map<String, String> q = params(r.query());
        int limit = Integer.parseInt(q.getOrDefault("limit", "0"));
        int from = 0;
        if (q.containsKey("continue")) {
            String[] token =
                    new String(
                                    Base64.getDecoder().decode(q.get("continue")),
                                    StandardCharsets.UTF_8)
                            .split(":");
            if (Integer.parseInt(token[0]) != generation) {
                return status(
                        410,
                        "Expired",
                        "The provided continue parameter is too old to display a consistent list"
                                + " result. You can start a new list without the continue"
                                + " parameter.");
            }
            from = Integer.parseInt(token[1]);
        }
        int to = limit <= 0 ? all.size() : Math.min(all.size(), from + limit);
        ObjectNode list = Json.MAPPER.createObjectNode();
        list.put("kind", listKind);
        list.put("apiVersion", apiVersion);
        ObjectNode metadata = list.putObject("metadata");
        metadata.put("resourceVersion", "48151623");
        if (to < all.size()) {
            metadata.put(
                    "continue",
                    Base64.getEncoder()
                            .encodeToString(
                                    (generation + ":" + to).getBytes(StandardCharsets.UTF_8)));
        }
        ArrayNode items = list.putArray("items");
        all.subList(from, to).forEach(items::add);
        return Answer.json(list.toString());
    }

    private static Answer status(int code, String reason, String message) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Failure");
        s.put("message", message);
        s.put("reason", reason);
        s.put("code", code);
        return Answer.status(code, s.toString());
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = FakeK8s.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + resource);
            }
            return Json.read(in.readAllBytes());
        } catch (MalformedRecordException e) {
            throw new IOException(resource + " is not JSON", e);
        }
    }

    @Override
    public void close() {
        api.close();
    }
}
