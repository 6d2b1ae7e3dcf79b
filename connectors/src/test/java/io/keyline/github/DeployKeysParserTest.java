package io.keyline.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventJson;
import io.keyline.format.ListParseOutput;
import io.keyline.source.EventsText;
import io.keyline.source.ParserHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeployKeysParserTest {

    private static final String FORMAT = "github-deploy-keys";
    private static final long OBSERVED_AT = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    /** The public part of a key, which no output keeps. */
    private static final String PUBLIC_KEY =
            "AAAAC3NzaC1lZDI1NTE5AAAAIKeylineDeployKeyPublicPartOnly";

    private static ListParseOutput parse(String fileName, String content) {
        return ParserHarness.parseFile(
                FORMAT, fileName, content.getBytes(StandardCharsets.UTF_8), OBSERVED_AT);
    }

    @Test
    void eachKeyIsObservedForItsRepositoryWithItsCreatorAndAccess() {
        ListParseOutput out =
                ParserHarness.parseFile(
                        FORMAT,
                        "2026-11-01-keys.json",
                        ParserHarness.resource("/fixtures/github/list-deploy-keys.json"),
                        OBSERVED_AT);

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED credential=github:deploy-key:acme-platform/payments/90210 type=GITHUB_DEPLOY_KEY identity=github:repo:acme-platform/payments {account=acme-platform, createdAt=2025-03-04T09:10:11Z, lastUsedAt=2026-10-30T22:01:02Z, name=argo-cd prod, status=Active}",
                        "OWNER_HINT credential=github:deploy-key:acme-platform/payments/90210 type=GITHUB_DEPLOY_KEY actor=alice-dev {account=acme-platform, ownerSource=creator}",
                        "GRANTED identity=github:repo:acme-platform/payments resource=github:deploy-key:acme-platform/payments/90210 {account=acme-platform, privilege=read, privilegeReason=a read-only deploy key can clone, resources=acme-platform/Payments}",
                        "OBSERVED credential=github:deploy-key:acme-platform/payments/90211 type=GITHUB_DEPLOY_KEY identity=github:repo:acme-platform/payments {account=acme-platform, createdAt=2024-01-02T03:04:05Z, name=release pusher, status=Inactive}",
                        "OWNER_HINT credential=github:deploy-key:acme-platform/payments/90211 type=GITHUB_DEPLOY_KEY actor=svc-deployer {account=acme-platform, ownerSource=creator}",
                        "GRANTED identity=github:repo:acme-platform/payments resource=github:deploy-key:acme-platform/payments/90211 {account=acme-platform, privilege=high, privilegeReason=a writable deploy key can push, resources=acme-platform/Payments}");
        assertThat(out.events())
                .allSatisfy(
                        e -> {
                            assertThat(e.getEventTime()).isEqualTo(OBSERVED_AT);
                            assertThat(EventJson.toJson(e)).doesNotContain("AAAA");
                        });
        assertThat(out.events()).extracting(e -> e.getEventId()).doesNotHaveDuplicates();
    }

    @Test
    void withoutAUrlTheTwoFoldersBelowTheFormatFolderNameTheRepository() {
        String keys = "[{\"id\": 7, \"title\": \"mirror\", \"read_only\": true}]";
        assertThat(EventsText.of(parse("acme-platform/infra/keys.json", keys)))
                .containsExactly(
                        "OBSERVED credential=github:deploy-key:acme-platform/infra/7 type=GITHUB_DEPLOY_KEY identity=github:repo:acme-platform/infra {account=acme-platform, name=mirror, status=Active}",
                        "GRANTED identity=github:repo:acme-platform/infra resource=github:deploy-key:acme-platform/infra/7 {account=acme-platform, privilege=read, privilegeReason=a read-only deploy key can clone, resources=acme-platform/infra}");
        // A url of GitHub Enterprise Server names the repository as well.
        String server =
                "{\"id\": 8, \"url\": \"https://git.example.com/api/v3/repos/team/tool/keys/8\"}";
        assertThat(parse("keys.jsonl", server).events())
                .extracting(e -> e.getCredentialId())
                .containsExactly("github:deploy-key:team/tool/8");
    }

    @Test
    void aKeyWhoseRepositoryIsUnknownIsRejectedSayingHowToFixIt() {
        for (String file : List.of("keys.json", "acme-platform/keys.json")) {
            ListParseOutput out =
                    parse(
                            file,
                            "[{\"id\": 7, \"key\": \"ssh-ed25519 "
                                    + PUBLIC_KEY
                                    + "\", \"url\": \"elsewhere\"}]");
            assertThat(out.events()).isEmpty();
            assertThat(out.rejections())
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.reason())
                                        .isEqualTo(
                                                "a deploy key names no repository: its url is missing or not the API address of a repository's key, and its file is not in <owner>/<repo> folders below github-deploy-keys");
                                assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                        .doesNotContain(PUBLIC_KEY)
                                        .contains("elsewhere");
                            });
        }
    }

    @Test
    void inputThatIsNotJsonOrNotThisListingIsRejected() {
        assertThat(EventsText.reasons(parse("o/r/k.json", "[{\"id\": 1,")))
                .singleElement()
                .asString()
                .startsWith("the JSON ends too early");
        for (String other : List.of("\"keys\"", "{\"keys\": []}", "42")) {
            assertThat(EventsText.reasons(parse("o/r/k.json", other)))
                    .containsExactly("the record is not a list of deploy keys");
        }
    }

    @Test
    void aBadKeyIsRejectedAloneWithoutItsPublicKeyAndItsSiblingsStillCount() {
        String listing =
                """
                [
                  {"key": "ssh-ed25519 %1$s", "title": "no id"},
                  {"id": "seven", "key": "ssh-ed25519 %1$s"},
                  {"id": 2, "key": "ssh-ed25519 %1$s", "created_at": "a while ago"},
                  {"id": 3, "last_used": 1700000000},
                  {"id": 4, "enabled": "yes"},
                  {"id": 5, "read_only": null, "enabled": null, "created_at": null, "added_by": ["x"]},
                  "ssh-ed25519 %1$s",
                  {"id": 6, "read_only": "false"}
                ]
                """
                        .formatted(PUBLIC_KEY);

        ListParseOutput out = parse("acme-platform/infra/keys.json", listing);

        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "a deploy key has no id",
                        "the id of a deploy key is not a whole number",
                        "the created_at of a deploy key is not a time stamp",
                        "the last_used of a deploy key is not a time stamp",
                        "the enabled of a deploy key is not true or false",
                        "a deploy key is not an object",
                        "the read_only of a deploy key is not true or false");
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED credential=github:deploy-key:acme-platform/infra/5 type=GITHUB_DEPLOY_KEY identity=github:repo:acme-platform/infra {account=acme-platform, status=Active}");
        // The public key field is removed from rejected keys; an element that is not an object
        // is rejected as it is.
        assertThat(out.rejections())
                .filteredOn(r -> r.payload()[0] == '{')
                .hasSize(6)
                .allSatisfy(
                        r ->
                                assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                        .doesNotContain(PUBLIC_KEY));
    }
}
