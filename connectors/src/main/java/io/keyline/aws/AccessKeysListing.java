package io.keyline.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.Json;
import io.keyline.source.poll.Document;
import io.keyline.source.poll.ListingFeed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.GetAccessKeyLastUsedResponse;
import software.amazon.awssdk.services.iam.model.ListAccessKeysResponse;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.User;

/**
 * An account's access keys, one page of {@code ListUsers} at a time: per user its keys ({@code
 * ListAccessKeys}) and per key its last use ({@code GetAccessKeyLastUsed}). A page becomes one
 * document of JSON lines: {@code aws iam list-access-keys} output per user with keys, and {@code
 * aws iam get-access-key-last-used} output per key with the key's {@code AccessKeyId} added, as
 * that output names no key. The account is the document's folder.
 */
final class AccessKeysListing implements ListingFeed.PageReader {

    static final String FORMAT = AccessKeysParser.SOURCE;
    static final String OPERATION = "ListUsers";

    private final IamClient iam;
    private final AwsCalls.Scope scope;
    private final String account;
    private final int pageSize;

    AccessKeysListing(IamClient iam, AwsCalls.Scope scope, String account, int pageSize) {
        this.iam = iam;
        this.scope = scope;
        this.account = account;
        this.pageSize = pageSize;
    }

    @Override
    public ListingFeed.Page read(URI page, long observedAt)
            throws IOException, InterruptedException {
        String marker = ApiPages.token(page);
        ListUsersResponse users =
                AwsCalls.call(
                        scope,
                        "iam:ListUsers",
                        () -> iam.listUsers(b -> b.maxItems(pageSize).marker(marker)));
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (User user : users.users()) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            List<AccessKeyMetadata> keys = keysOf(user.userName());
            if (keys.isEmpty()) {
                continue;
            }
            ObjectNode listed = Json.MAPPER.createObjectNode();
            listed.set("AccessKeyMetadata", SdkJson.array(keys));
            line(lines, listed);
            for (AccessKeyMetadata key : keys) {
                ObjectNode used = lastUsed(key);
                if (used != null) {
                    line(lines, used);
                }
            }
        }
        URI next =
                Boolean.TRUE.equals(users.isTruncated())
                        ? ApiPages.next(OPERATION, users.marker())
                        : null;
        List<Document> documents =
                lines.size() == 0
                        ? List.of()
                        : List.of(
                                new Document(
                                        FORMAT,
                                        Document.origin(FORMAT, account, "/iam/ListAccessKeys"),
                                        observedAt,
                                        lines.toByteArray()));
        return new ListingFeed.Page(documents, next);
    }

    /** Every key of a user; none when the user was deleted since the page of users. */
    private List<AccessKeyMetadata> keysOf(String userName) throws IOException {
        List<AccessKeyMetadata> keys = new ArrayList<>();
        String marker = null;
        do {
            String from = marker;
            ListAccessKeysResponse r =
                    AwsCalls.call(
                            scope,
                            "iam:ListAccessKeys",
                            () -> {
                                try {
                                    return iam.listAccessKeys(
                                            b -> b.userName(userName).marker(from));
                                } catch (NoSuchEntityException e) {
                                    return null;
                                }
                            });
            if (r == null) {
                return List.of();
            }
            keys.addAll(r.accessKeyMetadata());
            marker = Boolean.TRUE.equals(r.isTruncated()) ? r.marker() : null;
        } while (marker != null);
        return keys;
    }

    /** The last use of a key, with its id; null when the key was deleted meanwhile. */
    private ObjectNode lastUsed(AccessKeyMetadata key) throws IOException {
        GetAccessKeyLastUsedResponse r =
                AwsCalls.call(
                        scope,
                        "iam:GetAccessKeyLastUsed",
                        () -> {
                            try {
                                return iam.getAccessKeyLastUsed(
                                        b -> b.accessKeyId(key.accessKeyId()));
                            } catch (NoSuchEntityException e) {
                                return null;
                            }
                        });
        if (r == null || r.accessKeyLastUsed() == null) {
            return null;
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("UserName", r.userName() != null ? r.userName() : key.userName());
        out.put("AccessKeyId", key.accessKeyId());
        out.set("AccessKeyLastUsed", SdkJson.object(r.accessKeyLastUsed()));
        return out;
    }

    private static void line(ByteArrayOutputStream out, ObjectNode node) throws IOException {
        out.write(Json.MAPPER.writeValueAsBytes(node));
        out.write('\n');
    }
}
