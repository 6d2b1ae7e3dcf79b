package io.keyline.source.poll;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Where a collector's secret (an API token) is kept: a file, else an environment variable. Only the
 * place travels with the job; the value is read where the feed runs, and never logged.
 *
 * @param name what the secret is, for messages ({@code the Okta API token})
 * @param variable the environment variable that holds it
 * @param file a file that holds it (its content without the final line break), or null
 * @param setting the setting that names the file, for messages ({@code collect.okta.token-file})
 */
@PublicEvolving
public record Credential(String name, String variable, String file, String setting)
        implements Serializable {

    /** The secret, read now. */
    public String read() throws CollectorException {
        return read(System::getenv);
    }

    String read(Function<String, String> environment) throws CollectorException {
        if (file != null) {
            try {
                String value = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
                if (value.isEmpty()) {
                    throw new CollectorException(
                            "The file " + file + " of " + name + " (" + setting + ") is empty.");
                }
                return value;
            } catch (IOException e) {
                throw new CollectorException(
                        "Cannot read "
                                + name
                                + " from "
                                + file
                                + " ("
                                + setting
                                + "): "
                                + e.getClass().getSimpleName()
                                + ".");
            }
        }
        String value = environment.apply(variable);
        if (value == null || value.isBlank()) {
            throw new CollectorException(
                    name
                            + " is not set: put it in the environment variable "
                            + variable
                            + ", or name a file that holds it with "
                            + setting
                            + ".");
        }
        return value.strip();
    }
}
