package io.keyline.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.Json;
import io.keyline.source.poll.Document;
import io.keyline.source.poll.ListingFeed;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;

/**
 * An account's IAM users, groups, roles and managed policies with their versions, from every page
 * of {@code GetAccountAuthorizationDetails}, as one document in the shape {@code aws iam
 * get-account-authorization-details} prints: its four lists, each the pages' entries in order. One
 * document, because a user counts as listed in full only when its groups are in the same one.
 */
final class AuthorizationDetailsListing implements ListingFeed.PageReader {

    static final String FORMAT = AuthorizationDetailsParser.SOURCE;
    static final String OPERATION = "GetAccountAuthorizationDetails";
    private static final String ACTION = "iam:GetAccountAuthorizationDetails";

    private final IamClient iam;
    private final AwsCalls.Scope scope;
    private final String account;
    private final int pageSize;

    AuthorizationDetailsListing(IamClient iam, AwsCalls.Scope scope, String account, int pageSize) {
        this.iam = iam;
        this.scope = scope;
        this.account = account;
        this.pageSize = pageSize;
    }

    @Override
    public ListingFeed.Page read(URI page, long observedAt)
            throws IOException, InterruptedException {
        ObjectNode document = Json.MAPPER.createObjectNode();
        ArrayNode users = document.putArray("UserDetailList");
        ArrayNode groups = document.putArray("GroupDetailList");
        ArrayNode roles = document.putArray("RoleDetailList");
        ArrayNode policies = document.putArray("Policies");
        String marker = null;
        do {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            String from = marker;
            GetAccountAuthorizationDetailsResponse r =
                    AwsCalls.call(
                            scope,
                            ACTION,
                            () ->
                                    iam.getAccountAuthorizationDetails(
                                            b -> b.maxItems(pageSize).marker(from)));
            users.addAll(SdkJson.array(r.userDetailList()));
            groups.addAll(SdkJson.array(r.groupDetailList()));
            roles.addAll(SdkJson.array(r.roleDetailList()));
            policies.addAll(SdkJson.array(r.policies()));
            marker = Boolean.TRUE.equals(r.isTruncated()) ? r.marker() : null;
            if (marker != null && Objects.equals(marker, from)) {
                throw new IOException(
                        ACTION + " in " + scope.place() + " gave the same page marker twice");
            }
        } while (marker != null);
        return new ListingFeed.Page(
                List.of(
                        new Document(
                                FORMAT,
                                Document.origin(FORMAT, account, "/iam/" + OPERATION),
                                observedAt,
                                Json.MAPPER.writeValueAsBytes(document))),
                null);
    }
}
