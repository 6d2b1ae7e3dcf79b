package io.keyline.demo.systems;

import com.fasterxml.jackson.core.JsonGenerator;
import io.keyline.demo.Seeds;
import io.keyline.demo.TimeFormats;
import io.keyline.demo.systems.GcpPlan.Key;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes Google Cloud: per project the service accounts ({@code gcp-service-accounts}), their
 * user-managed keys ({@code gcp-sa-keys}, one key per line), the project's IAM policy ({@code
 * gcp-iam-policy}) and its Secret Manager secrets ({@code gcp-secret-manager}), all as of the end;
 * and the Cloud Audit Logs of the window ({@code gcp-audit}, a file per day): keys created, the
 * calls each key makes, and Okta's federation user minting tokens for its service account.
 */
final class GcpWriter {

    static final String AUDIT = "gcp-audit";
    static final String ACCOUNTS = "gcp-service-accounts";
    static final String KEYS = "gcp-sa-keys";
    static final String POLICY = "gcp-iam-policy";
    static final String SECRETS = "gcp-secret-manager";

    private final Context c;
    private final List<GcpPlan> plans = new ArrayList<>();

    GcpWriter(Context c) {
        this.c = c;
        for (Teams.Team t : c.teams) {
            plans.add(GcpPlan.of(c.w, t, c.people));
        }
        plans.add(GcpPlan.aiPlatform(c.w, c.scenarios));
    }

    List<GcpPlan> plans() {
        return plans;
    }

    /** The audit log entries of one day. */
    void day(int d) {
        Window w = c.w;
        for (int p = 0; p < plans.size(); p++) {
            GcpPlan plan = plans.get(p);
            SplittableRandom r = w.rng(SystemsSeeds.DAY, 2, p, d);
            for (int k = 0; k < plan.keys().size(); k++) {
                Key key = plan.keys().get(k);
                if (key.creator() >= 0
                        && key.created() >= w.dayStart(d)
                        && key.created() < w.dayStart(d + 1)) {
                    created(plan, key);
                }
                for (int i = 0; i < key.callsPerDay(); i++) {
                    long t = w.at(d, r, 0, 24);
                    if (t > key.created()) {
                        call(plan, key, t, i);
                    }
                }
            }
            if (plan.project().equals(Scenarios.AI_PROJECT)) {
                federated(plan, w.at(d, r, 7, 9));
            }
        }
    }

    private void created(GcpPlan plan, Key key) {
        String creator = c.people.email(key.creator());
        long t = key.created();
        String name = GcpPlan.keyName(plan.project(), key);
        long before = key.expires() < 0 ? GcpPlan.NEVER_SECONDS : key.expires();
        entry(
                plan,
                t,
                1,
                "activity",
                "iam.googleapis.com",
                "google.iam.admin.v1.CreateServiceAccountKey",
                "projects/-/serviceAccounts/" + key.account(),
                "service_account",
                key.account(),
                g -> g.writeStringField("principalEmail", creator),
                "203.0.113." + (10 + key.creator() % 200),
                "google-cloud-sdk gcloud/475.0.0",
                g -> {
                    g.writeObjectFieldStart("request");
                    g.writeStringField(
                            "@type",
                            "type.googleapis.com/google.iam.admin.v1.CreateServiceAccountKeyRequest");
                    g.writeStringField(
                            "name",
                            "projects/" + plan.project() + "/serviceAccounts/" + key.account());
                    g.writeNumberField("private_key_type", 2);
                    g.writeEndObject();
                    g.writeObjectFieldStart("response");
                    g.writeStringField(
                            "@type", "type.googleapis.com/google.iam.admin.v1.ServiceAccountKey");
                    g.writeStringField("name", name);
                    seconds(g, "valid_after_time", t);
                    seconds(g, "valid_before_time", before);
                    g.writeNumberField("private_key_type", 2);
                    g.writeNumberField("key_algorithm", 2);
                    g.writeNumberField("key_origin", 2);
                    g.writeNumberField("key_type", 1);
                    g.writeEndObject();
                });
        String id = CanonicalIds.gcpServiceAccountKey(key.account(), key.keyId());
        c.book.created(
                id,
                CredentialTypes.GCP_SA_KEY,
                CanonicalIds.gcpServiceAccount(key.account()),
                Window.ms(t),
                creator);
        c.book.expires(id, key.expires() < 0 ? null : Window.ms(key.expires()));
    }

    private void call(GcpPlan plan, Key key, long t, int i) {
        String keyName = "//iam.googleapis.com/" + GcpPlan.keyName(plan.project(), key);
        String service;
        String method;
        String resource;
        String type;
        if (key.service().equals("aiplatform")) {
            service = "aiplatform.googleapis.com";
            method = "google.cloud.aiplatform.v1.PredictionService.GenerateContent";
            resource =
                    "projects/"
                            + plan.project()
                            + "/locations/us-central1/publishers/google/models/gemini-1.5-pro";
            type = "audited_resource";
        } else if (key.service().equals("bigquery")) {
            service = "bigquery.googleapis.com";
            method = "google.cloud.bigquery.v2.JobService.InsertJob";
            resource = "projects/" + plan.project() + "/jobs/job_" + (t % 100000);
            type = "bigquery_project";
        } else {
            service = "storage.googleapis.com";
            boolean write = key.account().startsWith("ci-deployer@");
            method = write ? "storage.objects.create" : "storage.objects.get";
            resource =
                    "projects/_/buckets/"
                            + plan.project()
                            + "-artifacts/objects/release-"
                            + (t / 3600 % 1000)
                            + ".tgz";
            type = "gcs_bucket";
        }
        entry(
                plan,
                t,
                10 + i,
                "data_access",
                service,
                method,
                resource,
                type,
                null,
                g -> {
                    g.writeStringField("principalEmail", key.account());
                    g.writeStringField("serviceAccountKeyName", keyName);
                    g.writeStringField("principalSubject", "serviceAccount:" + key.account());
                },
                "35.190.12." + (key.keyId().charAt(0) % 50 + 10),
                key.service().equals("aiplatform")
                        ? "google-genai-sdk/0.8.0 gl-python/3.11.9"
                        : "gcloud-java/2.40.0 google-api-java-client/2.4.1",
                null);
        c.book.used(
                CanonicalIds.gcpServiceAccountKey(key.account(), key.keyId()),
                CredentialTypes.GCP_SA_KEY,
                CanonicalIds.gcpServiceAccount(key.account()),
                Window.ms(t));
    }

    private void federated(GcpPlan plan, long t) {
        String account = c.scenarios.federationGcpAccount;
        entry(
                plan,
                t,
                50,
                "data_access",
                "iamcredentials.googleapis.com",
                "GenerateAccessToken",
                "projects/-/serviceAccounts/" + account,
                "service_account",
                account,
                g -> {
                    g.writeStringField(
                            "principalSubject", GcpPlan.oktaSubject(plan.projectNumber()));
                    g.writeArrayFieldStart("serviceAccountDelegationInfo");
                    g.writeStartObject();
                    g.writeEndObject();
                    g.writeEndArray();
                },
                "44.226.92.16",
                "Go-http-client/2.0,gzip(gfe)",
                g -> {
                    g.writeObjectFieldStart("request");
                    g.writeStringField(
                            "@type",
                            "type.googleapis.com/google.iam.credentials.v1.GenerateAccessTokenRequest");
                    g.writeStringField("name", "projects/-/serviceAccounts/" + account);
                    g.writeEndObject();
                    g.writeObjectFieldStart("metadata");
                    g.writeArrayFieldStart("identityDelegationChain");
                    g.writeString("projects/-/serviceAccounts/" + account);
                    g.writeEndArray();
                    g.writeEndObject();
                });
        c.book.trusts(
                CanonicalIds.gcpServiceAccount(account),
                CanonicalIds.oktaUser(Scenarios.FEDERATION_LOGIN));
    }

    private void entry(
            GcpPlan plan,
            long t,
            long part,
            String log,
            String service,
            String method,
            String resource,
            String resourceType,
            String email,
            Output.JsonBody authentication,
            String ip,
            String agent,
            Output.JsonBody bodies) {
        long hash = Seeds.of(c.w.seed, SystemsSeeds.EVENT, 2, t, part + plan.projectNumber());
        SplittableRandom r = new SplittableRandom(hash);
        String insertId = SystemsIds.lowerAlnum(r, 12);
        String time = timestamp(t, r);
        c.log.add(
                AUDIT,
                null,
                t,
                Output.compact(
                        g -> {
                            g.writeStartObject();
                            g.writeObjectFieldStart("protoPayload");
                            g.writeStringField(
                                    "@type", "type.googleapis.com/google.cloud.audit.AuditLog");
                            g.writeObjectFieldStart("status");
                            g.writeEndObject();
                            g.writeObjectFieldStart("authenticationInfo");
                            authentication.write(g);
                            g.writeEndObject();
                            g.writeObjectFieldStart("requestMetadata");
                            g.writeStringField("callerIp", ip);
                            g.writeStringField("callerSuppliedUserAgent", agent);
                            g.writeObjectFieldStart("requestAttributes");
                            g.writeStringField("time", time);
                            g.writeObjectFieldStart("auth");
                            g.writeEndObject();
                            g.writeEndObject();
                            g.writeObjectFieldStart("destinationAttributes");
                            g.writeEndObject();
                            g.writeEndObject();
                            g.writeStringField("serviceName", service);
                            g.writeStringField("methodName", method);
                            g.writeStringField("resourceName", resource);
                            if (bodies != null) {
                                bodies.write(g);
                            }
                            g.writeEndObject();
                            g.writeStringField("insertId", insertId);
                            g.writeObjectFieldStart("resource");
                            g.writeStringField("type", resourceType);
                            g.writeObjectFieldStart("labels");
                            g.writeStringField("project_id", plan.project());
                            if (email != null) {
                                g.writeStringField("email_id", email);
                            }
                            g.writeEndObject();
                            g.writeEndObject();
                            g.writeStringField("timestamp", time);
                            g.writeStringField(
                                    "severity", log.equals("activity") ? "NOTICE" : "INFO");
                            g.writeStringField(
                                    "logName",
                                    "projects/"
                                            + plan.project()
                                            + "/logs/cloudaudit.googleapis.com%2F"
                                            + log);
                            g.writeStringField(
                                    "receiveTimestamp",
                                    TimeFormats.iso(t + 1).substring(0, 19) + ".418207135Z");
                            g.writeEndObject();
                        }));
    }

    /** RFC 3339 with nanoseconds below the millisecond, as Cloud Logging writes them. */
    private static String timestamp(long t, SplittableRandom r) {
        String iso = TimeFormats.iso(t);
        return iso.substring(0, 19) + ".000" + SystemsIds.digits(r, 6) + "Z";
    }

    private static void seconds(JsonGenerator g, String field, long seconds) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeNumberField("seconds", seconds);
        g.writeEndObject();
    }
}
