package io.keyline.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventIds;
import io.keyline.format.ListParseOutput;
import io.keyline.source.EventsText;
import io.keyline.source.ParserHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FineGrainedTokensParserTest {

    private static final String FORMAT = "github-pats";
    private static final long OBSERVED_AT = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    private static ListParseOutput parse(String fileName, byte[] content) {
        return ParserHarness.parseFile(FORMAT, fileName, content, OBSERVED_AT);
    }

    private static ListParseOutput parse(String fileName, String content) {
        return parse(fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] goGithubListing() {
        return ParserHarness.resource("/fixtures/github/go-github-org-fine-grained-pats-list.json");
    }

    @Test
    void aPendingRequestIsAnInactiveTokenOfItsOwnerWhosePermissionsAreNotGranted() {
        ListParseOutput out =
                ParserHarness.parseFile(
                        "github-pat-requests",
                        "acme/2026-11-01-requests.json",
                        ParserHarness.resource("/fixtures/github/list-pat-requests.json"),
                        OBSERVED_AT);

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED credential=github:pat:acme/771206 type=GITHUB_FINE_GRAINED_PAT identity=github:user:dana-ops {account=acme, createdAt=2026-10-30T14:02:11Z, expiresAt=2027-01-28T14:01:50Z, name=docs-preview-deployer, status=Inactive, tokenId=771206}",
                        "OWNER_HINT credential=github:pat:acme/771206 type=GITHUB_FINE_GRAINED_PAT actor=dana-ops {account=acme, ownerSource=creator}",
                        "OBSERVED credential=github:pat:acme/771344 type=GITHUB_FINE_GRAINED_PAT identity=github:user:ci-bot-maintainer {account=acme, createdAt=2026-10-31T09:15:40Z, expiresAt=never, lastUsedAt=2026-10-31T09:20:02Z, name=org-admin-automation, status=Inactive, tokenId=771344}",
                        "OWNER_HINT credential=github:pat:acme/771344 type=GITHUB_FINE_GRAINED_PAT actor=ci-bot-maintainer {account=acme, ownerSource=creator}");
        // A request names its token by token_id only: the request's own id never stands in.
        ListParseOutput noToken =
                ParserHarness.parseFile(
                        "github-pat-requests",
                        "acme/r.json",
                        "[{\"id\":25381,\"owner\":{\"login\":\"dana-ops\"}}]"
                                .getBytes(StandardCharsets.UTF_8),
                        OBSERVED_AT);
        assertThat(noToken.events()).isEmpty();
        assertThat(noToken.rejections())
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r.reason())
                                        .isEqualTo(
                                                "a request for a fine-grained personal access"
                                                        + " token has no token_id"));
    }

    @Test
    void aListedTokenIsObservedForItsOwnerWithItsPermissionsAsGrants() {
        ListParseOutput out = parse("octo-org/2026-11-01-tokens.json", goGithubListing());

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED credential=github:pat:octo-org/25381 type=GITHUB_FINE_GRAINED_PAT identity=github:user:octocat {account=octo-org, createdAt=2023-05-16T15:47:09Z, expiresAt=2023-11-16T15:47:09Z, status=Active}",
                        "OWNER_HINT credential=github:pat:octo-org/25381 type=GITHUB_FINE_GRAINED_PAT actor=octocat {account=octo-org, ownerSource=creator}",
                        "GRANTED identity=github:user:octocat resource=permission:members:read {account=octo-org, privilege=read, privilegeReason=read permission}",
                        "GRANTED identity=github:user:octocat resource=permission:metadata:read {account=octo-org, privilege=read, privilegeReason=read permission}");
        assertThat(out.events())
                .allSatisfy(e -> assertThat(e.getEventTime()).isEqualTo(OBSERVED_AT));
        assertThat(out.events().get(0).getEventId())
                .isEqualTo(
                        EventIds.hashed(
                                FORMAT,
                                "OBSERVED",
                                "github:pat:octo-org/25381",
                                "token",
                                "2026-11-01T00:00:00Z"));
    }

    @Test
    void withoutAnOrganizationTheListingIsRejectedSayingHowToFixIt() {
        ListParseOutput out = parse("2026-11-01-tokens.json", goGithubListing());

        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "the organization of a fine-grained personal access token is unknown: add an org field to the token or put the file in a folder named after the organization below github-pats");
    }

    @Test
    void theTokenIdOfNewerApiVersionsNamesTheTokenAndAnOrgFieldWinsOverTheFolder() {
        String line =
                "{\"org\":\"acme-platform\",\"id\":900001,\"token_id\":5150001,\"token_name\":\"nightly export\","
                        + "\"owner\":{\"login\":\"Alice-Dev\",\"type\":\"User\"},\"repository_selection\":\"subset\","
                        + "\"permissions\":{\"organization\":{\"members\":\"write\",\"organization_secrets\":\"read\"},"
                        + "\"repository\":{\"administration\":\"write\",\"contents\":\"write\",\"workflows\":\"write\","
                        + "\"metadata\":\"read\",\"issues\":\"none\",\"secrets\":\"read\"},\"other\":{\"gists\":\"write\"}},"
                        + "\"access_granted_at\":\"2026-01-02T03:04:05.000Z\",\"token_expired\":true,"
                        + "\"token_expires_at\":null,\"token_last_used_at\":\"2026-10-30T12:00:00.000+01:00\"}";

        assertThat(EventsText.of(parse("other-org/tokens.jsonl", line)))
                .containsExactly(
                        "OBSERVED credential=github:pat:acme-platform/5150001 type=GITHUB_FINE_GRAINED_PAT identity=github:user:alice-dev {account=acme-platform, createdAt=2026-01-02T03:04:05Z, expiresAt=never, lastUsedAt=2026-10-30T11:00:00Z, name=nightly export, status=Inactive, tokenId=5150001}",
                        "OWNER_HINT credential=github:pat:acme-platform/5150001 type=GITHUB_FINE_GRAINED_PAT actor=alice-dev {account=acme-platform, ownerSource=creator}",
                        "GRANTED identity=github:user:alice-dev resource=permission:members:write {account=acme-platform, privilege=high, privilegeReason=can change organization members}",
                        "GRANTED identity=github:user:alice-dev resource=permission:organization_secrets:read {account=acme-platform, privilege=high, privilegeReason=access to secrets}",
                        "GRANTED identity=github:user:alice-dev resource=permission:administration:write {account=acme-platform, privilege=high, privilegeReason=can change administration settings}",
                        "GRANTED identity=github:user:alice-dev resource=permission:contents:write {account=acme-platform, privilege=write, privilegeReason=write permission}",
                        "GRANTED identity=github:user:alice-dev resource=permission:workflows:write {account=acme-platform, privilege=high, privilegeReason=can change Actions workflows}",
                        "GRANTED identity=github:user:alice-dev resource=permission:metadata:read {account=acme-platform, privilege=read, privilegeReason=read permission}",
                        "GRANTED identity=github:user:alice-dev resource=permission:secrets:read {account=acme-platform, privilege=high, privilegeReason=access to secrets}",
                        "GRANTED identity=github:user:alice-dev resource=permission:gists:write {account=acme-platform, privilege=write, privilegeReason=write permission}");
    }

    @Test
    void inputThatIsNotJsonOrNotThisListingIsRejected() {
        assertThat(EventsText.reasons(parse("acme/t.json", "[{\"id\": 1,")))
                .singleElement()
                .asString()
                .startsWith("the JSON ends too early");
        for (String other : List.of("\"tokens\"", "{\"tokens\": []}", "42", "null")) {
            assertThat(EventsText.reasons(parse("acme/t.json", other)))
                    .containsExactly(
                            "the record is not a list of fine-grained personal access tokens");
        }
    }

    @Test
    void aBadTokenIsRejectedAloneAndItsSiblingsStillCount() {
        String listing =
                """
                [
                  {"id": 1, "owner": {"login": "octocat"}, "access_granted_at": "last week"},
                  {"owner": {"login": "octocat"}},
                  {"id": "one", "owner": {"login": "octocat"}},
                  {"id": 3, "owner": null},
                  {"id": 4, "owner": {"login": "octocat"}, "token_expired": "no"},
                  {"id": 5, "owner": {"login": "octocat"}, "permissions": ["contents"]},
                  {"id": 6, "owner": {"login": "octocat"}, "permissions": {"repository": "all"}},
                  {"id": 7, "owner": {"login": "octocat"}, "token_expires_at": 1700000000},
                  "octocat",
                  {"id": 8, "owner": {"login": "octocat"}, "token_expires_at": "2027-01-01T00:00:00Z"}
                ]
                """;

        ListParseOutput out = parse("acme/tokens.json", listing);

        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "the access_granted_at of a fine-grained personal access token is not a time stamp",
                        "a fine-grained personal access token has neither token_id nor id",
                        "the id of a fine-grained personal access token is not a whole number",
                        "a fine-grained personal access token has no owner login",
                        "the token_expired of a fine-grained personal access token is not true or false",
                        "the permissions of a fine-grained personal access token is not an object",
                        "the repository permissions of a fine-grained personal access token are not an object",
                        "the token_expires_at of a fine-grained personal access token is not a time stamp",
                        "a fine-grained personal access token is not an object");
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED credential=github:pat:acme/8 type=GITHUB_FINE_GRAINED_PAT identity=github:user:octocat {account=acme, expiresAt=2027-01-01T00:00:00Z, status=Active}",
                        "OWNER_HINT credential=github:pat:acme/8 type=GITHUB_FINE_GRAINED_PAT actor=octocat {account=acme, ownerSource=creator}");
        assertThat(new String(out.rejections().get(1).payload(), StandardCharsets.UTF_8))
                .isEqualTo("{\"owner\":{\"login\":\"octocat\"}}");
    }

    @Test
    void oddPermissionEntriesAreSkippedAndTheirNumberIsBounded() {
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 400; i++) {
            many.append("\"perm_").append(i).append("\":\"read\",");
        }
        many.append("\"Bad Name\":\"write\",\"contents\":42,\"pages\":\"sometimes maybe\"}");
        String token =
                "{\"id\": 9, \"owner\": {\"login\": \"octocat\"}, \"permissions\": {\"repository\": "
                        + many
                        + "}}";
        ListParseOutput out = parse("acme/tokens.jsonl", token);
        assertThat(out.rejections()).isEmpty();
        // The token, its owner, and as many permissions as are kept.
        assertThat(out.events()).hasSize(2 + GitHubPermissions.MAX_PERMISSIONS);
    }
}
