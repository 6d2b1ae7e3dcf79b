package io.keyline.cli;

import io.keyline.sink.SettingReferences;
import io.keyline.source.poll.CollectorSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The settings of a command from a properties file ({@code --config FILE}): each key is the long
 * name of one of the command's options without its dashes ({@code input}, {@code kafka-bootstrap},
 * {@code checkpoint-interval}...), and flags on the command line override it. Keys {@code
 * kafka-property.<name>} hold Kafka client properties one by one, so that values with commas (a
 * JAAS configuration) need no escaping; keys {@code collect.<collector>.<name>} configure the
 * collectors.
 *
 * <p>A value may name a secret kept elsewhere: {@code ${env:NAME}} is replaced by the environment
 * variable, {@code ${file:PATH}} by the file's content without its trailing line break. Neither is
 * ever logged or printed.
 */
final class ConfigFile implements CommandLine.IDefaultValueProvider {

    static final String KAFKA_PROPERTY = "kafka-property.";
    static final String COLLECT = CollectorSettings.PREFIX;

    private final Path file;
    private final Map<String, String> values;

    private ConfigFile(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    /** Reads a settings file for {@code command}; a wrong key or reference is a usage error. */
    static ConfigFile load(Path file, CommandSpec command) {
        return load(file, command, System::getenv);
    }

    static ConfigFile load(Path file, CommandSpec command, Function<String, String> environment) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(
                    "The settings file " + file + " does not exist; check the --config path.");
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException(
                    "The settings file "
                            + file
                            + " cannot be read as a properties file ("
                            + e.getMessage()
                            + ").");
        }
        Set<String> known = new TreeSet<>();
        for (OptionSpec option : command.options()) {
            String name = option.longestName().replaceFirst("^-+", "");
            if (!name.equals("config") && !name.equals("help") && !name.equals("version")) {
                known.add(name);
            }
        }
        Map<String, String> values = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!known.contains(key)
                    && !key.startsWith(KAFKA_PROPERTY)
                    && !key.startsWith(COLLECT)) {
                throw new UsageException(
                        "Unknown setting '"
                                + key
                                + "' in "
                                + file
                                + "; the settings are the long names of the options of '"
                                + command.name()
                                + "': "
                                + String.join(", ", known)
                                + ", kafka-property.<name> and collect.<collector>.<name>.");
            }
            values.put(key, resolve(properties.getProperty(key).trim(), key, file, environment));
        }
        return new ConfigFile(file, values);
    }

    /** The Kafka client properties of the file, by name. */
    Map<String, String> kafkaProperties() {
        return withPrefix(KAFKA_PROPERTY);
    }

    /** The collectors' settings of the file, as {@code <collector>.<name>}. */
    Map<String, String> collectorSettings() {
        return withPrefix(COLLECT);
    }

    private Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        values.forEach(
                (key, value) -> {
                    if (key.startsWith(prefix)) {
                        out.put(key.substring(prefix.length()), value);
                    }
                });
        return out;
    }

    Path file() {
        return file;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec)) {
            return null;
        }
        return values.get(((OptionSpec) argSpec).longestName().replaceFirst("^-+", ""));
    }

    private static String resolve(
            String value, String key, Path file, Function<String, String> environment) {
        try {
            return SettingReferences.resolve(value, key, file, environment);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
