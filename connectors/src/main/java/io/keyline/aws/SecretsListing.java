package io.keyline.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.Json;
import io.keyline.source.poll.Document;
import io.keyline.source.poll.ListingFeed;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;

/**
 * The secrets of an account in one region, page by page of {@code ListSecrets} (those scheduled for
 * deletion included): each page one document in the shape {@code aws secretsmanager list-secrets}
 * prints. Metadata only: names, ARNs, tags, rotation and the dates of last access and change. The
 * collector never asks for a secret's value.
 */
final class SecretsListing implements ListingFeed.PageReader {

    static final String FORMAT = SecretsManagerParser.SOURCE;
    static final String OPERATION = "ListSecrets";

    /** The most secrets ListSecrets returns per page. */
    static final int MAX_PAGE = 100;

    private final SecretsManagerClient secrets;
    private final AwsCalls.Scope scope;
    private final String account;
    private final String region;
    private final int pageSize;

    SecretsListing(
            SecretsManagerClient secrets,
            AwsCalls.Scope scope,
            String account,
            String region,
            int pageSize) {
        this.secrets = secrets;
        this.scope = scope;
        this.account = account;
        this.region = region;
        this.pageSize = Math.min(pageSize, MAX_PAGE);
    }

    @Override
    public ListingFeed.Page read(URI page, long observedAt) throws IOException {
        String token = ApiPages.token(page);
        ListSecretsResponse r =
                AwsCalls.call(
                        scope,
                        "secretsmanager:ListSecrets",
                        () ->
                                secrets.listSecrets(
                                        b ->
                                                b.maxResults(pageSize)
                                                        .nextToken(token)
                                                        .includePlannedDeletion(true)));
        List<Document> documents = List.of();
        if (!r.secretList().isEmpty()) {
            ObjectNode listing = Json.MAPPER.createObjectNode();
            listing.set("SecretList", SdkJson.array(r.secretList()));
            documents =
                    List.of(
                            new Document(
                                    FORMAT,
                                    Document.origin(
                                            FORMAT, account, "/" + region + "/" + OPERATION),
                                    observedAt,
                                    Json.MAPPER.writeValueAsBytes(listing)));
        }
        return new ListingFeed.Page(documents, ApiPages.next(OPERATION, r.nextToken()));
    }
}
