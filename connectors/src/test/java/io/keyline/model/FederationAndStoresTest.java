package io.keyline.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FederationAndStoresTest {

    @Test
    void oktaIssuersOfAnOrgOrOfSamlNameTheOktaUserOfTheLogin() {
        assertThat(Federation.upstream("https://acme.okta.com/oauth2/default", "Svc@Acme.com"))
                .isEqualTo("okta:user:svc@acme.com");
        assertThat(Federation.upstream("http://www.okta.com/exk123", "svc@acme.com"))
                .isEqualTo("okta:user:svc@acme.com");
    }

    @Test
    void aClientCredentialsTokenOfAnOktaOrgNamesTheServiceAppOfItsClientId() {
        assertThat(
                        Federation.upstream(
                                "https://acme.okta.com/oauth2/aus1defaultserver0",
                                "0oa8f2kq1xTzR5vW7y3d"))
                .isEqualTo(CanonicalIds.oktaApp("acme", "0oa8f2kq1xTzR5vW7y3d"));
        assertThat(Federation.upstream("https://Acme.OktaPreview.com", "0oa8f2kq1xTzR5vW7y3d"))
                .isEqualTo("okta:acme:app:0oa8f2kq1xTzR5vW7y3d");
        // A login that merely starts like a client id is a user's.
        assertThat(Federation.upstream("https://acme.okta.com", "0oa-svc@acme.com"))
                .isEqualTo("okta:user:0oa-svc@acme.com");
        assertThat(Federation.oktaOrg("login.example.com")).isNull();
    }

    @Test
    void githubActionsSubjectsNameTheRepositoryWhateverTheRefOrEnvironment() {
        assertThat(
                        Federation.upstream(
                                Federation.GITHUB_ACTIONS_ISSUER,
                                "repo:Acme/Infra:environment:production"))
                .isEqualTo("github:actions:acme/infra");
    }

    @Test
    void otherIssuersKeepIssuerAndSubject() {
        assertThat(Federation.upstream("https://idp.example.com/", "svc-1"))
                .isEqualTo("oidc:idp.example.com/svc-1");
        assertThat(Federation.upstream("https://idp.example.com", " ")).isNull();
        assertThat(CanonicalIds.systemOf("oidc:idp.example.com/svc-1")).isEqualTo("oidc");
    }

    @Test
    void scannerPathsAreClassedByThePlaceTheyShow() {
        assertThat(
                        Stores.ofFilePath(
                                "/Users/dana/Library/Application Support/Claude/claude_desktop_config.json"))
                .isEqualTo(Stores.MCP_CONFIG);
        assertThat(Stores.ofFilePath("~/.cursor/mcp.json")).isEqualTo(Stores.MCP_CONFIG);
        assertThat(Stores.ofFilePath("/home/dev/notes.txt")).isEqualTo(Stores.LAPTOP);
        assertThat(Stores.ofFilePath("deploy/.env")).isEqualTo(Stores.ENV_FILE);
        assertThat(Stores.ofFilePath("config/.env.production")).isEqualTo(Stores.ENV_FILE);
        assertThat(Stores.ofFilePath("ci-logs/build-41.log")).isEqualTo(Stores.CI_LOG);
        assertThat(Stores.ofFilePath("exports/slack-export/general/2026-11-01.json"))
                .isEqualTo(Stores.CHAT);
        assertThat(Stores.ofFilePath("src/main/resources/application.yml"))
                .isEqualTo(Stores.REPO_FILE);
    }

    @Test
    void onlySecretStoresAreManaged() {
        assertThat(Stores.isManaged(Stores.VAULT)).isTrue();
        assertThat(Stores.isManaged(Stores.K8S_SECRET)).isTrue();
        assertThat(Stores.isManaged(Stores.ENV_FILE)).isFalse();
        assertThat(Stores.isManaged("somewhere-else")).isFalse();
        assertThat(Stores.isManaged(null)).isFalse();
    }

    @Test
    void ownerSourcesRankAndWeighTheirEvidence() {
        assertThat(OwnerSources.rank(OwnerSources.TAG)).isLessThan(OwnerSources.rank("creator"));
        assertThat(OwnerSources.rank("anything")).isEqualTo(OwnerSources.RANKED.size());
        assertThat(OwnerSources.confidence(OwnerSources.TAG))
                .isGreaterThan(OwnerSources.confidence(OwnerSources.COMMIT_AUTHOR));
    }
}
