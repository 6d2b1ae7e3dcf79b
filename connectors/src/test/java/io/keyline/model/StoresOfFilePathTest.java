package io.keyline.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoresOfFilePathTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/Users/dana/Library/Application Support/Claude/claude_desktop_config.json|mcp-config",
                "~/.cursor/mcp.json|mcp-config",
                "C:\\Users\\dana\\.cursor\\mcp.json|mcp-config",
                "deploy/.env|env-file",
                "services/api/.env.production|env-file",
                "/var/lib/jenkins/jobs/payments-api/builds/42/log|ci-log",
                "jobs/payments-api/builds/7/log|ci-log",
                "ci-logs/build-42.log|ci-log",
                "/home/dana/.aws/credentials|laptop",
                "exports/slack-export/general/2025-01-02.json|chat",
                "src/main/resources/application.yml|repo-file",
                "jobs/payments-api/builds/42/changelog.xml|repo-file",
            })
    void eachPathShapeIsItsKindOfPlace(String path, String store) {
        assertThat(Stores.ofFilePath(path)).isEqualTo(store);
    }
}
