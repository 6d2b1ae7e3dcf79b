package io.keyline.okta;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.model.PrivilegeTier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OktaPrivilegesTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "okta.roles.manage, ADMIN",
        "okta.users.manage, HIGH",
        "okta.authorizationServers.manage, HIGH",
        "okta.apps.read, READ",
        "okta.myAccount.email.read, READ",
        "okta.users.manage.self, WRITE",
    })
    void oktaScopesHaveATier(String scope, PrivilegeTier tier) {
        assertThat(OktaPrivileges.ofScope(scope).tier()).isEqualTo(tier);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"openid", "invoices:read", "profile"})
    void otherScopesHaveNone(String scope) {
        assertThat(OktaPrivileges.ofScope(scope)).isNull();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "Super administrator, ADMIN",
        "ORG_ADMIN, ADMIN",
        "Organization Administrator, ADMIN",
        "Application administrator (all), HIGH",
        "Group administrator, HIGH",
        "USER_ADMIN, HIGH",
        "API access management administrator, HIGH",
        "Help desk administrator, HIGH",
        "GROUP_MEMBERSHIP_ADMIN, HIGH",
        "Mobile administrator, WRITE",
        "Read-only administrator, READ",
        "READ_ONLY_ADMIN, READ",
        "REPORT_ADMIN, READ",
        "Deployment Operator, WRITE",
    })
    void adminRolesHaveATier(String role, PrivilegeTier tier) {
        assertThat(OktaPrivileges.ofRole(role).tier()).isEqualTo(tier);
    }
}
