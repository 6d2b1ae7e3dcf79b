package io.keyline.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GcpPrincipalsTest {

    private static final String POOLS =
            "principal://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/";

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "serviceAccount:Deploy@P.iam.gserviceaccount.com|gcp:sa:deploy@p.iam.gserviceaccount.com",
                "serviceAccount:someone@acme.example|null",
                "user:alice@acme.example|null",
                "group:sre@acme.example|null",
                "deleted:serviceAccount:x@p.iam.gserviceaccount.com?uid=1|null",
                POOLS
                        + "github-pool/subject/repo:acme/api:ref:refs/heads/main|github:actions:acme/api",
                POOLS + "GitHub/subject/acme/api|github:actions:acme/api",
                POOLS + "okta-prod/subject/Svc.Etl@acme.example|okta:user:svc.etl@acme.example",
                POOLS
                        + "aws-pool/subject/arn:aws:sts::1:assumed-role/r/s|"
                        + POOLS
                        + "aws-pool/subject/arn:aws:sts::1:assumed-role/r/s",
                POOLS + "...|" + POOLS + "...",
                "principalSet://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/github/attribute.repository/acme/api|principalSet://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/github/attribute.repository/acme/api",
                "principal://iam.googleapis.com/locations/global/workforcePools/okta-staff/subject/bob@acme.example|okta:user:bob@acme.example",
            })
    void membersMapToTheirCanonicalIds(String member, String id) {
        assertThat(GcpPrincipals.of(member)).isEqualTo(id);
    }
}
