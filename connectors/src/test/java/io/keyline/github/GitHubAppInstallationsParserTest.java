package io.keyline.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventIds;
import io.keyline.format.ListParseOutput;
import io.keyline.source.EventsText;
import io.keyline.source.ParserHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The GitHub Apps installed in an organization, as its installations listing gives them. */
class GitHubAppInstallationsParserTest {

    private static final String FORMAT = "github-app-installations";
    private static final long OBSERVED_AT = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    private static ListParseOutput parse(String fileName, byte[] content) {
        return ParserHarness.parseFile(FORMAT, fileName, content, OBSERVED_AT);
    }

    private static ListParseOutput parse(String fileName, String content) {
        return parse(fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] listing() {
        return ParserHarness.resource("/fixtures/github/list-app-installations.json");
    }

    @Test
    void eachInstallationIsItsAppObservedInTheOrganizationWithItsPermissionsAsGrants() {
        ListParseOutput out = parse("acme-platform/installations.json", listing());

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED identity=github:app:deploy-helper {account=acme-platform, createdAt=2025-06-02T16:15:00Z, identityType=app, name=deploy-helper, status=Active}",
                        "GRANTED identity=github:app:deploy-helper resource=permission:administration:write {account=acme-platform, privilege=high, privilegeReason=can change administration settings, resources=acme-platform/*}",
                        "GRANTED identity=github:app:deploy-helper resource=permission:contents:write {account=acme-platform, privilege=write, privilegeReason=write permission, resources=acme-platform/*}",
                        "GRANTED identity=github:app:deploy-helper resource=permission:metadata:read {account=acme-platform, privilege=read, privilegeReason=read permission, resources=acme-platform/*}",
                        "GRANTED identity=github:app:deploy-helper resource=permission:secrets:read {account=acme-platform, privilege=high, privilegeReason=access to secrets, resources=acme-platform/*}",
                        "GRANTED identity=github:app:deploy-helper resource=permission:workflows:write {account=acme-platform, privilege=high, privilegeReason=can change Actions workflows, resources=acme-platform/*}",
                        "OBSERVED identity=github:app:docs-preview {account=acme-platform, createdAt=2024-11-20T12:00:00Z, identityType=app, name=docs-preview, status=Active}",
                        "GRANTED identity=github:app:docs-preview resource=permission:metadata:read {account=acme-platform, privilege=read, privilegeReason=read permission}",
                        "GRANTED identity=github:app:docs-preview resource=permission:pull_requests:write {account=acme-platform, privilege=write, privilegeReason=write permission}",
                        "GRANTED identity=github:app:docs-preview resource=permission:members:read {account=acme-platform, privilege=read, privilegeReason=read permission}",
                        "OBSERVED identity=github:app:legacy-mirror {account=acme-platform, createdAt=2023-02-14T10:20:30Z, identityType=app, name=legacy-mirror, status=Inactive, suspendedAt=2026-09-30T17:45:00Z}",
                        "GRANTED identity=github:app:legacy-mirror resource=permission:contents:read {account=acme-platform, privilege=read, privilegeReason=read permission, resources=acme-platform/*}",
                        "GRANTED identity=github:app:legacy-mirror resource=permission:metadata:read {account=acme-platform, privilege=read, privilegeReason=read permission, resources=acme-platform/*}");
        assertThat(out.events())
                .allSatisfy(e -> assertThat(e.getEventTime()).isEqualTo(OBSERVED_AT));
        assertThat(out.events().get(0).getEventId())
                .isEqualTo(
                        EventIds.hashed(
                                FORMAT,
                                "OBSERVED",
                                "github:app:deploy-helper",
                                "acme-platform",
                                "2026-11-01T00:00:00Z"));
    }

    @Test
    void theAppIsTheIdentityTheAuditLogNamesWhenItIsInstalled() {
        String installed =
                "{\"@timestamp\":1767312000000,\"_document_id\":\"inst-1\","
                        + "\"action\":\"integration_installation.create\",\"actor\":\"org-owner-sam\","
                        + "\"integration\":\"Docs Preview\",\"org\":\"acme-platform\"}";
        ListParseOutput audit =
                ParserHarness.parseFile(
                        "github-audit",
                        "acme-platform/log.json",
                        installed.getBytes(StandardCharsets.UTF_8),
                        0);
        ListParseOutput listing = parse("acme-platform/installations.json", listing());

        assertThat(audit.events()).singleElement();
        assertThat(listing.events())
                .anySatisfy(
                        e ->
                                assertThat(e.getIdentityId())
                                        .isEqualTo(audit.events().get(0).getIdentityId()));
    }

    @Test
    void oneInstallationPerLineOrABareArrayTakesTheOrganizationFromTheFolder() {
        String line =
                "{\"id\":5,\"app_slug\":\"renovate\",\"permissions\":{\"contents\":\"write\"},"
                        + "\"repository_selection\":\"selected\"}";
        assertThat(EventsText.of(parse("octo-org/installations.jsonl", line)))
                .containsExactly(
                        "OBSERVED identity=github:app:renovate {account=octo-org, identityType=app, name=renovate, status=Active}",
                        "GRANTED identity=github:app:renovate resource=permission:contents:write {account=octo-org, privilege=write, privilegeReason=write permission}");
        assertThat(EventsText.of(parse("octo-org/installations.json", "[" + line + "]")))
                .hasSize(2);
    }
}
