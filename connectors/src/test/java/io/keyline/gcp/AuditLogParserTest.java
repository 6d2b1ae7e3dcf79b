package io.keyline.gcp;

import static io.keyline.source.ParserHarness.parseFile;
import static io.keyline.source.ParserHarness.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditLogParserTest {

    private static final String FORMAT = "gcp-audit";
    private static final String DIR = "/fixtures/gcp/audit/";

    private static ListParseOutput parse(String file) {
        return parseFile(FORMAT, file, resource(DIR + file), 0);
    }

    private static ListParseOutput parseText(String text) {
        return parseFile(FORMAT, "inline.jsonl", text.getBytes(StandardCharsets.UTF_8), 0);
    }

    private static long time(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void aPersonCreatingAKeyIsItsActorAndTheKeyNeverExpires() {
        ListParseOutput out = parse("create-service-account-key.json");

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "CREATED credential=gcp:sa-key:611204388015-compute@developer.gserviceaccount.com/3d0a5e21c8f94b7a6e1d2c3b4a59687f0e1d2c3b type=GCP_SA_KEY identity=gcp:sa:611204388015-compute@developer.gserviceaccount.com actor=dev.lead@acme.example {account=[PROJECT_ID], createdAt=2024-05-14T13:02:40Z, expiresAt=never, keyType=USER_MANAGED, status=Active}");
        IdentityEvent created = out.events().get(0);
        assertThat(created.getEventId()).isEqualTo("gcp-audit:k2m9ewd4c1b");
        assertThat(created.getEventTime()).isEqualTo(time("2024-05-14T13:02:41.540Z"));
    }

    @Test
    void pantherNormalizedEntriesReadTheirSpacedTimesAndFloatSeconds() {
        ListParseOutput out = parse("panther-gcp-CreateServiceAccountKey-normalized.jsonl");

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "CREATED credential=gcp:sa-key:created-service-account@gcp-project1.iam.gserviceaccount.com/69049163b190437ab9279b28e8afa24bb5c5b076 type=GCP_SA_KEY identity=gcp:sa:created-service-account@gcp-project1.iam.gserviceaccount.com actor=staging@company.io {account=gcp-project1, createdAt=2023-03-09T15:50:36Z, expiresAt=never, keyType=USER_MANAGED, status=Active}");
        assertThat(out.events().get(0).getEventTime()).isEqualTo(time("2023-03-09T15:50:36.148Z"));
        assertThat(out.events().get(0).getEventId()).isEqualTo("gcp-audit:1iyadj0d5bmj");
    }

    @Test
    void federatedWorkloadsUseTheTargetServiceAccountWhichTrustsTheirHomeIdentity() {
        ListParseOutput out = parse("workload-identity-federation.jsonl");

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "USED identity=gcp:sa:ci-deployer@acme-ci.iam.gserviceaccount.com resource=projects/-/serviceAccounts/105529938771620384551 action=iamcredentials.googleapis.com:GenerateAccessToken consumer=github:actions:acme/deploy-tools|198.51.100.23|google-github-actions/auth,gzip(gfe) {account=acme-ci}",
                        "TRUSTS identity=gcp:sa:ci-deployer@acme-ci.iam.gserviceaccount.com resource=github:actions:acme/deploy-tools {account=acme-ci, trustSource=observed}",
                        "USED identity=gcp:sa:etl-loader@acme-data.iam.gserviceaccount.com resource=projects/-/serviceAccounts/etl-loader@acme-data.iam.gserviceaccount.com action=iamcredentials.googleapis.com:GenerateAccessToken consumer=okta:user:svc-etl@acme.example|203.0.113.80|python-requests/2.31.0,gzip(gfe) {account=acme-data}",
                        "TRUSTS identity=gcp:sa:etl-loader@acme-data.iam.gserviceaccount.com resource=okta:user:svc-etl@acme.example {account=acme-data, trustSource=observed}",
                        "USED identity=gcp:sa:ci-deployer@acme-ci.iam.gserviceaccount.com resource=projects/-/serviceAccounts/105529938771620384551 action=iamcredentials.googleapis.com:GenerateIdToken consumer=principal://iam.googleapis.com/projects/482019374655/locations/global/workloadIdentityPools/...|198.51.100.24|Go-http-client/2.0,gzip(gfe) {account=acme-ci}",
                        "TRUSTS identity=gcp:sa:ci-deployer@acme-ci.iam.gserviceaccount.com resource=principal://iam.googleapis.com/projects/482019374655/locations/global/workloadIdentityPools/... {account=acme-ci, trustSource=observed}");
        assertThat(out.events())
                .extracting(IdentityEvent::getEventId)
                .containsExactly(
                        "gcp-audit:7hq2kd1a9xw3",
                        "gcp-audit:7hq2kd1a9xw3/1",
                        "gcp-audit:m3c81pz0q2rt",
                        "gcp-audit:m3c81pz0q2rt/1",
                        "gcp-audit:x0b7vt55rk1e",
                        "gcp-audit:x0b7vt55rk1e/1");
        assertThat(out.events().get(0).getEventTime()).isEqualTo(time("2025-03-02T08:15:30.104Z"));
        assertThat(out.events().get(2).getEventTime()).isEqualTo(time("2025-03-02T09:00:00.500Z"));
    }

    @Test
    void serviceAccountAndKeyChangesNameWhoMadeThem() {
        ListParseOutput out = parse("service-account-admin.jsonl");

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        // A person creates an account: no use, the person is the actor.
                        "CREATED identity=gcp:sa:report-builder@acme-prod.iam.gserviceaccount.com actor=maria.lopez@acme.example {account=acme-prod, identityType=service-account, name=Report builder}",
                        "OWNER_HINT identity=gcp:sa:report-builder@acme-prod.iam.gserviceaccount.com actor=maria.lopez@acme.example {account=acme-prod, ownerSource=tag}",
                        // A patch without a request body says nothing; SignJwt has no target
                        // address, so only the caller's use counts.
                        "USED identity=gcp:sa:batch-runner@acme-prod.iam.gserviceaccount.com resource=projects/acme-prod/serviceAccounts/41177/keys/90210 action=iam.googleapis.com:google.iam.admin.v1.SignJwt consumer=|10.8.0.4| {account=acme-prod}",
                        "STATUS_CHANGED credential=gcp:sa-key:legacy-sync@acme-prod.iam.gserviceaccount.com/5be0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8 type=GCP_SA_KEY identity=gcp:sa:legacy-sync@acme-prod.iam.gserviceaccount.com actor=ops@acme.example {account=acme-prod, status=Inactive}",
                        // The key's account named by unique id: the resource labels name it.
                        "STATUS_CHANGED credential=gcp:sa-key:legacy-sync@acme-prod.iam.gserviceaccount.com/5be0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8 type=GCP_SA_KEY identity=gcp:sa:legacy-sync@acme-prod.iam.gserviceaccount.com actor=ops@acme.example {account=acme-prod, status=Active}",
                        "USED credential=gcp:sa-key:terraform@acme-prod.iam.gserviceaccount.com/0c2b9a8f7e6d5c4b3a291807f6e5d4c3b2a19080 type=GCP_SA_KEY identity=gcp:sa:terraform@acme-prod.iam.gserviceaccount.com resource=projects/-/serviceAccounts/300118822645997120031 action=iam.googleapis.com:google.iam.admin.v1.DeleteServiceAccountKey consumer=|35.190.0.7|Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-google/5.20.0,gzip(gfe) {account=acme-prod}",
                        "DELETED credential=gcp:sa-key:legacy-sync@acme-prod.iam.gserviceaccount.com/5be0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8 type=GCP_SA_KEY identity=gcp:sa:legacy-sync@acme-prod.iam.gserviceaccount.com actor=gcp:sa:terraform@acme-prod.iam.gserviceaccount.com {account=acme-prod}",
                        "DELETED identity=gcp:sa:legacy-sync@acme-prod.iam.gserviceaccount.com actor=ops@acme.example {account=acme-prod}");
        assertThat(out.events())
                .extracting(IdentityEvent::getEventId)
                .containsExactly(
                        "gcp-audit:sa-admin-1",
                        "gcp-audit:sa-admin-1/1",
                        "gcp-audit:sa-admin-3",
                        "gcp-audit:sa-admin-4",
                        "gcp-audit:sa-admin-5",
                        "gcp-audit:sa-admin-6",
                        "gcp-audit:sa-admin-6/1",
                        "gcp-audit:sa-admin-7");
    }

    @Test
    void aGcloudArrayYieldsUsesWithKeysDelegationsFailuresImpersonationAndPolicyDeltas() {
        ListParseOutput out = parse("gcloud-logging-read.json");

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "USED credential=gcp:sa-key:exporter@acme-data.iam.gserviceaccount.com/8a1f2e3d4c5b6a7980f1e2d3c4b5a69788f9e0d1 type=GCP_SA_KEY identity=gcp:sa:exporter@acme-data.iam.gserviceaccount.com resource=projects/_/buckets/acme-exports/objects/2025/04/sales.csv action=storage.googleapis.com:storage.objects.get consumer=|34.120.10.5|gcloud-python/3.1.0 gl-python/3.11.4,gzip(gfe) {account=acme-data, region=europe-west1}",
                        // Vertex AI: an ordinary use; the person it acted for is not trusted.
                        "USED identity=gcp:sa:rag-agent@acme-ml.iam.gserviceaccount.com resource=projects/acme-ml/locations/us-central1/publishers/google/models/gemini-1.5-pro action=aiplatform.googleapis.com:google.cloud.aiplatform.v1.PredictionService.GenerateContent consumer=|10.20.0.9|langchain-google-vertexai/1.0.6 grpc-python/1.62.1,gzip(gfe) {account=acme-ml, region=us-central1}",
                        "TRUSTS identity=gcp:sa:rag-agent@acme-ml.iam.gserviceaccount.com resource=gcp:sa:orchestrator@acme-ml.iam.gserviceaccount.com {account=acme-ml, trustSource=observed}",
                        "USED identity=gcp:sa:exporter@acme-data.iam.gserviceaccount.com resource=projects/acme-data/secrets/warehouse-password/versions/latest action=secretmanager.googleapis.com:google.cloud.secretmanager.v1.SecretManagerService.AccessSecretVersion consumer=|34.120.10.5|grpc-java-netty/1.60.0,gzip(gfe) {account=acme-data, errorCode=PERMISSION_DENIED}",
                        // A person impersonating: the target is used, nobody inventoried is
                        // trusted.
                        "USED identity=gcp:sa:ci-deployer@acme-ci.iam.gserviceaccount.com resource=projects/-/serviceAccounts/ci-deployer@acme-ci.iam.gserviceaccount.com action=iamcredentials.googleapis.com:GenerateAccessToken consumer=|198.51.100.77|google-cloud-sdk gcloud/470.0.0 command/gcloud.auth.print-access-token,gzip(gfe) {account=acme-ci}",
                        "USED identity=gcp:sa:build-bot@acme-ci.iam.gserviceaccount.com resource=projects/-/serviceAccounts/ci-deployer@acme-ci.iam.gserviceaccount.com action=iamcredentials.googleapis.com:SignBlob consumer=|10.128.0.3|google-api-go-client/0.5,gzip(gfe) {account=acme-ci}",
                        "USED identity=gcp:sa:ci-deployer@acme-ci.iam.gserviceaccount.com resource=projects/-/serviceAccounts/ci-deployer@acme-ci.iam.gserviceaccount.com action=iamcredentials.googleapis.com:SignBlob consumer=gcp:sa:build-bot@acme-ci.iam.gserviceaccount.com|10.128.0.3|google-api-go-client/0.5,gzip(gfe) {account=acme-ci}",
                        "TRUSTS identity=gcp:sa:ci-deployer@acme-ci.iam.gserviceaccount.com resource=gcp:sa:build-bot@acme-ci.iam.gserviceaccount.com {account=acme-ci, trustSource=observed}",
                        "GRANTED identity=gcp:sa:terraform@acme-prod.iam.gserviceaccount.com actor=maria.lopez@acme.example resource=projects/acme-prod#roles/owner {account=acme-prod, privilege=admin, privilegeReason=roles/owner, resources=projects/acme-prod}",
                        "GRANTED identity=gcp:sa:terraform@acme-prod.iam.gserviceaccount.com actor=maria.lopez@acme.example resource=projects/acme-prod#roles/viewer {account=acme-prod, resources=projects/acme-prod, revoked=true}");
        assertThat(out.events().get(0).getEventTime()).isEqualTo(time("2025-04-10T07:00:01.100Z"));
    }

    @Test
    void aLoggingApiResponseYieldsServiceAccountPolicyTrustsAndSkipsOtherLogs() {
        ListParseOutput out = parse("logging-api-entries-list.json");

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "TRUSTS identity=gcp:sa:ci-deployer@acme-ci.iam.gserviceaccount.com resource=principalSet://iam.googleapis.com/projects/482019374655/locations/global/workloadIdentityPools/github-actions/attribute.repository/acme/deploy-tools {account=acme-ci, trustSource=policy}",
                        "GRANTED identity=gcp:sa:build-bot@acme-ci.iam.gserviceaccount.com actor=platform-admin@acme.example resource=projects/acme-ci/serviceAccounts/ci-deployer@acme-ci.iam.gserviceaccount.com#roles/iam.serviceAccountTokenCreator {account=acme-ci, privilege=high, privilegeReason=roles/iam.serviceAccountTokenCreator, resources=projects/acme-ci/serviceAccounts/ci-deployer@acme-ci.iam.gserviceaccount.com}",
                        "TRUSTS identity=gcp:sa:ci-deployer@acme-ci.iam.gserviceaccount.com resource=gcp:sa:build-bot@acme-ci.iam.gserviceaccount.com {account=acme-ci, trustSource=policy}",
                        "GRANTED identity=gcp:sa:exporter@acme-data.iam.gserviceaccount.com actor=data-steward@acme.example resource=projects/acme-data/datasets/sales#roles/bigquery.dataViewer {account=acme-data, privilege=read, privilegeReason=roles/bigquery.dataViewer, resources=projects/acme-data/datasets/sales}");
        assertThat(out.events().get(0).getEventTime()).isEqualTo(time("2025-01-20T12:00:00.987Z"));
    }

    @Test
    void aPolicyWithoutDeltasIsReadFromItsRequestAsAdditions() {
        String entry =
                "{\"insertId\":\"p1\",\"timestamp\":\"2025-01-01T00:00:00Z\","
                        + "\"logName\":\"organizations/4455/logs/cloudaudit.googleapis.com%2Factivity\","
                        + "\"protoPayload\":{\"methodName\":\"SetIamPolicy\","
                        + "\"authenticationInfo\":{\"principalEmail\":\"admin@acme.example\"},"
                        + "\"resourceName\":\"organizations/4455\",\"request\":{\"policy\":{\"bindings\":["
                        + "{\"role\":\"roles/resourcemanager.organizationAdmin\",\"members\":"
                        + "[\"serviceAccount:org-bot@acme-admin.iam.gserviceaccount.com\",\"group:x@acme.example\"]}]}}}}";

        assertThat(EventsText.of(parseText(entry)))
                .containsExactly(
                        "GRANTED identity=gcp:sa:org-bot@acme-admin.iam.gserviceaccount.com actor=admin@acme.example resource=organizations/4455#roles/resourcemanager.organizationAdmin {account=organizations/4455, privilege=high, privilegeReason=roles/resourcemanager.organizationAdmin, resources=organizations/4455}");
    }

    @Test
    void cloudStorageBucketPolicyChangesAreGrantsOnTheBucket() {
        String entry =
                "{\"insertId\":\"b1\",\"timestamp\":\"2025-01-01T00:00:00Z\","
                        + "\"resource\":{\"type\":\"gcs_bucket\",\"labels\":{\"project_id\":\"p1\"}},"
                        + "\"protoPayload\":{\"methodName\":\"storage.setIamPermissions\","
                        + "\"serviceName\":\"storage.googleapis.com\","
                        + "\"authenticationInfo\":{\"principalEmail\":\"ops@acme.example\"},"
                        + "\"resourceName\":\"projects/_/buckets/exports\",\"serviceData\":{"
                        + "\"policyDelta\":{\"bindingDeltas\":[{\"action\":\"REMOVE\","
                        + "\"role\":\"roles/storage.objectAdmin\","
                        + "\"member\":\"serviceAccount:app@p1.iam.gserviceaccount.com\"}]}}}}";

        assertThat(EventsText.of(parseText(entry)))
                .containsExactly(
                        "GRANTED identity=gcp:sa:app@p1.iam.gserviceaccount.com actor=ops@acme.example resource=projects/_/buckets/exports#roles/storage.objectAdmin {account=p1, resources=projects/_/buckets/exports, revoked=true}");
    }

    @Test
    void aFailedChangeYieldsOnlyTheUseWithItsError() {
        String entry =
                "{\"insertId\":\"f1\",\"timestamp\":\"2025-01-01T00:00:00Z\","
                        + "\"resource\":{\"labels\":{\"project_id\":\"p1\"}},"
                        + "\"protoPayload\":{\"serviceName\":\"iam.googleapis.com\","
                        + "\"methodName\":\"google.iam.admin.v1.CreateServiceAccountKey\","
                        + "\"authenticationInfo\":{\"principalEmail\":\"bot@p1.iam.gserviceaccount.com\"},"
                        + "\"resourceName\":\"projects/-/serviceAccounts/target@p1.iam.gserviceaccount.com\","
                        + "\"status\":{\"code\":\"9\",\"message\":\"quota\"}}}";

        assertThat(EventsText.of(parseText(entry)))
                .containsExactly(
                        "USED identity=gcp:sa:bot@p1.iam.gserviceaccount.com resource=projects/-/serviceAccounts/target@p1.iam.gserviceaccount.com action=iam.googleapis.com:google.iam.admin.v1.CreateServiceAccountKey {account=p1, errorCode=FAILED_PRECONDITION}");
    }

    @Test
    void aNewAccountsAddressIsBuiltFromItsRequestWhenNothingElseNamesIt() {
        String entry =
                "{\"insertId\":\"c1\",\"timestamp\":\"2025-01-01T00:00:00Z\","
                        + "\"logName\":\"projects/acme-prod/logs/cloudaudit.googleapis.com%2Factivity\","
                        + "\"protoPayload\":{\"methodName\":\"google.iam.admin.v1.CreateServiceAccount\","
                        + "\"authenticationInfo\":{\"principalEmail\":\"ops@acme.example\"},"
                        + "\"resourceName\":\"projects/acme-prod\","
                        + "\"request\":{\"accountId\":\"nightly-job\",\"name\":\"projects/acme-prod\"}}}";

        assertThat(EventsText.of(parseText(entry)))
                .containsExactly(
                        "CREATED identity=gcp:sa:nightly-job@acme-prod.iam.gserviceaccount.com actor=ops@acme.example {account=acme-prod, identityType=service-account, name=nightly-job}");
    }

    @Test
    void aKeyWithAnExpiryAndAnUploadedKeyKeepTheirValidity() {
        String entry =
                "{\"insertId\":\"u1\",\"timestamp\":\"2025-01-01T00:00:00Z\","
                        + "\"protoPayload\":{\"methodName\":\"google.iam.admin.v1.UploadServiceAccountKey\","
                        + "\"authenticationInfo\":{\"principalEmail\":\"ops@acme.example\"},"
                        + "\"response\":{\"name\":\"projects/p1/serviceAccounts/app@p1.iam.gserviceaccount.com/keys/k1\","
                        + "\"validAfterTime\":\"2025-01-01T00:00:00Z\","
                        + "\"valid_before_time\":{\"seconds\":\"1767225600\",\"nanos\":500000000},"
                        + "\"key_type\":\"USER_MANAGED\"}}}";

        assertThat(EventsText.of(parseText(entry)))
                .containsExactly(
                        "CREATED credential=gcp:sa-key:app@p1.iam.gserviceaccount.com/k1 type=GCP_SA_KEY identity=gcp:sa:app@p1.iam.gserviceaccount.com actor=ops@acme.example {createdAt=2025-01-01T00:00:00Z, expiresAt=2026-01-01T00:00:00.500Z, keyType=USER_MANAGED, status=Active}");
    }

    @Test
    void aReplayYieldsTheSameIds() {
        assertThat(parse("gcloud-logging-read.json").events())
                .extracting(IdentityEvent::getEventId)
                .containsExactlyElementsOf(
                        parse("gcloud-logging-read.json").events().stream()
                                .map(IdentityEvent::getEventId)
                                .toList())
                .doesNotHaveDuplicates();
    }
}
