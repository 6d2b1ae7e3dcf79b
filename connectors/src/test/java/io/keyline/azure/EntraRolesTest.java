package io.keyline.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.model.PrivilegeTier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntraRolesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "Global Administrator, ADMIN",
        "privileged role administrator, ADMIN",
        "Privileged Authentication Administrator, ADMIN",
        "RoleManagement.ReadWrite.Directory, ADMIN",
        "AppRoleAssignment.ReadWrite.All, ADMIN",
        "Application Administrator, HIGH",
        "Cloud Application Administrator, HIGH",
        "Application.ReadWrite.All, HIGH",
        "Directory.ReadWrite.All, HIGH",
        "User Administrator, HIGH",
        "Groups Administrator, HIGH",
        "Directory.Read.All, READ",
        "AuditLog.Read.All, READ",
        "Global Reader, READ",
        "Directory Readers, READ",
        "Mail.Send, WRITE",
        "Helpdesk Administrator, WRITE",
    })
    void tiers(String role, PrivilegeTier tier) {
        assertThat(EntraRoles.assess(role).tier()).isEqualTo(tier);
        assertThat(EntraRoles.assess(role).reason()).isNotBlank();
    }
}
