package io.keyline.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.source.poll.CollectorException;
import io.keyline.source.poll.Document;
import io.keyline.source.poll.HttpApi;
import io.keyline.source.poll.ListingFeed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One listing of a cluster's service accounts, their Secrets and RBAC, in the shape of {@code
 * kubectl get serviceaccounts,secrets,roles,clusterroles,rolebindings,clusterrolebindings -A -o
 * json} that {@link K8sServiceAccountsParser} reads. Lists page with {@code limit} and the {@code
 * continue} token of each answer's {@code metadata}.
 *
 * <ol>
 *   <li>The legacy token Secrets ({@code fieldSelector=type=kubernetes.io/service-account-token}),
 *       metadata only ({@code PartialObjectMetadataList}): their tokens never leave the server.
 *       Each page is one {@code SecretList} document whose Secrets get back the type the selector
 *       chose.
 *   <li>With {@code secret-values}, the other Secrets, whole, one document per page: the parser
 *       reduces the values that are credentials to their fingerprints and drops them.
 *   <li>The service accounts, roles, cluster roles, role bindings and cluster role bindings, every
 *       page of each, as one {@code List} document: the parser tiers a binding by its role's rules
 *       and takes a listing as the full state of the cluster's bindings only when they are in one
 *       document.
 * </ol>
 *
 * <p>The listing's cursor is a page of Secrets or the start of the last step, so a restart resumes
 * at the page of Secrets it had reached, or lists the accounts and RBAC again. A {@code continue}
 * token that has expired meanwhile (HTTP 410) starts its list again from the first page. Managed
 * fields and the {@code kubectl.kubernetes.io/last-applied-configuration} annotation, which can
 * hold a Secret's values in clear, are removed from every object before it is emitted.
 */
final class K8sListing implements ListingFeed.PageReader {

    static final String FORMAT = K8sServiceAccountsParser.SOURCE;

    static final String TOKEN_TYPE = "kubernetes.io/service-account-token";

    private static final String RBAC = "rbac.authorization.k8s.io";

    /** How often one list may start again for an expired {@code continue} token in one step. */
    private static final int MAX_RESTARTS = 3;

    /** A kind of object the listing reads: where, the RBAC resource and group, and its kind. */
    record Resource(String path, String resource, String group, String kind, String apiVersion) {}

    static final Resource SECRETS = new Resource("/api/v1/secrets", "secrets", "", "Secret", "v1");

    static final List<Resource> ACCOUNTS_AND_RBAC =
            List.of(
                    new Resource(
                            "/api/v1/serviceaccounts",
                            "serviceaccounts",
                            "",
                            "ServiceAccount",
                            "v1"),
                    rbac("roles", "Role"),
                    rbac("clusterroles", "ClusterRole"),
                    rbac("rolebindings", "RoleBinding"),
                    rbac("clusterrolebindings", "ClusterRoleBinding"));

    private final K8sApi api;
    private final URI server;
    private final String cluster;
    private final URI tokens;
    private final URI values;
    private final URI accounts;
    private final int limit;
    private final boolean secretValues;

    K8sListing(K8sApi api, URI server, String cluster, int limit, boolean secretValues) {
        this.api = api;
        this.server = server;
        this.cluster = cluster;
        this.limit = limit;
        this.secretValues = secretValues;
        this.tokens = secrets(limit, "type=" + TOKEN_TYPE);
        this.values = secrets(limit, "type!=" + TOKEN_TYPE);
        this.accounts = URI.create(server + ACCOUNTS_AND_RBAC.get(0).path() + "?limit=" + limit);
    }

    private static Resource rbac(String resource, String kind) {
        return new Resource(
                "/apis/" + RBAC + "/v1/" + resource, resource, RBAC, kind, RBAC + "/v1");
    }

    private URI secrets(int limit, String selector) {
        return URI.create(
                server
                        + SECRETS.path()
                        + "?limit="
                        + limit
                        + "&fieldSelector="
                        + URLEncoder.encode(selector, StandardCharsets.UTF_8));
    }

    /** The first page of each step, in order. */
    List<URI> steps() {
        return secretValues ? List.of(tokens, values, accounts) : List.of(tokens, accounts);
    }

    /** What to grant when the cluster refuses to list a resource, as the end of a sentence. */
    static String fix(Resource r) {
        return "give the collector's service account the verb list on "
                + r.resource()
                + (r.group().isEmpty() ? " (core API group)" : " (API group " + r.group() + ")")
                + " across the cluster, by a ClusterRole bound to it with a ClusterRoleBinding";
    }

    @Override
    public ListingFeed.Page read(URI page, long observedAt)
            throws IOException, InterruptedException {
        String at = page.toString();
        if (at.startsWith(tokens.toString())) {
            return secrets(page, tokens, true, observedAt);
        }
        if (at.startsWith(values.toString())) {
            return secrets(page, values, false, observedAt);
        }
        return new ListingFeed.Page(accountsAndRbac(observedAt), null);
    }

    /** A page of Secrets, as a SecretList of at most one document. */
    private ListingFeed.Page secrets(URI page, URI first, boolean metadataOnly, long observedAt)
            throws IOException, InterruptedException {
        HttpApi.Response r =
                api.list(page, metadataOnly ? K8sApi.METADATA_ONLY : K8sApi.JSON, fix(SECRETS));
        if (r.status() == K8sApi.GONE) {
            // The continue token is too old (a restart from a checkpoint): list again.
            return new ListingFeed.Page(List.of(), first);
        }
        JsonNode list = list(r.body(), page);
        ArrayNode items = Json.MAPPER.createArrayNode();
        for (JsonNode item : list.get("items")) {
            ObjectNode secret = Json.MAPPER.createObjectNode();
            if (metadataOnly) {
                // The type is the one the field selector chose, which the metadata does not say.
                secret.set("metadata", item.get("metadata"));
                secret.put("type", TOKEN_TYPE);
            } else if (item.isObject()) {
                secret.setAll((ObjectNode) item);
            }
            secret.put("kind", SECRETS.kind());
            secret.put("apiVersion", SECRETS.apiVersion());
            items.add(stripped(secret));
        }
        URI next = next(list, first);
        if (items.isEmpty()) {
            return new ListingFeed.Page(List.of(), next);
        }
        ObjectNode secretList = Json.MAPPER.createObjectNode();
        secretList.put("apiVersion", "v1");
        secretList.put("kind", "SecretList");
        secretList.set("items", items);
        return new ListingFeed.Page(
                List.of(
                        new Document(
                                FORMAT,
                                Document.origin(FORMAT, cluster, SECRETS.path()),
                                observedAt,
                                Json.MAPPER.writeValueAsBytes(secretList))),
                next);
    }

    /** Every page of the accounts and RBAC, as one List document (none when all are empty). */
    private List<Document> accountsAndRbac(long observedAt)
            throws IOException, InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        for (Resource resource : ACCOUNTS_AND_RBAC) {
            items.addAll(all(resource));
        }
        if (items.isEmpty()) {
            return List.of();
        }
        // One object per line after an opening line that leaves the List open, as kubectl's
        // indented output does: a listing of any size is one document, not one very long line.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(
                "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[\n"
                        .getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.write(",\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(Json.MAPPER.writeValueAsBytes(items.get(i)));
        }
        out.write(
                "\n],\"metadata\":{\"resourceVersion\":\"\"}}\n".getBytes(StandardCharsets.UTF_8));
        return List.of(
                new Document(
                        FORMAT,
                        Document.origin(FORMAT, cluster, "/serviceaccounts-and-rbac"),
                        observedAt,
                        out.toByteArray()));
    }

    /** Every object of a resource, each with its kind and API version. */
    private List<JsonNode> all(Resource resource) throws IOException, InterruptedException {
        URI first = URI.create(server + resource.path() + "?limit=" + limit);
        List<JsonNode> out = new ArrayList<>();
        int restarts = 0;
        URI page = first;
        while (page != null) {
            HttpApi.Response r = api.list(page, K8sApi.JSON, fix(resource));
            if (r.status() == K8sApi.GONE) {
                if (++restarts > MAX_RESTARTS) {
                    throw new IOException(
                            "The Kubernetes cluster "
                                    + cluster
                                    + " let the continue token of "
                                    + resource.resource()
                                    + " expire "
                                    + restarts
                                    + " times in one listing");
                }
                out.clear();
                page = first;
                continue;
            }
            JsonNode list = list(r.body(), page);
            for (JsonNode item : list.get("items")) {
                if (item instanceof ObjectNode object) {
                    if (!object.hasNonNull("kind")) {
                        object.put("kind", resource.kind());
                    }
                    if (!object.hasNonNull("apiVersion")) {
                        object.put("apiVersion", resource.apiVersion());
                    }
                    out.add(stripped(object));
                } else {
                    // The parser rejects it with its reason.
                    out.add(item);
                }
            }
            page = next(list, first);
        }
        return out;
    }

    /** The next page: the first with the answer's {@code continue} token, or null. */
    private static URI next(JsonNode list, URI first) {
        String token = Json.text(list, "metadata", "continue");
        if (token == null) {
            return null;
        }
        return URI.create(first + "&continue=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /** A list answer: an object with an array of items. */
    private JsonNode list(byte[] body, URI page) throws IOException {
        JsonNode root;
        try {
            root = Json.read(body);
        } catch (MalformedRecordException e) {
            throw new IOException(
                    "The Kubernetes cluster " + cluster + " sent a list that is not whole JSON", e);
        }
        if (!root.isObject() || root.get("items") == null || !root.get("items").isArray()) {
            throw new CollectorException(
                    "The Kubernetes cluster "
                            + cluster
                            + " answered "
                            + page.getPath()
                            + " with something other than a list of objects.");
        }
        return root;
    }

    /** An object without its managed fields and its last applied configuration. */
    private static ObjectNode stripped(ObjectNode object) {
        if (object.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("managedFields");
            if (metadata.get("annotations") instanceof ObjectNode annotations) {
                annotations.remove(K8sPayloads.LAST_APPLIED);
            }
        }
        return object;
    }
}
