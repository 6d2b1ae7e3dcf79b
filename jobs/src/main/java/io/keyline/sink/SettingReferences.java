package io.keyline.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * References to secrets in a settings or catalog file, resolved as the file is read: {@code
 * ${env:NAME}} is the environment variable NAME, {@code ${file:PATH}} the content of the file at
 * PATH (without its last line break), so that the file itself holds no secret.
 */
public final class SettingReferences {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");

    private SettingReferences() {}

    /**
     * The value with its references replaced; an unset variable or unreadable file is an {@link
     * IllegalArgumentException} that names the setting and the file.
     */
    public static String resolve(
            String value, String key, Path file, Function<String, String> environment) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2).trim();
            String replacement;
            if (m.group(1).equals("env")) {
                replacement = environment.apply(name);
                if (replacement == null) {
                    throw new IllegalArgumentException(
                            "The setting '"
                                    + key
                                    + "' in "
                                    + file
                                    + " names the environment variable "
                                    + name
                                    + ", which is not set.");
                }
            } else {
                try {
                    replacement = Files.readString(Path.of(name)).replaceFirst("\\R$", "");
                } catch (IOException e) {
                    throw new IllegalArgumentException(
                            "The setting '"
                                    + key
                                    + "' in "
                                    + file
                                    + " names the file "
                                    + name
                                    + ", which cannot be read.");
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
