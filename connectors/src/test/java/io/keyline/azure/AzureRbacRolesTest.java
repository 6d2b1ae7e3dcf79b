package io.keyline.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.model.PrivilegeTier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AzureRbacRolesTest {

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
        "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635, Owner, ADMIN",
        "18D7D88D-D35E-4FB5-A5C3-7773C20A72D9, User Access Administrator, ADMIN",
        "f58310d9-a9f6-439a-9e8d-f62e7b41a168, Role Based Access Control Administrator, ADMIN",
        "b24988ac-6180-42a0-ab88-20f7382dd24c, Contributor, HIGH",
        "b86a8fe4-44ce-4948-aee5-eccb2c155cd7, Key Vault Secrets Officer, HIGH",
        "4633458b-17de-408a-b874-0445c86b69e6, Key Vault Secrets User, HIGH",
        "81a9662b-bebf-436f-a333-f67b29880f12, Storage Account Key Operator Service Role, HIGH",
        "acdd72a7-3385-48ef-bd42-f606fba81ae7, Reader, READ",
    })
    void builtInRolesByDefinitionId(String definition, String name, PrivilegeTier tier) {
        AzureRbacRoles.Assessment a = AzureRbacRoles.ofDefinition(definition);
        assertThat(a.name()).isEqualTo(name);
        assertThat(a.tier()).isEqualTo(tier);
    }

    @Test
    void unknownDefinitionsAreWriteAndRolesAreAlsoKnownByName() {
        assertThat(AzureRbacRoles.ofDefinition("0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"))
                .isEqualTo(
                        new AzureRbacRoles.Assessment(
                                null, PrivilegeTier.WRITE, "custom or unlisted role"));
        assertThat(AzureRbacRoles.ofName("storage account key operator").tier())
                .isEqualTo(PrivilegeTier.HIGH);
        assertThat(AzureRbacRoles.ofName("Storage Blob Data Reader").tier())
                .isEqualTo(PrivilegeTier.READ);
        assertThat(AzureRbacRoles.ofName("Virtual Machine Contributor").tier())
                .isEqualTo(PrivilegeTier.WRITE);
    }
}
