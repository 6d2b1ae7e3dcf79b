package io.keyline.demo.systems;

import java.util.SplittableRandom;

/**
 * What the platform account's CloudTrail shows: Terraform making the Jenkins user and its key (long
 * before the window), the platform lead making the data-sync user and its key and tagging the SaaS
 * role with its owner, the leaver making a reporting user and key on the first day, and every day
 * Jenkins, the data sync and the reports using their keys, Okta's federation user and the SaaS
 * repository's workflow assuming their roles, and the AI agent's role calling Bedrock.
 */
final class PlatformWriter {

    private static final String TERRAFORM_AGENT =
            "APN/1.0 HashiCorp/1.0 Terraform/1.8.5 (+https://www.terraform.io)"
                    + " terraform-provider-aws/5.54.1 aws-sdk-go-v2/1.27.2 os/linux lang/go#1.22.3";
    private static final String CONSOLE = "AWS Internal";
    private static final String CLI = "aws-cli/2.17.4 md/awscrt#0.20.11 ua/2.0 os/macos#23.5.0";

    private final Context c;
    private final PlatformTrail trail;
    private final PlatformEvents events;
    private final PlatformChanges changes;
    private final String sso;

    PlatformWriter(Context c, PlatformTrail trail) {
        this.c = c;
        this.trail = trail;
        this.events = new PlatformEvents(c, trail);
        this.changes = new PlatformChanges(c, trail);
        this.sso =
                "AWSReservedSSO_PlatformAdmin_"
                        + SystemsIds.hex(c.w.rng(SystemsSeeds.PLATFORM, 1), 16);
    }

    /** The start of the day of the Terraform run, when it comes before the window; else -1. */
    long provisioningDay() {
        long t = c.scenarios.jenkinsCreated;
        return t < c.w.start ? t - Math.floorMod(t, Window.DAY) : -1;
    }

    /** The Terraform run that made the Jenkins user, its policy and its key. */
    void provisioning() {
        Scenarios s = c.scenarios;
        long t = s.jenkinsCreated;
        TrailRecord.Identity terraform =
                events.session(Scenarios.TERRAFORM_ROLE, "terraform-run-" + (t % 100000), t - 900);
        String ip = "3.231.62.18";
        String policy =
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::"
                        + Scenarios.PROD_BUCKET
                        + "\",\"arn:aws:s3:::"
                        + Scenarios.PROD_BUCKET
                        + "/*\"]},{\"Effect\":\"Allow\","
                        + "\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"arn:aws:"
                        + "secretsmanager:us-east-1:"
                        + s.platformAccount
                        + ":secret:jenkins/*\"}]}";
        changes.createUser(
                t - 300,
                Scenarios.JENKINS_USER,
                terraform,
                ip,
                TERRAFORM_AGENT,
                "arn:aws:iam::" + s.platformAccount + ":role/" + Scenarios.TERRAFORM_ROLE);
        changes.putUserPolicy(
                t - 240,
                Scenarios.JENKINS_USER,
                "jenkins-deploy",
                policy,
                terraform,
                ip,
                TERRAFORM_AGENT,
                TruthBook.Tier.HIGH);
        changes.createAccessKey(
                t,
                Scenarios.JENKINS_USER,
                s.jenkinsKeyId,
                terraform,
                ip,
                TERRAFORM_AGENT,
                "arn:aws:iam::" + s.platformAccount + ":role/" + Scenarios.TERRAFORM_ROLE);
    }

    void day(int d) {
        Window w = c.w;
        Scenarios s = c.scenarios;
        if (provisioningDay() < 0
                && s.jenkinsCreated >= w.dayStart(d)
                && s.jenkinsCreated < w.dayStart(d + 1)) {
            provisioning();
        }
        if (d == 0) {
            firstDay();
        }
        SplittableRandom r = w.rng(SystemsSeeds.DAY, 7, d);
        for (int i = 0; i < 8; i++) {
            long t = w.at(d, r, 0, 24);
            if (t > s.jenkinsCreated) {
                events.jenkins(t, i);
            }
        }
        for (int i = 0; i < 4; i++) {
            long t = w.at(d, r, 0, 24);
            if (t > s.dataSyncCreated) {
                events.keyCall(
                        t,
                        100 + i,
                        Scenarios.DATA_SYNC_USER,
                        s.dataSyncKeyId,
                        "s3",
                        "GetObject",
                        "acme-data-lake",
                        "10.20.4.17",
                        "aws-sdk-java/2.25.60 Linux/5.10 spark/3.5.1");
            }
        }
        for (int i = 0; i < 2; i++) {
            long t = w.at(d, r, 0, 24);
            if (t > s.leaverKeyCreated) {
                events.keyCall(
                        t,
                        200 + i,
                        s.leaverUser,
                        s.leaverKeyId,
                        "athena",
                        "StartQueryExecution",
                        null,
                        "10.20.9.41",
                        "Boto3/1.34.131 md/Botocore#1.34.131 ua/2.0 os/linux Python/3.12.4");
            }
        }
        for (int i = 0; i < 2; i++) {
            events.samlAssume(w.at(d, r, 6, 20), 300 + i);
        }
        for (int i = 0; i < 3; i++) {
            events.githubWebIdentity(w.at(d, r, 0, 24), 400 + i);
        }
        for (int i = 0; i < 2; i++) {
            events.oktaWebIdentity(w.at(d, r, 0, 24), 600 + i);
        }
        for (int i = 0; i < 10; i++) {
            events.bedrock(w.at(d, r, 0, 24), 500 + i);
        }
    }

    /** The first day's changes: two users and their keys, the SaaS role's owner tag, Bedrock. */
    private void firstDay() {
        Scenarios s = c.scenarios;
        String lead = c.people.email(People.lead(0));
        String leaver = c.people.email(c.teams[0].leaver());
        TrailRecord.Identity leadSession = events.sso(sso, lead, s.dataSyncCreated - 3600);
        String ip = "198.51.100.61";
        changes.createUser(
                s.dataSyncCreated - 600, Scenarios.DATA_SYNC_USER, leadSession, ip, CLI, lead);
        changes.putUserPolicy(
                s.dataSyncCreated - 300,
                Scenarios.DATA_SYNC_USER,
                "data-lake-read",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                        + "[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::"
                        + "acme-data-lake\",\"arn:aws:s3:::acme-data-lake/*\"]}]}",
                leadSession,
                ip,
                CLI,
                TruthBook.Tier.READ);
        changes.createAccessKey(
                s.dataSyncCreated,
                Scenarios.DATA_SYNC_USER,
                s.dataSyncKeyId,
                leadSession,
                ip,
                CLI,
                lead);
        changes.tagRole(
                s.dataSyncCreated + 900,
                Scenarios.SAAS_ROLE,
                c.people.email(c.people.contractor()),
                leadSession,
                ip,
                CONSOLE);
        changes.putRolePolicy(
                s.dataSyncCreated + 1200,
                Scenarios.BEDROCK_ROLE,
                "invoke-models",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                        + "[\"bedrock:InvokeModel\",\"bedrock:InvokeModelWithResponseStream\"],"
                        + "\"Resource\":\"arn:aws:bedrock:us-east-1::foundation-model/*\"}]}",
                leadSession,
                ip,
                CONSOLE,
                TruthBook.Tier.WRITE);
        changes.putRolePolicy(
                s.dataSyncCreated + 1500,
                Scenarios.FEDERATION_ROLE,
                "administrator",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                        + "\"*\",\"Resource\":\"*\"}]}",
                leadSession,
                ip,
                CONSOLE,
                TruthBook.Tier.ADMIN);
        changes.putRolePolicy(
                s.dataSyncCreated + 1800,
                Scenarios.SAAS_ROLE,
                "saas-exports",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                        + "[\"s3:PutObject\",\"s3:GetObject\"],\"Resource\":"
                        + "\"arn:aws:s3:::"
                        + Scenarios.SAAS_BUCKET
                        + "/*\"}]}",
                leadSession,
                ip,
                CONSOLE,
                TruthBook.Tier.WRITE);

        TrailRecord.Identity leaverSession = events.sso(sso, leaver, s.leaverKeyCreated - 3600);
        String leaverIp = "198.51.100.77";
        changes.createUser(
                s.leaverKeyCreated - 600, s.leaverUser, leaverSession, leaverIp, CLI, leaver);
        changes.putUserPolicy(
                s.leaverKeyCreated - 300,
                s.leaverUser,
                "reports",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
                        + "[\"athena:StartQueryExecution\",\"athena:GetQueryResults\","
                        + "\"s3:GetObject\"],\"Resource\":\"*\"}]}",
                leaverSession,
                leaverIp,
                CLI,
                TruthBook.Tier.WRITE);
        changes.createAccessKey(
                s.leaverKeyCreated,
                s.leaverUser,
                s.leaverKeyId,
                leaverSession,
                leaverIp,
                CLI,
                leaver);
    }
}
