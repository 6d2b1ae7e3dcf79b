package io.keyline.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.Json;
import io.keyline.source.poll.FakeApi;
import io.keyline.source.poll.FakeApi.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Google's OAuth token endpoint, the IAM API and Resource Manager on loopback, answering as they
 * do: an access token for an authorized user's refresh token or a service account's signed
 * assertion (checked against the key pair of the key file it wrote), the service accounts of a
 * project in pages with {@code nextPageToken}, their keys, and the project's IAM policy for a POST
 * to {@code :getIamPolicy}, all from the fixtures' records. Every call must carry the access token.
 * A project may refuse everything with 403 {@code PERMISSION_DENIED}; a call may be answered once
 * with 429 {@code RESOURCE_EXHAUSTED}.
 */
public final class FakeGcp implements AutoCloseable {

    /** The refresh token of the authorized user's credentials file; secret. */
    public static final String REFRESH_TOKEN = "1//0g-test-refresh-token-do-not-log-7c1d";

    /** The client secret of the credentials file; secret. */
    public static final String CLIENT_SECRET = "GOCSPX-test-client-secret-do-not-log";

    /** The access token the endpoint mints; secret. */
    public static final String ACCESS_TOKEN = "ya29.test-access-token-do-not-log-5b8e";

    /** The project the fixtures describe. */
    public static final String PROJECT = "acme-prod";

    /** The service account of {@link #serviceAccountKeyFile}. */
    public static final String SERVICE_ACCOUNT = "keyline-reader@acme-sec.iam.gserviceaccount.com";

    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final FakeApi api;
    private final List<JsonNode> accounts = new ArrayList<>();
    private final JsonNode keys;
    private final Set<String> deleted = new HashSet<>();
    private final Set<String> rateLimitOnce = new HashSet<>();
    private final AtomicBoolean revoked = new AtomicBoolean();
    private volatile PublicKey serviceAccountKey;
    private volatile String privateKeyPem;

    public FakeGcp() throws IOException {
        api = new FakeApi();
        read("/fixtures/gcp/listings/gcloud-service-accounts-list.json").forEach(accounts::add);
        keys = read("/fixtures/gcp/listings/gcloud-sa-keys-list.json");
        byte[] policy = bytes("/fixtures/gcp/listings/get-iam-policy.json");
        api.route("/token", this::token);
        String base = "/v1/projects/" + PROJECT;
        api.route(base + "/serviceAccounts", this::accountsPage);
        for (JsonNode account : accounts) {
            String email = account.get("email").asText();
            api.route(base + "/serviceAccounts/" + email + "/keys", r -> keysOf(r, email));
        }
        api.route(
                base + ":getIamPolicy",
                r ->
                        !"POST".equals(r.method())
                                ? Answer.status(404, "{}")
                                : authorized(r, Answer.json(policy)));
    }

    public FakeApi api() {
        return api;
    }

    /** Refuses everything about {@code project} with 403 PERMISSION_DENIED. */
    public FakeGcp refuse(String project) {
        String base = "/v1/projects/" + project;
        api.route(base + "/serviceAccounts", r -> denied("iam.serviceAccounts.list"));
        api.route(base + ":getIamPolicy", r -> denied("resourcemanager.projects.getIamPolicy"));
        return this;
    }

    /** Answers the next call to {@code path} with 429, as a quota does, without Retry-After. */
    public FakeGcp rateLimitOnce(String path) {
        rateLimitOnce.add(path);
        return this;
    }

    /** Answers the keys of {@code email} with 404, as for an account deleted meanwhile. */
    public FakeGcp deleted(String email) {
        deleted.add(email);
        return this;
    }

    /** The token endpoint refuses the refresh token from now on. */
    public FakeGcp revoke() {
        revoked.set(true);
        return this;
    }

    /** Writes an authorized user's credentials file whose token endpoint is this server. */
    public Path credentialsFile(Path dir) throws IOException {
        ObjectNode file = Json.MAPPER.createObjectNode();
        file.put("type", "authorized_user");
        file.put("client_id", "764086051850-keyline-test.apps.googleusercontent.com");
        file.put("client_secret", CLIENT_SECRET);
        file.put("refresh_token", REFRESH_TOKEN);
        file.put("token_uri", api.url() + "/token");
        return Files.writeString(dir.resolve("gcp-credentials.json"), file.toString());
    }

    /**
     * Writes a service account's key file whose token endpoint is this server, with a key pair made
     * now; the endpoint accepts assertions signed with it.
     */
    public Path serviceAccountKeyFile(Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        serviceAccountKey = pair.getPublic();
        privateKeyPem =
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(pair.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n";
        ObjectNode file = Json.MAPPER.createObjectNode();
        file.put("type", "service_account");
        file.put("project_id", PROJECT);
        file.put("private_key_id", "0c6a8f3e2b1d4c5a6b7c8d9e0f1a2b3c4d5e6f7a");
        file.put("private_key", privateKeyPem);
        file.put("client_email", SERVICE_ACCOUNT);
        file.put("client_id", "103958276450192837465");
        file.put("token_uri", api.url() + "/token");
        return Files.writeString(dir.resolve("gcp-key.json"), file.toString());
    }

    /** The body of the private key of {@link #serviceAccountKeyFile}, which must leak nowhere. */
    public String privateKeyBody() {
        return privateKeyPem.split("\n")[2];
    }

    private Answer token(FakeApi.Request r) {
        Map<String, String> form = new HashMap<>();
        for (String pair : r.text().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        pair.substring(0, eq),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (!"POST".equals(r.method())) {
            return Answer.status(400, "{\"error\":\"invalid_request\"}");
        }
        if (JWT_BEARER.equals(form.get("grant_type"))) {
            return signedBy(form.get("assertion"))
                    ? accessToken()
                    : Answer.status(
                            400,
                            "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT"
                                    + " Signature.\"}");
        }
        if (!"refresh_token".equals(form.get("grant_type"))
                || !REFRESH_TOKEN.equals(form.get("refresh_token"))
                || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            return Answer.status(400, "{\"error\":\"invalid_request\"}");
        }
        if (revoked.get()) {
            return Answer.status(
                    400,
                    "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired"
                            + " or revoked.\"}");
        }
        return accessToken();
    }

    /**
     * Whether a JWT assertion is signed with the service account's key, names it as issuer and
     * Google's token endpoint as audience, and asks for the cloud-platform scope.
     */
    private boolean signedBy(String assertion) {
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.");
        if (serviceAccountKey == null || parts.length != 3) {
            return false;
        }
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(serviceAccountKey);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return false;
            }
            JsonNode claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return SERVICE_ACCOUNT.equals(claims.path("iss").asText())
                    // The library names Google's token endpoint as audience wherever it sends
                    // the assertion.
                    && "https://oauth2.googleapis.com/token".equals(claims.path("aud").asText())
                    && claims.path("scope").asText().contains("auth/cloud-platform");
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private Answer accessToken() {
        return Answer.json(
                "{\"access_token\":\""
                        + ACCESS_TOKEN
                        + "\",\"expires_in\":3599,\"token_type\":\"Bearer\",\"scope\":\"https://www.googleapis.com/auth/cloud-platform\"}");
    }

    private Answer authorized(FakeApi.Request r, Answer answer) {
        if (!("Bearer " + ACCESS_TOKEN).equals(r.header("Authorization"))) {
            return Answer.status(
                    401,
                    "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication"
                            + " credentials.\",\"status\":\"UNAUTHENTICATED\"}}");
        }
        if (rateLimitOnce.remove(r.path())) {
            return Answer.status(
                    429,
                    "{\"error\":{\"code\":429,\"message\":\"Quota exceeded for quota metric 'Read"
                            + " requests'.\",\"status\":\"RESOURCE_EXHAUSTED\"}}");
        }
        return answer;
    }

    private static Answer denied(String permission) {
        return Answer.status(
                403,
                "{\"error\":{\"code\":403,\"message\":\"Permission '"
                        + permission
                        + "' denied on resource (or it may not exist).\",\"status\":"
                        + "\"PERMISSION_DENIED\"}}");
    }

    /** Pages of at most {@code pageSize} accounts; the token is the index of the next one. */
    private Answer accountsPage(FakeApi.Request r) {
        int size = Math.min(100, Math.max(1, param(r.query(), "pageSize", 100)));
        int from = param(r.query(), "pageToken", 0);
        ObjectNode page = Json.MAPPER.createObjectNode();
        ArrayNode list = page.putArray("accounts");
        for (int i = from; i < Math.min(from + size, accounts.size()); i++) {
            list.add(accounts.get(i));
        }
        if (from + size < accounts.size()) {
            page.put("nextPageToken", String.valueOf(from + size));
        }
        return authorized(r, Answer.json(page.toString()));
    }

    private Answer keysOf(FakeApi.Request r, String email) {
        if (deleted.contains(email)) {
            return authorized(
                    r,
                    Answer.status(
                            404,
                            "{\"error\":{\"code\":404,\"message\":\"Service account "
                                    + email
                                    + " does not exist.\",\"status\":\"NOT_FOUND\"}}"));
        }
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (JsonNode key : keys) {
            if (key.get("name").asText().contains("/serviceAccounts/" + email + "/keys/")) {
                list.add(key);
            }
        }
        // Proto3 JSON leaves an empty list out: an account without keys answers {}.
        if (!list.isEmpty()) {
            answer.set("keys", list);
        }
        return authorized(r, Answer.json(answer.toString()));
    }

    private static int param(String query, String name, int fallback) {
        if (query != null) {
            for (String p : query.split("&")) {
                if (p.startsWith(name + "=")) {
                    return Integer.parseInt(p.substring(name.length() + 1));
                }
            }
        }
        return fallback;
    }

    private static JsonNode read(String resource) throws IOException {
        return Json.MAPPER.readTree(bytes(resource));
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = FakeGcp.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        api.close();
    }
}
