package io.keyline.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.model.PrivilegeTier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GcpRolesTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "roles/owner, ADMIN",
        "roles/editor, HIGH",
        "roles/iam.serviceAccountTokenCreator, HIGH",
        "roles/iam.serviceAccountUser, HIGH",
        "roles/iam.serviceAccountKeyAdmin, HIGH",
        "roles/iam.securityAdmin, HIGH",
        "roles/resourcemanager.projectIamAdmin, HIGH",
        "roles/iam.workloadIdentityUser, HIGH",
        "roles/secretmanager.secretAccessor, HIGH",
        "roles/secretmanager.admin, HIGH",
        "roles/storage.admin, HIGH",
        "roles/compute.instanceAdmin, HIGH",
        "roles/viewer, READ",
        "roles/browser, READ",
        "roles/storage.objectViewer, READ",
        "roles/logging.viewer, READ",
        "roles/cloudsql.reader, READ",
        "roles/storage.legacyBucketReader, READ",
        "roles/run.invoker, WRITE",
        "roles/aiplatform.user, WRITE",
        "projects/acme/roles/customDeployer, WRITE",
    })
    void aRoleHasTheTierOfItsName(String role, PrivilegeTier tier) {
        assertThat(GcpRoles.tierOf(role)).isEqualTo(tier);
        assertThat(GcpRoles.assess(role).reason()).isEqualTo(role);
    }

    @ParameterizedTest
    @CsvSource({
        "roles/iam.serviceAccountTokenCreator, true",
        "roles/iam.serviceAccountUser, true",
        "roles/iam.workloadIdentityUser, true",
        "roles/iam.serviceAccountOpenIdTokenCreator, true",
        "roles/iam.serviceAccountKeyAdmin, false",
        "roles/viewer, false",
    })
    void someRolesLetTheirMembersActAsTheServiceAccount(String role, boolean actAs) {
        assertThat(GcpRoles.letsMembersActAs(role)).isEqualTo(actAs);
    }
}
