package io.keyline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A Flink 1.20 standalone session cluster on loopback: a JobManager and TaskManagers, each a JVM of
 * its own started from Flink's jars with Flink's own entry points, as a distribution's scripts
 * start them; jobs are submitted and watched through the JobManager's REST API only.
 *
 * <p>The processes' class path is what a distribution's {@code lib} folder holds: Flink's runtime,
 * client and web modules, its shaded dependencies and logging, taken from the test's own class
 * path. Connectors, Iceberg, Hadoop and Keyline are left out: they come with the job's jar, as on
 * any cluster. Each process logs to {@code <logs>/<name>.log}.
 */
public final class SessionCluster implements AutoCloseable {

    /** What a Flink distribution's lib holds, by jar name; anything else stays out. */
    private static final List<String> DISTRIBUTION =
            List.of(
                    "flink-annotations-",
                    "flink-core-",
                    "flink-core-api-",
                    "flink-java-",
                    "flink-streaming-java-",
                    "flink-datastream-",
                    "flink-datastream-api-",
                    "flink-runtime-1",
                    "flink-runtime-web-",
                    "flink-clients-",
                    "flink-optimizer-",
                    "flink-rpc-core-",
                    "flink-rpc-akka-loader-",
                    "flink-metrics-core-",
                    "flink-shaded-",
                    "flink-file-sink-common-",
                    "flink-connector-datagen-",
                    "flink-hadoop-fs-",
                    "flink-queryable-state-client-java-",
                    "flink-statebackend-rocksdb-",
                    "frocksdbjni-",
                    "kryo-",
                    "minlog-",
                    "objenesis-",
                    "chill-java-",
                    "commons-cli-",
                    "commons-collections-",
                    "commons-compress-",
                    "commons-io-",
                    "commons-lang3-",
                    "commons-math3-",
                    "commons-text-",
                    "jsr305-",
                    "javassist-",
                    "lz4-java-",
                    "snappy-java-",
                    "snakeyaml-engine-",
                    "slf4j-api-",
                    "log4j-api-",
                    "log4j-core-",
                    "log4j-slf4j-impl-");

    /** The module openings Flink's own configuration gives its JVMs on Java 17. */
    private static final List<String> JVM_OPENS =
            Arrays.stream(
                            new String[] {
                                "java.base/java.lang",
                                "java.base/java.lang.reflect",
                                "java.base/java.io",
                                "java.base/java.net",
                                "java.base/java.nio",
                                "java.base/sun.nio.ch",
                                "java.base/java.text",
                                "java.base/java.time",
                                "java.base/java.util",
                                "java.base/java.util.concurrent",
                                "java.base/java.util.concurrent.atomic",
                                "java.base/java.util.concurrent.locks"
                            })
                    .map(p -> "--add-opens=" + p + "=ALL-UNNAMED")
                    .collect(Collectors.toList());

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path conf;
    private final Path logs;
    private final String classPath;
    private final URI rest;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Process jobManager;
    private final List<Process> taskManagers = new ArrayList<>();

    private SessionCluster(Path conf, Path logs, String classPath, int restPort)
            throws IOException {
        this.conf = conf;
        this.logs = logs;
        this.classPath = classPath;
        this.rest = URI.create("http://localhost:" + restPort);
        this.jobManager =
                launch(
                        "jobmanager",
                        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                        "-Xmx768m");
    }

    /**
     * Starts a JobManager and {@code taskManagers} TaskManagers of {@code slots} slots each, with
     * their configuration under {@code dir}; returns once every TaskManager has registered.
     */
    public static SessionCluster start(Path dir, Path logs, int taskManagers, int slots)
            throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(logs);
        int rpcPort = freePort();
        int restPort = freePort();
        Files.writeString(
                conf.resolve("config.yaml"),
                String.join(
                        "\n",
                        "jobmanager.rpc.address: localhost",
                        "jobmanager.rpc.port: " + rpcPort,
                        "jobmanager.bind-host: localhost",
                        "rest.address: localhost",
                        "rest.bind-address: localhost",
                        "rest.port: " + restPort,
                        "taskmanager.host: localhost",
                        "taskmanager.bind-host: localhost",
                        "taskmanager.numberOfTaskSlots: " + slots,
                        // The memory a distribution's scripts would work out and pass on.
                        "taskmanager.cpu.cores: " + slots,
                        "taskmanager.memory.framework.heap.size: 128m",
                        "taskmanager.memory.task.heap.size: 512m",
                        "taskmanager.memory.framework.off-heap.size: 128m",
                        "taskmanager.memory.task.off-heap.size: 64m",
                        "taskmanager.memory.network.min: 64m",
                        "taskmanager.memory.network.max: 64m",
                        "taskmanager.memory.managed.size: 64m",
                        "taskmanager.memory.jvm-metaspace.size: 256m",
                        "taskmanager.memory.jvm-overhead.min: 192m",
                        "taskmanager.memory.jvm-overhead.max: 192m",
                        // A killed TaskManager is noticed within seconds, not the default 50.
                        "heartbeat.interval: 1000",
                        "heartbeat.timeout: 5000",
                        // The job's slots on both TaskManagers, so that killing one fails it.
                        "cluster.evenly-spread-out-slots: true",
                        // The job's jar is larger than the default limit of a REST request.
                        "rest.server.max-content-length: 1073741824",
                        "web.upload.dir: " + Files.createDirectories(dir.resolve("uploads")),
                        "io.tmp.dirs: " + Files.createDirectories(dir.resolve("tmp")),
                        ""));
        Files.writeString(
                conf.resolve("log4j.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = file",
                        "appender.file.type = File",
                        "appender.file.name = file",
                        "appender.file.fileName = ${sys:log.file}",
                        "appender.file.append = false",
                        "appender.file.layout.type = PatternLayout",
                        "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p [%t] %c{1} - %m%n",
                        ""));
        SessionCluster cluster = new SessionCluster(conf, logs, distributionClassPath(), restPort);
        try {
            for (int i = 0; i < taskManagers; i++) {
                cluster.startTaskManager();
            }
            cluster.awaitTaskManagers(taskManagers);
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    /** Starts one more TaskManager process. */
    public void startTaskManager() throws IOException {
        taskManagers.add(
                launch(
                        "taskmanager-" + taskManagers.size(),
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                        "-Xmx640m",
                        "-XX:MaxDirectMemorySize=256m",
                        "-XX:MaxMetaspaceSize=256m"));
    }

    /** Kills a TaskManager process with SIGKILL: no shutdown hook, no goodbye to the JobManager. */
    public void killTaskManager(int index) throws InterruptedException {
        Process p = taskManagers.get(index);
        p.destroyForcibly();
        p.waitFor();
    }

    /** Uploads a job jar through {@code POST /jars/upload}; returns its id on the cluster. */
    public String upload(Path jar) throws Exception {
        String boundary = "----keyline-" + UUID.randomUUID();
        byte[] head =
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                                + jar.getFileName()
                                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest request =
                HttpRequest.newBuilder(rest.resolve("/jars/upload"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(
                                HttpRequest.BodyPublishers.concat(
                                        HttpRequest.BodyPublishers.ofByteArray(head),
                                        HttpRequest.BodyPublishers.ofFile(jar),
                                        HttpRequest.BodyPublishers.ofByteArray(tail)))
                        .build();
        JsonNode answer = send(request);
        String file = answer.path("filename").asText();
        if (!"success".equals(answer.path("status").asText()) || file.isEmpty()) {
            throw new AssertionError("The jar upload failed: " + answer);
        }
        return Path.of(file).getFileName().toString();
    }

    /**
     * Runs an uploaded jar's main class with {@code args} through {@code POST /jars/<id>/run};
     * returns the id of the job it submitted.
     */
    public String run(String jarId, String entryClass, List<String> args) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("entryClass", entryClass);
        body.set("programArgsList", JSON.valueToTree(args));
        JsonNode answer =
                send(
                        HttpRequest.newBuilder(rest.resolve("/jars/" + jarId + "/run"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                                .build());
        String job = answer.path("jobid").asText();
        if (job.isEmpty()) {
            throw new AssertionError("The jar did not submit a job: " + answer);
        }
        return job;
    }

    /** {@code GET /jobs/<id>}: the job's state and the time of each state it reached. */
    public JsonNode job(String jobId) throws Exception {
        return send(HttpRequest.newBuilder(rest.resolve("/jobs/" + jobId)).GET().build());
    }

    /** Waits until the job is {@code RUNNING} with every task running. */
    public void awaitRunning(String jobId) throws Exception {
        long deadline = System.nanoTime() + Tables.PATIENCE.toNanos();
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            job = job(jobId);
            boolean allRunning = true;
            for (JsonNode vertex : job.path("vertices")) {
                allRunning &= "RUNNING".equals(vertex.path("status").asText());
            }
            if ("RUNNING".equals(job.path("state").asText()) && allRunning) {
                return;
            }
            if ("FAILED".equals(job.path("state").asText())) {
                break;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The job did not come to run: " + job);
    }

    /** Cancels a job with {@code PATCH /jobs/<id>} and waits until it is cancelled. */
    public void cancel(String jobId) throws Exception {
        send(
                HttpRequest.newBuilder(rest.resolve("/jobs/" + jobId + "?mode=cancel"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .build());
        long deadline = System.nanoTime() + Tables.PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if ("CANCELED".equals(job(jobId).path("state").asText())) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The job " + jobId + " was not cancelled");
    }

    @Override
    public void close() {
        for (Process p : taskManagers) {
            p.destroyForcibly();
        }
        jobManager.destroyForcibly();
        try {
            for (Process p : taskManagers) {
                p.waitFor();
            }
            jobManager.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitTaskManagers(int count) throws Exception {
        long deadline = System.nanoTime() + Tables.PATIENCE.toNanos();
        int registered = 0;
        while (System.nanoTime() < deadline) {
            if (!jobManager.isAlive()) {
                throw new AssertionError(
                        "The JobManager exited with " + jobManager.exitValue() + "; see " + logs);
            }
            try {
                HttpResponse<String> answer =
                        http.send(
                                HttpRequest.newBuilder(rest.resolve("/taskmanagers")).build(),
                                HttpResponse.BodyHandlers.ofString());
                // Until the JobManager has elected itself leader, it answers 503.
                if (answer.statusCode() == 200) {
                    registered = JSON.readTree(answer.body()).path("taskmanagers").size();
                    if (registered >= count) {
                        return;
                    }
                }
            } catch (IOException notYetListening) {
                // The REST endpoint comes up a few seconds after the process.
            }
            Thread.sleep(250);
        }
        throw new AssertionError(registered + " of " + count + " TaskManagers registered");
    }

    private JsonNode send(HttpRequest request) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(request, (name, value) -> true)
                                .timeout(Duration.ofMinutes(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new AssertionError(
                    request.method()
                            + " "
                            + request.uri().getPath()
                            + " answered "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private Process launch(String name, String mainClass, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(jvmOptions));
        command.addAll(JVM_OPENS);
        command.add("-Dlog.file=" + logs.resolve(name + ".log"));
        command.add("-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri());
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.add("--configDir");
        command.add(conf.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(true);
        builder.redirectOutput(logs.resolve(name + ".out").toFile());
        Map<String, String> env = builder.environment();
        // Keyline's own settings must come from the job's arguments, not from this machine.
        env.keySet().removeIf(k -> k.startsWith("KEYLINE_"));
        return builder.start();
    }

    /** The jars of this class path that a Flink distribution's lib folder would hold. */
    private static String distributionClassPath() {
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            boolean tests = name.endsWith("-tests.jar");
            if (name.endsWith(".jar")
                    && !tests
                    && DISTRIBUTION.stream().anyMatch(name::startsWith)) {
                jars.add(entry);
            }
        }
        return String.join(File.pathSeparator, jars);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
