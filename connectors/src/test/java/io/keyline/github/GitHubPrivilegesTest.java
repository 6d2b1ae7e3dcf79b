package io.keyline.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.model.CanonicalIds;
import io.keyline.model.PrivilegeTier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Privilege tiers of scopes and permissions, and the ids logins map to. */
class GitHubPrivilegesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "admin:org,ADMIN",
        "admin:repo_hook,ADMIN",
        "admin:enterprise,ADMIN",
        "delete_repo,ADMIN",
        "site_admin,ADMIN",
        "repo,HIGH",
        "workflow,HIGH",
        "write:packages,HIGH",
        "read:org,READ",
        "read:packages,READ",
        "public_repo,WRITE",
        "gist,WRITE",
        "user:email,WRITE",
    })
    void classicScopesHaveTheTiersOfWhatTheyAllow(String scope, PrivilegeTier tier) {
        assertThat(GitHubScopes.assess(scope).tier()).isEqualTo(tier);
    }

    @Test
    void scopeListsAreTrimmedDedupedAndStripOfWhatCannotBeAScope() {
        assertThat(GitHubScopes.parse(" repo ,REPO,read:org,,bad scope!,admin:org:extra,workflow"))
                .extracting(GitHubScopes.Scope::name)
                .containsExactly("repo", "read:org", "workflow");
        assertThat(GitHubScopes.parse(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0}:{1}")
    @CsvSource({
        "secrets,read,HIGH",
        "organization_secrets,write,HIGH",
        "dependabot_secrets,read,HIGH",
        "administration,write,HIGH",
        "administration,read,READ",
        "organization_administration,write,HIGH",
        "workflows,write,HIGH",
        "members,write,HIGH",
        "members,read,READ",
        "organization_projects,admin,HIGH",
        "contents,write,WRITE",
        "contents,read,READ",
    })
    void fineGrainedPermissionsHaveTheTiersOfWhatTheyAllow(
            String name, String level, PrivilegeTier tier) {
        assertThat(GitHubPermissions.assess(name, level).tier()).isEqualTo(tier);
    }

    @Test
    void loginsMapToUsersAppsOrTheWorkflowsOfARepository() {
        assertThat(GitHubLogins.principal("Alice-Dev", false, null))
                .isEqualTo("github:user:alice-dev");
        assertThat(GitHubLogins.principal("dependabot[bot]", false, "o/r"))
                .isEqualTo("github:app:dependabot");
        assertThat(GitHubLogins.principal("deploy-helper", true, null))
                .isEqualTo("github:app:deploy-helper");
        assertThat(GitHubLogins.principal("github-actions[bot]", false, "Acme/Payments"))
                .isEqualTo("github:actions:acme/payments");
        assertThat(GitHubLogins.actor("Alice-Dev", false, null)).isEqualTo("alice-dev");
        assertThat(GitHubLogins.actor("renovate[bot]", false, null))
                .isEqualTo("github:app:renovate");
        assertThat(GitHubLogins.appSlug("Microsoft Teams for GitHub"))
                .isEqualTo("microsoft-teams-for-github");
        assertThat(GitHubLogins.appSlug(" --- ")).isNull();
        assertThat(GitHubLogins.login("not a login")).isNull();
        assertThat(GitHubLogins.login("")).isNull();
        assertThat(GitHubLogins.repository("owner/repo/extra")).isNull();
    }

    @Test
    void theNewGitHubIdsAreReadableAndCaseInsensitiveWhereGitHubIs() {
        assertThat(CanonicalIds.githubRepo("Octocat/Hello-World"))
                .isEqualTo("github:repo:octocat/hello-world");
        assertThat(CanonicalIds.githubSshKey("SVC-Deployer", "SHA256:AbC"))
                .isEqualTo("github:ssh-key:svc-deployer/SHA256:AbC");
        assertThat(CanonicalIds.systemOf(CanonicalIds.githubRepo("o/r"))).isEqualTo("github");
    }
}
