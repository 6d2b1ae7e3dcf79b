package io.keyline.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.source.poll.Document;
import io.keyline.source.poll.HttpApi;
import io.keyline.source.poll.ListingFeed;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * The pages of a project's IAM listings, each kept as the REST API answered it, which is the shape
 * the parsers read: service accounts ({@code projects.serviceAccounts.list}, paged by {@code
 * nextPageToken}), the keys of the service accounts of each such page ({@code
 * projects.serviceAccounts.keys.list}, one document per account), and the project's IAM policy
 * ({@code projects.getIamPolicy} of Resource Manager, a POST).
 */
@Internal
final class GcpIamPages {

    /** Asks for the conditional bindings too; without it Google refuses policies that have some. */
    static final String POLICY_REQUEST = "{\"options\":{\"requestedPolicyVersion\":3}}";

    private final GcpRestApi api;
    private final String project;
    private final URI accounts;
    private final URI iam;
    private final URI policy;

    /**
     * @param iam the IAM API's base URL
     * @param resourceManager Resource Manager's base URL
     * @param pageSize service accounts per page
     */
    GcpIamPages(GcpRestApi api, String project, URI iam, URI resourceManager, int pageSize) {
        this.api = api;
        this.project = project;
        this.iam = iam;
        this.accounts =
                URI.create(
                        iam + "/v1/projects/" + project + "/serviceAccounts?pageSize=" + pageSize);
        this.policy = URI.create(resourceManager + "/v1/projects/" + project + ":getIamPolicy");
    }

    /** The first page of the service accounts, where both of their listings start. */
    URI accounts() {
        return accounts;
    }

    URI policy() {
        return policy;
    }

    /** A page of service accounts, as one {@code gcp-service-accounts} document. */
    ListingFeed.Page serviceAccounts(URI page, long observedAt)
            throws IOException, InterruptedException {
        HttpApi.Response r = api.get(page, fix("iam.serviceAccounts.list"));
        String format = GcpServiceAccountsParser.SOURCE;
        return new ListingFeed.Page(
                List.of(
                        new Document(
                                format,
                                Document.origin(
                                        format,
                                        project,
                                        "/v1/projects/" + project + "/serviceAccounts"),
                                observedAt,
                                r.body())),
                next(GcpRestApi.object(r, page)));
    }

    /**
     * The keys of the service accounts of one page of them: one {@code gcp-sa-keys} document per
     * account. An account deleted between the two calls has no keys to list.
     */
    ListingFeed.Page keys(URI page, long observedAt) throws IOException, InterruptedException {
        JsonNode listed = GcpRestApi.object(api.get(page, fix("iam.serviceAccounts.list")), page);
        String format = ServiceAccountKeysParser.SOURCE;
        List<Document> documents = new ArrayList<>();
        for (JsonNode account : listed.path("accounts")) {
            String email = account.path("email").asText("");
            if (email.indexOf('@') <= 0 || email.contains("/")) {
                continue;
            }
            String path = "/v1/projects/" + project + "/serviceAccounts/" + email + "/keys";
            HttpApi.Response r;
            try {
                r = api.get(URI.create(iam + path), fix("iam.serviceAccountKeys.list"));
            } catch (HttpApi.Refusal e) {
                if (e.status() == 404) {
                    continue;
                }
                throw e;
            }
            documents.add(
                    new Document(
                            format, Document.origin(format, project, path), observedAt, r.body()));
        }
        return new ListingFeed.Page(documents, next(listed));
    }

    /** The project's IAM policy, as one {@code gcp-iam-policy} document. */
    ListingFeed.Page policy(URI page, long observedAt) throws IOException, InterruptedException {
        HttpApi.Response r =
                api.post(
                        page,
                        POLICY_REQUEST,
                        "grant the collector's principal roles/iam.securityReviewer on the project "
                                + project
                                + " (the permission resourcemanager.projects.getIamPolicy)");
        GcpRestApi.object(r, page);
        String format = IamPolicyParser.SOURCE;
        return new ListingFeed.Page(
                List.of(
                        new Document(
                                format,
                                Document.origin(
                                        format,
                                        project,
                                        "/v1/projects/" + project + ":getIamPolicy"),
                                observedAt,
                                r.body())),
                null);
    }

    /** The next page of the service accounts, or null after the last. */
    private URI next(JsonNode listed) {
        String token = listed.path("nextPageToken").asText("");
        if (token.isEmpty()) {
            return null;
        }
        return URI.create(
                accounts + "&pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    private String fix(String permission) {
        return "grant the collector's principal roles/iam.serviceAccountViewer on the project "
                + project
                + " (the permission "
                + permission
                + ")";
    }
}
