package io.keyline.demo.systems;

import com.fasterxml.jackson.core.JsonGenerator;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * The CloudTrail records of the platform account, one method per kind of call, each noting in the
 * ground truth what Keyline should learn from it.
 */
final class PlatformEvents {

    private static final int MAX_TOKENS = 40;

    private final Context c;
    private final PlatformTrail trail;
    private final String account;
    private int tokens;

    PlatformEvents(Context c, PlatformTrail trail) {
        this.c = c;
        this.trail = trail;
        this.account = c.w.platformAccount;
    }

    TrailRecord.Identity session(String role, String session, long started) {
        c.book.identity(CanonicalIds.awsRole(account, role));
        return TrailRecord.session(
                account,
                role,
                PlatformNames.roleId(c.w, role),
                session,
                PlatformNames.sessionKey(c.w, role, started),
                started);
    }

    TrailRecord.Identity sso(String role, String person, long started) {
        return session(role, person, started);
    }

    /** One call of the Jenkins deploy job with its key. */
    void jenkins(long t, int i) {
        Scenarios s = c.scenarios;
        if (i == 7) {
            TrailRecord r =
                    trail.record(
                            t,
                            10 + i,
                            "secretsmanager.amazonaws.com",
                            "GetSecretValue",
                            user(Scenarios.JENKINS_USER, s.jenkinsKeyId),
                            Scenarios.JENKINS_IP,
                            Scenarios.JENKINS_AGENT);
            r.readOnly = true;
            r.request =
                    g -> {
                        g.writeStartObject();
                        g.writeStringField("secretId", "jenkins/deploy-token");
                        g.writeEndObject();
                    };
            trail.add(r);
        } else {
            object(
                    t,
                    10 + i,
                    user(Scenarios.JENKINS_USER, s.jenkinsKeyId),
                    i < 5 ? "PutObject" : "GetObject",
                    Scenarios.PROD_BUCKET,
                    "builds/" + (t / 600 % 10000) + "/app.war",
                    Scenarios.JENKINS_IP,
                    Scenarios.JENKINS_AGENT);
        }
        used(Scenarios.JENKINS_USER, s.jenkinsKeyId, t);
    }

    /** A call made with a user's key: an S3 read, or another service's API. */
    void keyCall(
            long t,
            long part,
            String userName,
            String keyId,
            String service,
            String name,
            String bucket,
            String ip,
            String agent) {
        TrailRecord.Identity who = user(userName, keyId);
        if (bucket != null) {
            object(
                    t,
                    part,
                    who,
                    name,
                    bucket,
                    "exports/" + (t / 3600 % 5000) + ".parquet",
                    ip,
                    agent);
        } else {
            TrailRecord r = trail.record(t, part, service + ".amazonaws.com", name, who, ip, agent);
            r.request =
                    g -> {
                        g.writeStartObject();
                        g.writeStringField("queryString", "***OMITTED***");
                        g.writeStringField("workGroup", "reports");
                        g.writeEndObject();
                    };
            r.response =
                    g -> {
                        g.writeStartObject();
                        g.writeStringField("queryExecutionId", io.keyline.demo.Ids.uuid(t + part));
                        g.writeEndObject();
                    };
            trail.add(r);
        }
        used(userName, keyId, t);
    }

    /** Okta's federation user signs in to AWS with SAML. */
    void samlAssume(long t, long part) {
        String provider = "arn:aws:iam::" + account + ":saml-provider/okta";
        String login = Scenarios.FEDERATION_LOGIN;
        TrailRecord r =
                trail.record(
                        t,
                        part,
                        "sts.amazonaws.com",
                        "AssumeRoleWithSAML",
                        g -> {
                            g.writeStartObject();
                            g.writeStringField("type", "SAMLUser");
                            g.writeStringField("principalId", "Okta/" + login);
                            g.writeStringField("userName", login);
                            g.writeStringField("identityProvider", provider);
                            g.writeEndObject();
                        },
                        "44.226.92.17",
                        "aws-sdk-go-v2/1.27.2 os/linux lang/go#1.22.3 api/sts#1.29.1");
        String role = "arn:aws:iam::" + account + ":role/" + Scenarios.FEDERATION_ROLE;
        r.request =
                g -> {
                    g.writeStartObject();
                    g.writeStringField("roleArn", role);
                    g.writeStringField("principalArn", provider);
                    g.writeNumberField("durationSeconds", 3600);
                    g.writeEndObject();
                };
        r.response =
                g -> {
                    g.writeStartObject();
                    credentials(g, t, part);
                    g.writeObjectFieldStart("assumedRoleUser");
                    g.writeStringField(
                            "assumedRoleId",
                            PlatformNames.roleId(c.w, Scenarios.FEDERATION_ROLE) + ":" + login);
                    g.writeStringField(
                            "arn",
                            "arn:aws:sts::"
                                    + account
                                    + ":assumed-role/"
                                    + Scenarios.FEDERATION_ROLE
                                    + "/"
                                    + login);
                    g.writeEndObject();
                    g.writeStringField("subject", login);
                    g.writeStringField("subjectType", "persistent");
                    g.writeStringField("issuer", "http://www.okta.com/exk1fedokta7s0Abc4x7");
                    g.writeStringField("audience", "https://signin.aws.amazon.com/saml");
                    g.writeStringField("nameQualifier", "Kq1zbDT4sUfbWbsMZ7hPu7Z2Q+Y=");
                    g.writeEndObject();
                };
        trail.add(r);
        c.book.trusts(
                CanonicalIds.awsRole(account, Scenarios.FEDERATION_ROLE),
                CanonicalIds.oktaUser(login));
    }

    /** The SaaS sync repository's workflow assumes the tool's role, then writes an export. */
    void githubWebIdentity(long t, long part) {
        webIdentity(
                t,
                part,
                "token.actions.githubusercontent.com",
                "repo:" + Scenarios.SAAS_REPO + ":ref:refs/heads/main",
                "sts.amazonaws.com",
                "GitHubActions",
                "140.82.112.23",
                "aws-sdk-js/2.1645.0 promise");
        c.book.trusts(
                CanonicalIds.awsRole(account, Scenarios.SAAS_ROLE),
                CanonicalIds.githubActions(Scenarios.SAAS_REPO));
        object(
                t + 20,
                part + 50,
                session(Scenarios.SAAS_ROLE, "GitHubActions", t),
                "PutObject",
                Scenarios.SAAS_BUCKET,
                "salesforce/" + (t / 3600 % 5000) + ".json",
                "140.82.112.23",
                "aws-cli/2.17.4 md/awscrt#0.20.11 ua/2.0 os/linux#6.5.0 exec-env/GitHubActions");
    }

    /**
     * The SaaS tool's backend, with a token its Okta service app took by the client-credentials
     * grant (its subject is the app's client id), assumes the tool's role and reads an export.
     */
    void oktaWebIdentity(long t, long part) {
        String session = "salesforce-data-sync";
        webIdentity(
                t,
                part,
                Scenarios.OKTA_HOST + "/oauth2/default",
                c.scenarios.saasClientId,
                "api://saas-sync",
                session,
                Scenarios.SAAS_BACKEND_IP,
                "aws-sdk-java/2.25.60 Linux/5.15 OpenJDK_64-Bit_Server_VM/21.0.3 saas-sync/4.2");
        c.book.trusts(
                CanonicalIds.awsRole(account, Scenarios.SAAS_ROLE),
                CanonicalIds.oktaApp(Scenarios.OKTA_ORG, c.scenarios.saasClientId));
        object(
                t + 15,
                part + 50,
                session(Scenarios.SAAS_ROLE, session, t),
                "GetObject",
                Scenarios.SAAS_BUCKET,
                "salesforce/" + (t / 3600 % 5000) + ".json",
                Scenarios.SAAS_BACKEND_IP,
                "aws-sdk-java/2.25.60 Linux/5.15 OpenJDK_64-Bit_Server_VM/21.0.3 saas-sync/4.2");
    }

    /**
     * An {@code AssumeRoleWithWebIdentity} of the SaaS tool's role with a token of the OIDC
     * provider at {@code issuer} (its host and path) for {@code subject}.
     */
    private void webIdentity(
            long t,
            long part,
            String issuer,
            String subject,
            String audience,
            String sessionName,
            String ip,
            String agent) {
        String provider = "arn:aws:iam::" + account + ":oidc-provider/" + issuer;
        String role = "arn:aws:iam::" + account + ":role/" + Scenarios.SAAS_ROLE;
        TrailRecord r =
                trail.record(
                        t,
                        part,
                        "sts.amazonaws.com",
                        "AssumeRoleWithWebIdentity",
                        g -> {
                            g.writeStartObject();
                            g.writeStringField("type", "WebIdentityUser");
                            g.writeStringField(
                                    "principalId", provider + ":" + audience + ":" + subject);
                            g.writeStringField("userName", subject);
                            g.writeStringField("identityProvider", provider);
                            g.writeEndObject();
                        },
                        ip,
                        agent);
        r.request =
                g -> {
                    g.writeStartObject();
                    g.writeStringField("roleArn", role);
                    g.writeStringField("roleSessionName", sessionName);
                    g.writeNumberField("durationSeconds", 3600);
                    g.writeEndObject();
                };
        r.response =
                g -> {
                    g.writeStartObject();
                    credentials(g, t, part);
                    g.writeStringField("subjectFromWebIdentityToken", subject);
                    g.writeObjectFieldStart("assumedRoleUser");
                    g.writeStringField(
                            "assumedRoleId",
                            PlatformNames.roleId(c.w, Scenarios.SAAS_ROLE) + ":" + sessionName);
                    g.writeStringField(
                            "arn",
                            "arn:aws:sts::"
                                    + account
                                    + ":assumed-role/"
                                    + Scenarios.SAAS_ROLE
                                    + "/"
                                    + sessionName);
                    g.writeEndObject();
                    g.writeStringField("provider", provider);
                    g.writeStringField("audience", audience);
                    g.writeEndObject();
                };
        trail.add(r);
    }

    /** The AI support agent's task asks a model on Bedrock. */
    void bedrock(long t, long part) {
        TrailRecord r =
                trail.record(
                        t,
                        part,
                        "bedrock.amazonaws.com",
                        "InvokeModel",
                        session(
                                Scenarios.BEDROCK_ROLE,
                                "support-agent-" + (t / 21600),
                                t - t % 21600),
                        "10.20.12.9",
                        "Boto3/1.34.131 md/Botocore#1.34.131 ua/2.0 os/linux"
                                + " exec-env/AWS_ECS_FARGATE Python/3.12.4");
        r.request =
                g -> {
                    g.writeStartObject();
                    g.writeStringField("modelId", "anthropic.claude-3-5-sonnet-20240620-v1:0");
                    g.writeEndObject();
                };
        trail.add(r);
    }

    private void object(
            long t,
            long part,
            TrailRecord.Identity who,
            String name,
            String bucket,
            String key,
            String ip,
            String agent) {
        TrailRecord r = trail.record(t, part, "s3.amazonaws.com", name, who, ip, agent);
        r.data = true;
        r.readOnly = name.startsWith("Get");
        r.request =
                g -> {
                    g.writeStartObject();
                    g.writeStringField("bucketName", bucket);
                    g.writeStringField("Host", bucket + ".s3.us-east-1.amazonaws.com");
                    g.writeStringField("key", key);
                    g.writeEndObject();
                };
        r.resources =
                g -> {
                    g.writeStartArray();
                    g.writeStartObject();
                    g.writeStringField("type", "AWS::S3::Object");
                    g.writeStringField("ARN", "arn:aws:s3:::" + bucket + "/" + key);
                    g.writeEndObject();
                    g.writeStartObject();
                    g.writeStringField("accountId", account);
                    g.writeStringField("type", "AWS::S3::Bucket");
                    g.writeStringField("ARN", "arn:aws:s3:::" + bucket);
                    g.writeEndObject();
                    g.writeEndArray();
                };
        trail.add(r);
    }

    private void used(String user, String keyId, long t) {
        c.book.used(
                CanonicalIds.awsAccessKey(keyId),
                CredentialTypes.AWS_ACCESS_KEY,
                CanonicalIds.awsUser(account, user),
                Window.ms(t));
    }

    private TrailRecord.Identity user(String name, String keyId) {
        return TrailRecord.user(account, name, PlatformNames.userId(c.w, name), keyId);
    }

    /** Temporary credentials; the first session tokens are planted secrets. */
    private void credentials(JsonGenerator g, long t, long part) throws IOException {
        SplittableRandom r = c.w.rng(SystemsSeeds.PLATFORM, t, part);
        String token = SystemsIds.sessionToken(r);
        if (tokens++ < MAX_TOKENS) {
            c.secrets.plant(token);
        }
        g.writeObjectFieldStart("credentials");
        g.writeStringField("accessKeyId", SystemsIds.aws(r, "ASIA", 16));
        g.writeStringField("sessionToken", token);
        g.writeStringField("expiration", PlatformNames.javaDate(t + 3600));
        g.writeEndObject();
    }
}
