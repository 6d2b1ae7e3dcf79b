package io.keyline.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.model.CredentialTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretIdsTest {

    @TempDir Path dir;

    private SecretIds ids() throws IOException {
        Path pepper = dir.resolve("pepper");
        Files.writeString(pepper, "a-test-pepper-of-enough-bytes");
        return new SecretIds(Fingerprinter.fromFile(pepper));
    }

    @Test
    void anAwsKeyIdIsItsOwnNaturalId() throws IOException {
        assertThat(ids().identify(" AKIAIOSFODNN7EXAMPLE ", "aws-access-token"))
                .isEqualTo(
                        new SecretIds.Identified(
                                "aws:access-key:AKIAIOSFODNN7EXAMPLE",
                                CredentialTypes.AWS_ACCESS_KEY));
    }

    @Test
    void aGithubTokenIsNamedByTheHashGithubsAuditLogCarries() throws IOException {
        String token = "ghp_" + "a".repeat(36);
        SecretIds.Identified id = ids().identify(token, null);
        assertThat(id.credentialId())
                .isEqualTo("github:token:" + Fingerprinter.githubHashedToken(token))
                .doesNotContain(token);
        assertThat(id.credentialType()).isEqualTo(CredentialTypes.GITHUB_PAT);
        assertThat(ids().identify("github_pat_11ABC" + "x".repeat(40), null).credentialType())
                .isEqualTo(CredentialTypes.GITHUB_FINE_GRAINED_PAT);
        assertThat(ids().identify("ghs_" + "b".repeat(36), null).credentialType())
                .isEqualTo(CredentialTypes.GITHUB_APP_TOKEN);
    }

    @Test
    void otherSecretsAreKeyedFingerprintsTypedByShapeOrHint() throws IOException {
        SecretIds ids = ids();
        String anthropic = "sk-ant-api03-" + "z".repeat(40);
        SecretIds.Identified llm = ids.identify(anthropic, null);
        assertThat(llm.credentialId()).startsWith("fp:").doesNotContain(anthropic);
        assertThat(llm.credentialType()).isEqualTo(CredentialTypes.LLM_API_KEY);
        assertThat(ids.identify("hunter2-but-longer", "openai-api-key").credentialType())
                .isEqualTo(CredentialTypes.LLM_API_KEY);
        assertThat(ids.identify("hunter2-but-longer", "generic-password").credentialType())
                .isEqualTo(CredentialTypes.GENERIC_SECRET);
        assertThat(ids.identify("same-value", null).credentialId())
                .isEqualTo(ids.fingerprintId(" same-value "));
    }
}
