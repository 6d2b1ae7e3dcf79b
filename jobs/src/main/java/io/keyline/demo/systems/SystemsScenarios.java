package io.keyline.demo.systems;

import com.fasterxml.jackson.core.JsonGenerator;
import io.keyline.model.CanonicalIds;
import io.keyline.model.Stores;
import java.io.IOException;
import java.util.List;

/**
 * The {@code scenarios} of the systems ground truth: for each planted scenario the credentials and
 * identities it involves and what it is about.
 */
final class SystemsScenarios {

    private SystemsScenarios() {}

    static void write(JsonGenerator g, Context c, Scenarios s) throws IOException {
        Teams.Team first = c.teams[0];
        g.writeObjectFieldStart("scenarios");

        begin(
                g,
                "terraform-jenkins-key",
                "Terraform made an AWS access key for a Jenkins job 200 days before the end; it"
                        + " was committed to a .env of the deployment configuration, never"
                        + " rotated, and Jenkins uses it daily on the production artifact bucket.");
        credentials(g, CanonicalIds.awsAccessKey(s.jenkinsKeyId));
        identities(g, s.user(Scenarios.JENKINS_USER));
        g.writeStringField("created_by", s.role(Scenarios.TERRAFORM_ROLE));
        g.writeStringField(
                "location",
                Stores.ENV_FILE + ":https://github.com/" + Scenarios.CONFIG_REPO + ":jenkins/.env");
        g.writeStringField("commit_author", c.people.email(s.jenkinsCommitter));
        g.writeObjectFieldStart("consumer");
        g.writeStringField("source_ip", Scenarios.JENKINS_IP);
        g.writeStringField("user_agent", Scenarios.JENKINS_AGENT);
        g.writeEndObject();
        g.writeStringField("resource", "arn:aws:s3:::" + Scenarios.PROD_BUCKET);
        g.writeEndObject();

        String okta = CanonicalIds.oktaUser(Scenarios.FEDERATION_LOGIN);
        begin(
                g,
                "okta-federation",
                "The Okta service user "
                        + Scenarios.FEDERATION_LOGIN
                        + " federates into an AWS"
                        + " role (SAML), an Entra app (federated credential) and a GCP service"
                        + " account (workload identity pool); each trusts "
                        + okta
                        + ".");
        credentials(g);
        identities(
                g,
                okta,
                s.role(Scenarios.FEDERATION_ROLE),
                CanonicalIds.azureServicePrincipal(s.azureTenant, s.federationAppId),
                CanonicalIds.gcpServiceAccount(s.federationGcpAccount));
        SystemsTruthWriter.strings(
                g,
                "federated_identities",
                List.of(
                        s.role(Scenarios.FEDERATION_ROLE),
                        CanonicalIds.azureServicePrincipal(s.azureTenant, s.federationAppId),
                        CanonicalIds.gcpServiceAccount(s.federationGcpAccount)));
        g.writeStringField("trusted_principal", okta);
        g.writeStringField("owner", c.people.email(People.lead(0)));
        g.writeEndObject();

        String contractor = c.people.email(c.people.contractor());
        begin(
                g,
                "saas-contractor-grant",
                "A contractor created an Okta service app for a SaaS sync tool; the tool's"
                        + " backend takes client-credentials tokens of the app and federates them"
                        + " into an AWS role whose owner tag names the contractor, and the tool's"
                        + " GitHub workflow assumes the same role: one chain from the app to the"
                        + " export bucket.");
        credentials(g);
        String saasApp = CanonicalIds.oktaApp(Scenarios.OKTA_ORG, s.saasClientId);
        identities(g, saasApp, s.role(Scenarios.SAAS_ROLE));
        g.writeStringField("owner", contractor);
        g.writeStringField("owner_department", "Contractors");
        SystemsTruthWriter.strings(
                g,
                "trusted_principals",
                List.of(CanonicalIds.githubActions(Scenarios.SAAS_REPO), saasApp));
        g.writeStringField("resource", "arn:aws:s3:::" + Scenarios.SAAS_BUCKET);
        g.writeEndObject();

        begin(
                g,
                "ai-agent-credentials",
                "LLM API keys in a repository's .env and in laptops' MCP server configurations,"
                        + " a Bedrock role of the platform account, and a Vertex AI service"
                        + " account's key.");
        g.writeArrayFieldStart("credentials");
        fingerprint(g, s.openAiKey);
        fingerprint(g, s.anthropicKey);
        fingerprint(g, s.openAiProjectKey);
        g.writeStartObject();
        g.writeStringField(
                "credential_id", CanonicalIds.gcpServiceAccountKey(s.vertexAccount, s.vertexKeyId));
        g.writeEndObject();
        g.writeEndArray();
        identities(
                g, s.role(Scenarios.BEDROCK_ROLE), CanonicalIds.gcpServiceAccount(s.vertexAccount));
        g.writeEndObject();

        People.Person leaver = c.people.get(first.leaver());
        GcpPlan gcp = GcpPlan.of(c.w, first, c.people);
        GitHubPlan github = GitHubPlan.of(c.w, first);
        GcpPlan.Key key = gcp.keys().get(gcp.keys().size() - 1);
        begin(
                g,
                "departed-owner",
                "A member of the first team leaves inside the window; the GCP key, AWS key and"
                        + " GitHub token they made stay active, orphaned, and their manager owns"
                        + " them.");
        credentials(
                g,
                CanonicalIds.gcpServiceAccountKey(key.account(), key.keyId()),
                CanonicalIds.awsAccessKey(s.leaverKeyId),
                github.tokens().get(github.tokens().size() - 1).patId());
        identities(g);
        g.writeStringField("person", leaver.email());
        g.writeStringField("manager", leaver.manager());
        g.writeStringField("end_date", io.keyline.demo.TimeFormats.day(leaver.endDate()));
        g.writeEndObject();

        begin(
                g,
                "secret-in-four-places",
                "The data-sync access key of the platform account is copied to Vault, AWS Secrets"
                        + " Manager (by its keyline-credential-id tag), a Kubernetes Secret and a"
                        + " repository's .env.");
        credentials(g, CanonicalIds.awsAccessKey(s.dataSyncKeyId));
        identities(g, s.user(Scenarios.DATA_SYNC_USER));
        g.writeNumberField("location_count", 4);
        g.writeEndObject();

        begin(
                g,
                "generic-secret-copies",
                "The first team's database password is in Vault, in a Kubernetes Secret and in a"
                        + " repository: its id is its keyed fingerprint under the run's pepper.");
        g.writeArrayFieldStart("credentials");
        fingerprint(g, first.dbPassword());
        g.writeEndArray();
        identities(g);
        g.writeNumberField("location_count", 3);
        g.writeEndObject();

        g.writeEndObject();
    }

    private static void begin(JsonGenerator g, String name, String description) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("description", description);
    }

    private static void credentials(JsonGenerator g, String... ids) throws IOException {
        g.writeArrayFieldStart("credentials");
        for (String id : ids) {
            g.writeStartObject();
            g.writeStringField("credential_id", id);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void fingerprint(JsonGenerator g, String value) throws IOException {
        g.writeStartObject();
        g.writeNullField("credential_id");
        g.writeStringField("fingerprint_of", value);
        g.writeEndObject();
    }

    private static void identities(JsonGenerator g, String... ids) throws IOException {
        SystemsTruthWriter.strings(g, "identities", List.of(ids));
    }
}
