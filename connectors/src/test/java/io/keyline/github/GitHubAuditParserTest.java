package io.keyline.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventIds;
import io.keyline.format.EventJson;
import io.keyline.format.ListParseOutput;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import io.keyline.source.ParserHarness;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GitHubAuditParserTest {

    private static final String FORMAT = "github-audit";

    private static byte[] fixture(String name) {
        return ParserHarness.resource("/fixtures/github/" + name);
    }

    private static ListParseOutput parse(String fileName, byte[] content) {
        return ParserHarness.parseFile(FORMAT, fileName, content, 0);
    }

    private static ListParseOutput parse(String fileName, String content) {
        return parse(fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void streamedTokenEventsAreUsesWithTheirScopesAndOtherEventsYieldNothing() {
        ListParseOutput out =
                parse("2026-01-01-audit.jsonl", fixture("audit-streamed-token-events.jsonl"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        // api.request with a classic token; a scope listed twice counts once, and
                        // the escaped text of the user agent stays as GitHub wrote it.
                        "USED credential=github:token:jObLaRv3+vcp9Fw7qC4E3YcWCn/uUQU0E/TvkBkK2uw= type=GITHUB_PAT identity=github:user:build-bot-acme resource=acme-platform action=api.request consumer=||release-tool/3.2 \\u003cci\\u003e {account=acme-platform, tokenId=4242001}",
                        "GRANTED identity=github:user:build-bot-acme resource=scope:repo {account=acme-platform, privilege=high, privilegeReason=full control of repositories}",
                        "GRANTED identity=github:user:build-bot-acme resource=scope:workflow {account=acme-platform, privilege=high, privilegeReason=can change Actions workflows}",
                        "GRANTED identity=github:user:build-bot-acme resource=scope:write:packages {account=acme-platform, privilege=high, privilegeReason=can publish packages}",
                        "GRANTED identity=github:user:build-bot-acme resource=scope:admin:org {account=acme-platform, privilege=admin, privilegeReason=administration scope}",
                        "OWNER_HINT credential=github:token:jObLaRv3+vcp9Fw7qC4E3YcWCn/uUQU0E/TvkBkK2uw= type=GITHUB_PAT actor=build-bot-acme {account=acme-platform, ownerSource=creator, tokenId=4242001}",
                        // hook.create with a token from before 2021-04-05 and filler for a hash
                        "USED credential=github:token:legacyfiller0042token type=GITHUB_PAT identity=github:user:legacy-ci resource=acme-platform/payments action=hook.create consumer=||Jenkins/2.440 {account=acme-platform, tokenId=3100001}",
                        "GRANTED identity=github:user:legacy-ci resource=scope:repo {account=acme-platform, privilege=high, privilegeReason=full control of repositories}",
                        "OWNER_HINT credential=github:token:legacyfiller0042token type=GITHUB_PAT actor=legacy-ci {account=acme-platform, ownerSource=creator, tokenId=3100001}",
                        // git.clone with an OAuth token, from an address, with user ""
                        "USED credential=github:token:q+Z117870hBPh0GHV2+kKXBC9REKEpie381vTvC/aUw= type=GITHUB_OAUTH_TOKEN identity=github:user:svc-mirror resource=acme-platform/payments action=git.clone consumer=|198.51.100.23|git/2.47.1 {account=acme-platform}",
                        // org.update_member: scopes with spaces after the commas
                        "USED credential=github:token:legacyfiller0042token type=GITHUB_PAT identity=github:user:legacy-ci resource=acme-platform action=org.update_member consumer=||Jenkins/2.440 {account=acme-platform, tokenId=3100001}",
                        "GRANTED identity=github:user:legacy-ci resource=scope:repo {account=acme-platform, privilege=high, privilegeReason=full control of repositories}",
                        "GRANTED identity=github:user:legacy-ci resource=scope:read:user {account=acme-platform, privilege=read, privilegeReason=read-only scope}",
                        "GRANTED identity=github:user:legacy-ci resource=scope:read:org {account=acme-platform, privilege=read, privilegeReason=read-only scope}",
                        "OWNER_HINT credential=github:token:legacyfiller0042token type=GITHUB_PAT actor=legacy-ci {account=acme-platform, ownerSource=creator, tokenId=3100001}");
    }

    @Test
    void eventIdsAreTheDocumentIdsNumberedPerEventOrAHashOfTheEvent() {
        ListParseOutput out =
                parse("2026-01-01-audit.jsonl", fixture("audit-streamed-token-events.jsonl"));

        assertThat(out.events())
                .extracting(IdentityEvent::getEventId)
                .startsWith(
                        "github-audit:kQ3vX1aYb2c3d4e5f6g7hA",
                        "github-audit:kQ3vX1aYb2c3d4e5f6g7hA/1",
                        "github-audit:kQ3vX1aYb2c3d4e5f6g7hA/2",
                        "github-audit:kQ3vX1aYb2c3d4e5f6g7hA/3",
                        "github-audit:kQ3vX1aYb2c3d4e5f6g7hA/4",
                        "github-audit:kQ3vX1aYb2c3d4e5f6g7hA/5")
                .doesNotHaveDuplicates();
        // hook.create has no _document_id: its id is a hash of the event, the same on a replay.
        String hookId = out.events().get(6).getEventId();
        assertThat(hookId).startsWith("github-audit:h:");
        assertThat(
                        parse("again.jsonl", fixture("audit-streamed-token-events.jsonl"))
                                .events()
                                .get(6)
                                .getEventId())
                .isEqualTo(hookId);
        assertThat(out.events().get(0).getEventTime()).isEqualTo(1767225600123L);
    }

    @Test
    void twoEventsThatDifferOnlyInTheirTokenDoNotShareAnId() {
        String event =
                "{\"@timestamp\":1767225600000,\"action\":\"git.fetch\",\"actor\":\"svc-mirror\","
                        + "\"hashed_token\":\"%s\",\"org\":\"acme-platform\"}";
        String first =
                parse(
                                "a.jsonl",
                                String.format(
                                        event, "jObLaRv3+vcp9Fw7qC4E3YcWCn/uUQU0E/TvkBkK2uw="))
                        .events()
                        .get(0)
                        .getEventId();
        String second =
                parse(
                                "a.jsonl",
                                String.format(
                                        event, "q+Z117870hBPh0GHV2+kKXBC9REKEpie381vTvC/aUw="))
                        .events()
                        .get(0)
                        .getEventId();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aRestPageMapsAppAndWorkflowTokensFailuresAndLifecycleEvents() {
        ListParseOutput out = parse("acme-platform/page-1.json", fixture("audit-rest-page.json"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        // an app acting as itself; token_id 0 means no token number
                        "USED credential=github:token:yMbsVED00o01YNLmUAbbFtfzHWIvz5wDCRxZOBSCi64= type=GITHUB_APP_TOKEN identity=github:app:deploy-helper resource=acme-platform/payments action=git.fetch consumer=|203.0.113.40|go-git/5.x {account=acme-platform}",
                        // a workflow run's token acts for the workflows of its repository
                        "USED credential=github:token:DYzczrnLSm90l0oGPQK61ymz8ltJMPnIIFzKKWL3qnc= type=GITHUB_APP_TOKEN identity=github:actions:acme-platform/payments resource=acme-platform/payments action=git.push consumer=|20.0.0.7|git/2.47.1 {account=acme-platform}",
                        // a refused API call
                        "USED credential=github:token:6NDVc8pbR99EMZo+nhIY00jlsW3F576KniYTqQk0W8Q= type=GITHUB_FINE_GRAINED_PAT identity=github:user:alice-dev resource=acme-platform action=api.request consumer=|192.0.2.10|curl/8.7.1 {account=acme-platform, errorCode=403, tokenId=5150001}",
                        // a fine-grained token requests access, is approved by an owner (its
                        // creator is still its owner), then revoked by that owner
                        "CREATED credential=github:pat:acme-platform/5150001 type=GITHUB_FINE_GRAINED_PAT identity=github:user:alice-dev actor=alice-dev {account=acme-platform, name=nightly export}",
                        "CREATED credential=github:pat:acme-platform/5150001 type=GITHUB_FINE_GRAINED_PAT identity=github:user:alice-dev actor=alice-dev {account=acme-platform, name=nightly export}",
                        "DELETED credential=github:pat:acme-platform/5150001 type=GITHUB_FINE_GRAINED_PAT identity=github:user:alice-dev actor=org-owner-sam {account=acme-platform, name=nightly export}",
                        // an OAuth grant names its own token: no use of it
                        "CREATED credential=github:token:UXuCdxPyUQKZDAcCCGutDzLoG8dO7KTuHj2hvdWtkq4= type=GITHUB_OAUTH_TOKEN identity=github:user:alice-dev actor=alice-dev {account=acme-platform, name=Docs Preview}",
                        "DELETED credential=github:token:UXuCdxPyUQKZDAcCCGutDzLoG8dO7KTuHj2hvdWtkq4= type=GITHUB_OAUTH_TOKEN identity=github:user:alice-dev actor=alice-dev {account=acme-platform, name=Docs Preview}",
                        // a user's SSH key, by fingerprint; the deploy key removal names no key id
                        "CREATED credential=github:ssh-key:svc-deployer/SHA256:+iMHiQ3o6x+mQg7IADQHV5lOYLFtu69RItQnzLAT0Ks type=GITHUB_SSH_KEY identity=github:user:svc-deployer actor=svc-deployer {account=acme-platform, name=build host 7}",
                        "DELETED identity=github:app:release-drafter actor=org-owner-sam {account=acme-platform}");
        assertThat(out.events())
                .allSatisfy(e -> assertThat(EventJson.toJson(e)).doesNotContain("AAAAC3Nza"));
    }

    @Test
    void pantherNormalizedEventsWithStringAndFloatTimesParse() {
        ListParseOutput out =
                parse("panther.jsonl", fixture("panther-github-audit-normalized.jsonl"));

        // public_key.create with a repo is a deploy key without an id; repo.archived is no fact.
        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "CREATED identity=github:app:microsoft-teams-for-github actor=user_name {account=your-organization, identityType=app, name=Microsoft Teams for GitHub}");
        assertThat(out.events().get(0).getEventId()).isEqualTo("github-audit:A-2345");
        assertThat(out.events().get(0).getEventTime()).isEqualTo(1670736485542L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1621305118553|1621305118553",
                "1621305118553.0|1621305118553",
                "1.621305118553e+12|1621305118553",
                "\"1621305118553\"|1621305118553",
                "\"2021-05-18 02:31:58.553\"|1621305118553",
                "\"2021-05-18T04:31:58.553+02:00\"|1621305118553",
            })
    void timesAreEpochMillisecondsOrTheNormalizersText(String time, long expected) {
        ListParseOutput out =
                parse(
                        "t.jsonl",
                        "{\"created_at\":"
                                + time
                                + ",\"action\":\"git.clone\",\"actor\":\"a\",\"hashed_token\":\"x\"}");
        assertThat(out.rejections()).isEmpty();
        assertThat(out.events())
                .filteredOn(e -> e.getKind() == EventKind.USED)
                .singleElement()
                .satisfies(e -> assertThat(e.getEventTime()).isEqualTo(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Personal access token|false|GITHUB_PAT",
                "Fine-grained personal access token|false|GITHUB_FINE_GRAINED_PAT",
                "fine_grained_personal_access_token|false|GITHUB_FINE_GRAINED_PAT",
                "OAuth access token|false|GITHUB_OAUTH_TOKEN",
                "GitHub App server-to-server token|true|GITHUB_APP_TOKEN",
                "GitHub App user-to-server token|false|GITHUB_APP_TOKEN",
                "Authentication token created before 2021-04-05|false|GITHUB_PAT",
                "something new|false|GITHUB_PAT",
                "something new|true|GITHUB_APP_TOKEN",
            })
    void theKindOfTokenComesFromTheProgrammaticAccessType(
            String accessType, boolean bot, String type) {
        String event =
                "{\"@timestamp\":1,\"action\":\"git.clone\",\"actor\":\"someone\",\"actor_is_bot\":"
                        + bot
                        + ",\"hashed_token\":\"x\",\"programmatic_access_type\":\""
                        + accessType
                        + "\"}";
        assertThat(parse("t.jsonl", event).events())
                .filteredOn(e -> e.getKind() == EventKind.USED)
                .singleElement()
                .satisfies(e -> assertThat(e.getCredentialType()).isEqualTo(type));
    }

    @Test
    void aUserToServerTokenActsForItsUserAndABotWithoutARepositoryForItsApp() {
        String event =
                "{\"@timestamp\":1,\"action\":\"api.request\",\"actor\":\"%s\",\"hashed_token\":\"x\","
                        + "\"programmatic_access_type\":\"GitHub App user-to-server token\"}";
        assertThat(parse("t.jsonl", String.format(event, "alice-dev")).events())
                .extracting(IdentityEvent::getIdentityId)
                .containsExactly("github:user:alice-dev");
        assertThat(parse("t.jsonl", String.format(event, "github-actions[bot]")).events())
                .extracting(IdentityEvent::getIdentityId)
                .containsExactly("github:app:github-actions");
    }

    @Test
    void withoutAnOrgTheFolderBelowTheFormatFolderNamesTheOrganization() {
        String event =
                "{\"@timestamp\":1767312000400,\"action\":\"personal_access_token.access_revoked\","
                        + "\"actor\":\"org-owner-sam\",\"token_id\":5150001,\"user\":\"alice-dev\"}";

        assertThat(EventsText.of(parse("acme-platform/2026-01-02.jsonl", event)))
                .containsExactly(
                        "DELETED credential=github:pat:acme-platform/5150001 type=GITHUB_FINE_GRAINED_PAT identity=github:user:alice-dev actor=org-owner-sam {account=acme-platform}");
        // Without either, the token cannot be named and nothing is said about it.
        assertThat(parse("2026-01-02.jsonl", event).events()).isEmpty();
        assertThat(parse("2026-01-02.jsonl", event).rejections()).isEmpty();
    }

    @Test
    void aTokenLifecycleEventMadeWithATokenDoesNotTakeThatTokensNumberForItsSubject() {
        String event =
                "{\"@timestamp\":1,\"action\":\"personal_access_token.access_granted\","
                        + "\"actor\":\"approver[bot]\",\"org\":\"acme-platform\",\"user\":\"alice-dev\","
                        + "\"hashed_token\":\"x\",\"token_id\":77,"
                        + "\"programmatic_access_type\":\"GitHub App server-to-server token\"}";

        assertThat(EventsText.of(parse("t.jsonl", event)))
                .containsExactly(
                        "USED credential=github:token:x type=GITHUB_APP_TOKEN identity=github:app:approver resource=acme-platform action=personal_access_token.access_granted {account=acme-platform, tokenId=77}");
    }

    @Test
    void enterpriseEventsWithoutAnOrgCountForTheEnterprise() {
        String event =
                "{\"@timestamp\":1,\"action\":\"business.add_admin\",\"actor\":\"ent-admin\","
                        + "\"business\":\"acme-enterprise\",\"hashed_token\":\"x\"}";
        assertThat(EventsText.of(parse("t.jsonl", event)))
                .containsExactly(
                        "USED credential=github:token:x type=GITHUB_PAT identity=github:user:ent-admin action=business.add_admin {account=acme-enterprise}",
                        "OWNER_HINT credential=github:token:x type=GITHUB_PAT actor=ent-admin {account=acme-enterprise, ownerSource=creator}");
    }

    @Test
    void actorsThatCannotBeLoginsLeaveTheUseWithoutAnIdentityAndGrantNothing() {
        String event =
                "{\"@timestamp\":1,\"action\":\"git.clone\",\"actor\":\"not a login\","
                        + "\"hashed_token\":\"x\",\"token_scopes\":\"repo\"}";
        assertThat(EventsText.of(parse("t.jsonl", event)))
                .containsExactly(
                        "USED credential=github:token:x type=GITHUB_PAT action=git.clone {}");
    }

    @Test
    void theEventIdOfAnEventWithoutDocumentIdIsTheHashOfItsText() {
        String event = "{\"@timestamp\":5,\"action\":\"git.clone\",\"hashed_token\":\"x\"}";
        assertThat(parse("t.jsonl", event).events().get(0).getEventId())
                .isEqualTo(
                        EventIds.hashed(
                                FORMAT,
                                "{\"@timestamp\":5,\"action\":\"git.clone\",\"hashed_token\":\"github:token:x\"}"));
    }
}
