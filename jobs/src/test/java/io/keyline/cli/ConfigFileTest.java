package io.keyline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class ConfigFileTest {

    @TempDir Path dir;

    private static CommandSpec run() {
        return new CommandLine(new RunCommand()).getCommandSpec();
    }

    private ConfigFile load(String content, Map<String, String> environment) throws Exception {
        Path file = Files.writeString(dir.resolve("keyline.properties"), content);
        return ConfigFile.load(file, run(), environment::get);
    }

    @Test
    void optionsTakeTheirValuesFromTheFileAndSecretsFromTheEnvironmentOrAFile() throws Exception {
        Path secret = Files.writeString(dir.resolve("jaas"), "user=\"svc\" password=\"p,w\";\n");
        ConfigFile config =
                load(
                        "kafka-bootstrap = ${env:BROKERS}\n"
                                + "checkpoint-interval=30\n"
                                + "kafka-property.security.protocol=SASL_SSL\n"
                                + "kafka-property.sasl.jaas.config=${file:"
                                + secret
                                + "}\n",
                        Map.of("BROKERS", "kafka-1:9092,kafka-2:9092"));
        CommandSpec spec = run();
        assertThat(config.defaultValue(spec.findOption("--kafka-bootstrap")))
                .isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(config.defaultValue(spec.findOption("--checkpoint-interval"))).isEqualTo("30");
        assertThat(config.defaultValue(spec.findOption("--input"))).isNull();
        assertThat(config.kafkaProperties())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "security.protocol", "SASL_SSL",
                                "sasl.jaas.config", "user=\"svc\" password=\"p,w\";"));
    }

    @Test
    void flagsOverrideTheFile() throws Exception {
        Path file =
                Files.writeString(
                        dir.resolve("keyline.properties"),
                        "checkpoint-interval=30\nwatch-interval=20\n");
        RunCommand command = new RunCommand();
        CommandLine cli = new CommandLine(command);
        cli.setDefaultValueProvider(ConfigFile.load(file, cli.getCommandSpec()));
        cli.parseArgs("--input", dir.toString(), "--checkpoint-interval", "5");
        assertThat(command.checkpointSeconds).isEqualTo(5);
        assertThat(command.watchSeconds).isEqualTo(20);
    }

    @Test
    void anUnknownKeyIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> load("kafka-servers=x\n", Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("Unknown setting 'kafka-servers' in ")
                .hasMessageContaining("kafka-bootstrap")
                .hasMessageContaining("kafka-property.<name>");
    }

    @Test
    void aMissingVariableOrFileIsNamedAndItsValueNeverShown() {
        assertThatThrownBy(() -> load("kafka-bootstrap=${env:NOPE}\n", Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("'kafka-bootstrap'")
                .hasMessageContaining("environment variable NOPE, which is not set");
        assertThatThrownBy(
                        () ->
                                load(
                                        "kafka-property.sasl.jaas.config=${file:"
                                                + dir.resolve("missing")
                                                + "}\n",
                                        Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("cannot be read");
    }

    @Test
    void aMissingFileIsOneSentence() {
        int code = Keyline.execute("run", "--config", dir.resolve("none.properties").toString());
        assertThat(code).isEqualTo(2);
    }
}
