package io.keyline.gcp;

import static io.keyline.source.ParserHarness.parseFile;
import static io.keyline.source.ParserHarness.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventIds;
import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IamPolicyParserTest {

    private static final String FORMAT = "gcp-iam-policy";
    private static final long OBSERVED_AT = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    private static final String ONE_BINDING =
            "{\"bindings\":[{\"role\":\"roles/viewer\",\"members\":"
                    + "[\"serviceAccount:a@p.iam.gserviceaccount.com\"]}],\"etag\":\"x\",\"version\":1";

    private static ListParseOutput parse(String fileName, byte[] content) {
        return parseFile(FORMAT, fileName, content, OBSERVED_AT);
    }

    private static ListParseOutput parseText(String fileName, String content) {
        return parse(fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyServiceAccountMemberIsGrantedItsRoleOnTheProjectOfTheFolder() {
        ListParseOutput out =
                parse(
                        "acme-prod/2026-11-01T00-00-00Z-policy.json",
                        resource("/fixtures/gcp/listings/get-iam-policy.json"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "GRANTED identity=gcp:sa:611204388015-compute@developer.gserviceaccount.com resource=projects/acme-prod#roles/editor {account=acme-prod, privilege=high, privilegeReason=roles/editor, resources=projects/acme-prod}",
                        "GRANTED identity=gcp:sa:web-deployer@acme-prod.iam.gserviceaccount.com resource=projects/acme-prod#roles/editor {account=acme-prod, privilege=high, privilegeReason=roles/editor, resources=projects/acme-prod}",
                        "GRANTED identity=gcp:sa:service-611204388015@gcp-sa-artifactregistry.iam.gserviceaccount.com resource=projects/acme-prod#roles/artifactregistry.serviceAgent {account=acme-prod, privilege=write, privilegeReason=roles/artifactregistry.serviceAgent, resources=projects/acme-prod}",
                        "GRANTED identity=gcp:sa:web-deployer@acme-prod.iam.gserviceaccount.com resource=projects/acme-prod#roles/run.admin {account=acme-prod, privilege=high, privilegeReason=roles/run.admin, resources=projects/acme-prod}",
                        // A deleted member is no grant.
                        "GRANTED identity=gcp:sa:web-deployer@acme-prod.iam.gserviceaccount.com resource=projects/acme-prod#roles/secretmanager.secretAccessor {account=acme-prod, privilege=high, privilegeReason=roles/secretmanager.secretAccessor, resources=projects/acme-prod}",
                        // A conditional binding counts as if it always held.
                        "GRANTED identity=gcp:sa:exporter@acme-data.iam.gserviceaccount.com resource=projects/acme-prod#roles/storage.objectViewer {account=acme-prod, privilege=read, privilegeReason=roles/storage.objectViewer, resources=projects/acme-prod}");
        assertThat(out.events())
                .allSatisfy(
                        e -> {
                            assertThat(e.getEventTime()).isEqualTo(OBSERVED_AT);
                            assertThat(e.attribute("snapshot")).isNull();
                        });
        assertThat(out.events().get(0).getEventId())
                .isEqualTo(
                        EventIds.hashed(
                                FORMAT,
                                "GRANTED",
                                "gcp:sa:611204388015-compute@developer.gserviceaccount.com",
                                "projects/acme-prod",
                                "roles/editor",
                                "2026-11-01T00:00:00Z"));
    }

    @Test
    void aServiceAccountsOwnPolicyNamesThePrincipalsItTrusts() {
        ListParseOutput out =
                parse("sa-policy.json", resource("/fixtures/gcp/listings/sa-get-iam-policy.json"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "TRUSTS identity=gcp:sa:ci-deployer@acme-ci.iam.gserviceaccount.com resource=principalSet://iam.googleapis.com/projects/482019374655/locations/global/workloadIdentityPools/github-actions/attribute.repository/acme/deploy-tools {account=acme-ci, trustSource=policy}",
                        "GRANTED identity=gcp:sa:build-bot@acme-ci.iam.gserviceaccount.com resource=projects/acme-ci/serviceAccounts/ci-deployer@acme-ci.iam.gserviceaccount.com#roles/iam.serviceAccountTokenCreator {account=acme-ci, privilege=high, privilegeReason=roles/iam.serviceAccountTokenCreator, resources=projects/acme-ci/serviceAccounts/ci-deployer@acme-ci.iam.gserviceaccount.com}",
                        "TRUSTS identity=gcp:sa:ci-deployer@acme-ci.iam.gserviceaccount.com resource=gcp:sa:build-bot@acme-ci.iam.gserviceaccount.com {account=acme-ci, trustSource=policy}");
    }

    @Test
    void theProjectComesFromAFieldTheFolderOrTheFileName() {
        List<String[]> cases =
                List.of(
                        new String[] {"x.json", ONE_BINDING + ",\"projectId\":\"from-field\"}"},
                        new String[] {"x.json", ONE_BINDING + ",\"resource\":\"bare-id\"}"},
                        new String[] {"from-folder/x.json", ONE_BINDING + "}"},
                        new String[] {"2026-11-01-projects_from-name.json", ONE_BINDING + "}"},
                        new String[] {
                            "x.json", ONE_BINDING + ",\"resource\":\"organizations/778899\"}"
                        });
        List<String> resources =
                cases.stream()
                        .map(c -> parseText(c[0], c[1]).events().get(0))
                        .map(IdentityEvent::getResource)
                        .toList();
        assertThat(resources)
                .containsExactly(
                        "projects/from-field#roles/viewer",
                        "projects/bare-id#roles/viewer",
                        "projects/from-folder#roles/viewer",
                        "projects/from-name#roles/viewer",
                        "organizations/778899#roles/viewer");
    }

    @Test
    void aPolicyWithoutBindingsGrantsNothing() {
        ListParseOutput out = parseText("p1/policy.json", "{\"etag\":\"ACAB\",\"version\":1}");
        assertThat(out.events()).isEmpty();
        assertThat(out.rejections()).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"bindings\":[|the JSON ends too early at line 2, column 1",
                "\"policy\"|the record is not an IAM policy object",
                "{\"accounts\":[]}|the record is not an IAM policy: it has no bindings",
                "{\"bindings\":{\"role\":\"roles/owner\"}}|the bindings of the IAM policy are not an array",
                "{\"bindings\":[]}|the IAM policy names no project: add a projectId field, or put the file under a folder named after the project",
            })
    void brokenRecordsAreRejectedWithAReason(String record, String reason) {
        ListParseOutput out = parseText("policy.json", record);
        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out)).containsExactly(reason);
    }

    @Test
    void aBadBindingCostsOnlyItself() {
        String policy =
                "{\"bindings\":[5,{\"members\":[\"serviceAccount:a@p.iam.gserviceaccount.com\"]},"
                        + "{\"role\":\"roles/owner\",\"members\":\"serviceAccount:a@p.iam.gserviceaccount.com\"},"
                        + "{\"role\":\""
                        + "r".repeat(600)
                        + "\",\"members\":[]},"
                        + "{\"role\":\"roles/viewer\",\"members\":[null,7,\"serviceAccount:a@p.iam.gserviceaccount.com\"]}]}";
        ListParseOutput out = parseText("p1/policy.json", policy);

        assertThat(EventsText.of(out))
                .containsExactly(
                        "GRANTED identity=gcp:sa:a@p.iam.gserviceaccount.com resource=projects/p1#roles/viewer {account=p1, privilege=read, privilegeReason=roles/viewer, resources=projects/p1}");
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "a binding of the IAM policy is not an object",
                        "a binding of the IAM policy has no role",
                        "the members of a binding of the IAM policy are not an array",
                        "the role of a binding of the IAM policy is longer than 512");
        assertThat(new String(out.rejections().get(0).payload(), StandardCharsets.UTF_8))
                .isEqualTo("5");
    }
}
