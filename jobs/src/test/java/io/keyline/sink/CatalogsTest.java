package io.keyline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogsTest {

    @TempDir Path dir;

    @Test
    void aCatalogFileTakesItsSecretsFromFilesAndTheEnvironment() throws Exception {
        Path password = Files.writeString(dir.resolve("password"), "s3cr3t-from-a-file\n");
        Path file =
                Files.writeString(
                        dir.resolve("lake.properties"),
                        "type=jdbc\n"
                                + "uri=jdbc:postgresql://db:5432/iceberg\n"
                                + "jdbc.password=${file:"
                                + password
                                + "}\n"
                                + "warehouse=s3://lake/${env:PATH}-is-set\n");
        Catalogs.Definition definition = Catalogs.definitionFrom(file);
        assertThat(definition.properties())
                .containsEntry("jdbc.password", "s3cr3t-from-a-file")
                .containsEntry("warehouse", "s3://lake/" + System.getenv("PATH") + "-is-set");
        assertThat(Files.readString(file)).doesNotContain("s3cr3t");
    }

    @Test
    void anUnsetVariableIsNamed() throws Exception {
        Path file =
                Files.writeString(
                        dir.resolve("lake.properties"),
                        "type=jdbc\njdbc.password=${env:KEYLINE_TEST_UNSET_VARIABLE}\n");
        assertThatThrownBy(() -> Catalogs.definitionFrom(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "The setting 'jdbc.password' in "
                                + file
                                + " names the environment variable KEYLINE_TEST_UNSET_VARIABLE,"
                                + " which is not set.");
    }
}
