package io.keyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;

/**
 * The Kubernetes manifests of {@code deploy/kubernetes/} parse as YAML and carry what their kinds
 * require, and they agree with Keyline: the job's settings file names only options {@code run} has,
 * the FlinkDeployment keeps the checkpointing the job needs, and the image puts the jar where the
 * deployment looks for it.
 */
class DeployManifestsTest {

    private static final Path DIR = Path.of("..", "deploy", "kubernetes");

    @TempDir Path dir;

    @Test
    void everyManifestIsYamlWithTheFieldsItsKindRequires() throws Exception {
        List<Map<String, Object>> all = manifests();
        assertThat(all)
                .extracting(m -> m.get("kind"))
                .contains("FlinkDeployment", "ConfigMap", "Secret", "CronJob");
        for (Map<String, Object> m : all) {
            assertThat(m).containsKeys("apiVersion", "kind", "metadata");
            assertThat(map(m, "metadata")).containsKey("name");
            switch ((String) m.get("kind")) {
                case "ConfigMap", "Secret" ->
                        assertThat(m.containsKey("data") || m.containsKey("stringData"))
                                .as("the data of %s", map(m, "metadata").get("name"))
                                .isTrue();
                case "CronJob" ->
                        assertThat(map(m, "spec")).containsKeys("schedule", "jobTemplate");
                case "FlinkDeployment" ->
                        assertThat(map(m, "spec"))
                                .containsKeys(
                                        "image",
                                        "flinkVersion",
                                        "jobManager",
                                        "taskManager",
                                        "job");
                default -> throw new AssertionError("an unexpected kind: " + m.get("kind"));
            }
        }
    }

    @Test
    void theFlinkDeploymentRunsKeylineAsTheJobNeeds() throws Exception {
        Map<String, Object> deployment = kind("FlinkDeployment");
        Map<String, Object> spec = map(deployment, "spec");
        assertThat(spec.get("flinkVersion")).isEqualTo("v1_20");
        Map<String, Object> flink = map(spec, "flinkConfiguration");
        assertThat(flink)
                .containsEntry("state.backend.type", "rocksdb")
                .containsEntry("execution.checkpointing.incremental", "true")
                .containsEntry("execution.checkpointing.unaligned.enabled", "false")
                .containsEntry("high-availability.type", "kubernetes");
        Map<String, Object> job = map(spec, "job");
        assertThat(job.get("upgradeMode")).isEqualTo("last-state");
        assertThat(job.get("entryClass")).isEqualTo(Keyline.class.getName());
        @SuppressWarnings("unchecked")
        List<String> args = (List<String>) job.get("args");
        assertThat(args).startsWith("run", "--config");

        // The image puts keyline.jar where jarURI points.
        String jar = ((String) job.get("jarURI")).replace("local://", "");
        assertThat(Files.readAllLines(DIR.resolve("Dockerfile")))
                .anyMatch(l -> l.startsWith("FROM flink:1.20."))
                .anyMatch(l -> l.equals("COPY jobs/target/keyline.jar " + jar));
    }

    @Test
    void theSettingsFileNamesOnlyOptionsOfRunAndItsSecretsComeFromTheEnvironment()
            throws Exception {
        Map<String, Object> data = map(kind("ConfigMap", "keyline-config"), "data");
        String settings = (String) data.get("keyline.properties");
        assertThat(settings).doesNotContain("${file:");
        Path file = Files.writeString(dir.resolve("keyline.properties"), settings);
        // Unknown keys or bad references are a UsageException; every env reference resolves.
        ConfigFile config =
                ConfigFile.load(
                        file, new CommandLine(new RunCommand()).getCommandSpec(), name -> "set");
        assertThat(config.kafkaProperties()).containsEntry("sasl.jaas.config", "set");

        // The variables the settings read are set from the Secret in the pod template.
        Map<String, Object> container =
                listOfMaps(
                                map(
                                        map(map(kind("FlinkDeployment"), "spec"), "podTemplate"),
                                        "spec"),
                                "containers")
                        .get(0);
        List<String> env =
                listOfMaps(container, "env").stream()
                        .map(e -> (String) e.get("name"))
                        .collect(Collectors.toList());
        assertThat(env).contains("KEYLINE_PEPPER", "KAFKA_JAAS_CONFIG", "CATALOG_PASSWORD");
        Map<String, Object> secret = map(kind("Secret"), "stringData");
        assertThat(secret).containsKeys("pepper", "kafka-jaas-config", "catalog-password");
    }

    @Test
    void theRecomputeCronJobRunsARecomputeKeylineAccepts() throws Exception {
        Map<String, Object> cron = kind("CronJob", "keyline-recompute");
        assertThat(map(cron, "spec").get("suspend"))
                .as("shipped suspended: it must not run beside the streaming job")
                .isEqualTo(true);
        CommandLine.ParseResult recompute = command(cron);
        assertThat(recompute.commandSpec().name()).isEqualTo("recompute");
        assertThat(recompute.matchedOptionValue("--catalog", (Path) null))
                .isEqualTo(Path.of("/etc/keyline/lake.properties"));
        assertThat(map(kind("ConfigMap", "keyline-config"), "data")).containsKey("lake.properties");
        assertThat(listOfMaps(container(cron), "env"))
                .extracting(e -> e.get("name"))
                .contains("KEYLINE_PEPPER", "CATALOG_PASSWORD");
    }

    @Test
    void theGraphCronJobRunsAGraphKeylineAcceptsOnTheSameCatalog() throws Exception {
        Map<String, Object> cron = kind("CronJob", "keyline-graph");
        assertThat(map(cron, "spec").get("suspend")).isEqualTo(false);
        assertThat(map(cron, "spec").get("concurrencyPolicy")).isEqualTo("Forbid");
        CommandLine.ParseResult graph = command(cron);
        assertThat(graph.commandSpec().name()).isEqualTo("graph");
        assertThat(graph.matchedOptionValue("--catalog", (Path) null))
                .isEqualTo(Path.of("/etc/keyline/lake.properties"));
        assertThat(graph.matchedOptionValue("--hop-limit", 0)).isEqualTo(4);
        assertThat(listOfMaps(container(cron), "env"))
                .extracting(e -> e.get("name"))
                .contains("CATALOG_PASSWORD");
    }

    private static Map<String, Object> container(Map<String, Object> cron) {
        Map<String, Object> pod =
                map(map(map(map(cron, "spec"), "jobTemplate"), "spec"), "template");
        return listOfMaps(map(pod, "spec"), "containers").get(0);
    }

    /** The keyline command a CronJob's script runs, parsed by Keyline's own command line. */
    private static CommandLine.ParseResult command(Map<String, Object> cron) {
        @SuppressWarnings("unchecked")
        String script = ((List<String>) container(cron).get("args")).get(0);
        String line =
                script.substring(script.indexOf("keyline.jar") + "keyline.jar".length())
                        .replace("\\\n", " ")
                        .replace("\"$(date -u -d tomorrow +%F)\"", "2026-12-05");
        return new CommandLine(new Keyline()).parseArgs(line.trim().split("\\s+")).subcommand();
    }

    private static List<Map<String, Object>> manifests() throws Exception {
        List<Map<String, Object>> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object doc :
                        new Load(LoadSettings.builder().build())
                                .loadAllFromString(Files.readString(f))) {
                    assertThat(doc).as(f.toString()).isInstanceOf(Map.class);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) doc;
                    all.add(m);
                }
            }
        }
        return all;
    }

    private static Map<String, Object> kind(String kind) throws Exception {
        return kind(kind, null);
    }

    private static Map<String, Object> kind(String kind, String name) throws Exception {
        return manifests().stream()
                .filter(m -> kind.equals(m.get("kind")))
                .filter(m -> name == null || name.equals(map(m, "metadata").get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        assertThat(m.get(key)).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) m.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listOfMaps(Map<String, Object> m, String key) {
        assertThat(m.get(key)).as(key).isInstanceOf(List.class);
        return (List<Map<String, Object>>) m.get(key);
    }
}
