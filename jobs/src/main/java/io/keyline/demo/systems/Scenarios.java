package io.keyline.demo.systems;

import io.keyline.demo.Ids;
import io.keyline.demo.Names;
import io.keyline.model.CanonicalIds;
import java.util.SplittableRandom;

/**
 * The names, ids, times and secret values of the planted scenarios, drawn once and shared by the
 * writers of every system that shows a part of them.
 */
final class Scenarios {

    static final String OKTA_ORG = "acme";
    static final String OKTA_HOST = "acme.okta.com";
    static final String FEDERATION_LOGIN = "svc-federation@" + Names.DOMAIN;
    static final String SCIM_LOGIN = "svc-scim@" + Names.DOMAIN;
    static final String AI_PROJECT = "acme-ai-platform";
    static final String CONFIG_REPO = Names.GITHUB_ORG + "/deploy-config";
    static final String SAAS_REPO = Names.GITHUB_ORG + "/saas-sync";
    static final String PROD_BUCKET = "acme-prod-artifacts";
    static final String JENKINS_USER = "svc-jenkins-deploy";
    static final String DATA_SYNC_USER = "svc-data-sync";
    static final String FEDERATION_ROLE = "okta-federation-admin";
    static final String SAAS_ROLE = "saas-sync";
    static final String SAAS_BUCKET = "acme-saas-exports";
    static final String SAAS_BACKEND_IP = "203.0.113.45";
    static final String BEDROCK_ROLE = "bedrock-agent-runtime";
    static final String TERRAFORM_ROLE = "terraform";
    static final String JENKINS_IP = "34.201.18.77";
    static final String JENKINS_AGENT =
            "aws-sdk-java/1.12.661 Linux/5.15.0-1051-aws OpenJDK_64-Bit_Server_VM/17.0.10+7"
                    + " java/17.0.10 vendor/Eclipse_Adoptium cfg/retry-mode/standard jenkins/2.440.3";

    final String platformAccount;
    final String azureTenant;
    final long aiProjectNumber;

    /** The Jenkins key Terraform made, 200 days before the end; its committer and commit. */
    final String jenkinsKeyId;

    final String jenkinsSecret;
    final long jenkinsCreated;
    final int jenkinsCommitter;
    final String jenkinsCommit;
    final long jenkinsCommitted;

    /** The key copied to four places, created on the first day by the platform lead. */
    final String dataSyncKeyId;

    final String dataSyncSecret;
    final long dataSyncCreated;
    final String dataSyncCommit;
    final long dataSyncCommitted;

    /** The leaver's AWS key, created on the first day. */
    final String leaverKeyId;

    final String leaverUser;
    final long leaverKeyCreated;

    final String federationAppId;
    final String federationGcpAccount;
    final String oktaFederationUserId;
    final String saasClientId;
    final long saasAppCreated;
    final String openAiKey;
    final String openAiProjectKey;
    final String anthropicKey;
    final String vertexAccount;
    final String vertexKeyId;
    final long vertexKeyCreated;

    Scenarios(Window w, Teams.Team[] teams) {
        SplittableRandom r = w.rng(SystemsSeeds.SCENARIO, 0);
        platformAccount = w.platformAccount;
        azureTenant = SystemsIds.guid(r);
        aiProjectNumber = 100_000_000_000L + Math.floorMod(r.nextLong(), 900_000_000_000L);
        int keys = 2 * w.identities;
        jenkinsKeyId = Ids.accessKeyId(w.seed, keys + 1);
        jenkinsSecret = Ids.secretAccessKey(r);
        jenkinsCreated = w.end - 200 * Window.DAY + 10 * Window.HOUR + r.nextInt(3600);
        jenkinsCommitter = People.member(0, 1);
        jenkinsCommit = SystemsIds.hex(r, 40);
        jenkinsCommitted = jenkinsCreated + 2 * Window.HOUR + r.nextInt(3600);
        dataSyncKeyId = Ids.accessKeyId(w.seed, keys + 2);
        dataSyncSecret = Ids.secretAccessKey(r);
        dataSyncCreated = w.at(0, r, 10, 11);
        dataSyncCommit = SystemsIds.hex(r, 40);
        dataSyncCommitted = w.at(0, r, 12, 13);
        leaverKeyId = Ids.accessKeyId(w.seed, keys + 3);
        leaverUser = "svc-" + teams[0].name() + "-reports";
        leaverKeyCreated = w.at(0, r, 14, 15);
        federationAppId = SystemsIds.guid(r);
        federationGcpAccount = "okta-federated@" + AI_PROJECT + ".iam.gserviceaccount.com";
        oktaFederationUserId = SystemsIds.okta(r, "00u");
        saasClientId = SystemsIds.okta(r, "0oa");
        saasAppCreated = w.at(0, r, 8, 9);
        openAiKey = SystemsIds.openAiKey(r);
        openAiProjectKey = SystemsIds.openAiKey(r);
        anthropicKey = SystemsIds.anthropicKey(r);
        vertexAccount = "vertex-agent@" + AI_PROJECT + ".iam.gserviceaccount.com";
        vertexKeyId = SystemsIds.hex(r, 40);
        vertexKeyCreated = w.before(r, 120, 300);
    }

    String role(String name) {
        return CanonicalIds.awsRole(platformAccount, name);
    }

    String user(String name) {
        return CanonicalIds.awsUser(platformAccount, name);
    }

    static String oktaUser(String login) {
        return CanonicalIds.oktaUser(login);
    }
}
