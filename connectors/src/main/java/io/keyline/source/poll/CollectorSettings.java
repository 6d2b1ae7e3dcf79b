package io.keyline.source.poll;

import io.keyline.format.Timestamps;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.annotation.PublicEvolving;

/**
 * The settings of one collector, the keys {@code collect.<collector>.<name>} of the run's settings
 * file, read with messages that name the key, what was expected and what was found. A wrong value
 * or an unknown key is an {@link IllegalArgumentException} whose message is one such sentence.
 */
@PublicEvolving
public final class CollectorSettings {

    /** The prefix of every collector setting. */
    public static final String PREFIX = "collect.";

    private final String collector;
    private final Map<String, String> values;

    public CollectorSettings(String collector, Map<String, String> values) {
        this.collector = collector;
        this.values = new TreeMap<>(values);
    }

    /**
     * The settings of each collector named in {@code settings}, whose keys are {@code
     * <collector>.<name>} (the {@value #PREFIX} prefix already removed).
     */
    public static Map<String, CollectorSettings> byCollector(Map<String, String> settings) {
        Map<String, Map<String, String>> grouped = new TreeMap<>();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw new IllegalArgumentException(
                        "The collector setting '"
                                + PREFIX
                                + key
                                + "' names no setting; write "
                                + PREFIX
                                + "<collector>.<setting>, such as "
                                + PREFIX
                                + "okta.url.");
            }
            grouped.computeIfAbsent(key.substring(0, dot), k -> new TreeMap<>())
                    .put(key.substring(dot + 1), e.getValue());
        }
        Map<String, CollectorSettings> out = new TreeMap<>();
        grouped.forEach((name, values) -> out.put(name, new CollectorSettings(name, values)));
        return out;
    }

    public String collector() {
        return collector;
    }

    /** The full key of a setting, for messages: {@code collect.okta.url}. */
    public String key(String name) {
        return PREFIX + collector + "." + name;
    }

    /** Fails on any setting not among {@code known}, listing those that are. */
    public void checkKnown(Set<String> known) {
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(
                        "Unknown setting '"
                                + key(name)
                                + "'; the "
                                + collector
                                + " collector's settings are "
                                + String.join(", ", new TreeSet<>(known))
                                + ".");
            }
        }
    }

    public String optional(String name, String fallback) {
        String v = values.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    public String required(String name, String example) {
        String v = optional(name, null);
        if (v == null) {
            throw new IllegalArgumentException(
                    "The "
                            + collector
                            + " collector needs "
                            + key(name)
                            + ", such as "
                            + example
                            + ".");
        }
        return v;
    }

    /** A comma-separated list; empty when the setting is missing. */
    public List<String> list(String name) {
        List<String> out = new ArrayList<>();
        String v = optional(name, null);
        if (v != null) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /** A whole number of seconds, at least one. */
    public Duration seconds(String name, Duration fallback) {
        String v = optional(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            long s = Long.parseLong(v);
            if (s >= 1) {
                return Duration.ofSeconds(s);
            }
        } catch (NumberFormatException e) {
            // Falls through to the message below.
        }
        throw new IllegalArgumentException(
                key(name) + " is a number of seconds, at least 1, not '" + v + "'.");
    }

    /** A whole number between {@code min} and {@code max}. */
    public int integer(String name, int fallback, int min, int max) {
        String v = optional(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Falls through to the message below.
        }
        throw new IllegalArgumentException(
                key(name) + " is a whole number from " + min + " to " + max + ", not '" + v + "'.");
    }

    /** A time (ISO-8601 or a date) in epoch milliseconds, or the fallback. */
    public long time(String name, long fallback) {
        String v = optional(name, null);
        if (v == null) {
            return fallback;
        }
        Long t = Timestamps.parseOrNull(v);
        if (t == null) {
            throw new IllegalArgumentException(
                    key(name)
                            + " is a time such as 2026-11-01T00:00:00Z or a date, not '"
                            + v
                            + "'.");
        }
        return t;
    }

    /** An http or https URL with a host, without a trailing slash. */
    public URI url(String name, String example) {
        String v = required(name, example);
        try {
            URI uri = new URI(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
            if (uri.getHost() != null
                    && ("https".equalsIgnoreCase(uri.getScheme())
                            || "http".equalsIgnoreCase(uri.getScheme()))) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // Falls through to the message below.
        }
        throw new IllegalArgumentException(
                key(name) + " is a URL such as " + example + ", not '" + v + "'.");
    }

    /**
     * Where the secret {@code name} is: the file of {@code <name>-file}, else the environment
     * variable of {@code <name>-env}, else {@code variable}.
     */
    public Credential credential(String name, String description, String variable) {
        return new Credential(
                description,
                optional(name + "-env", variable),
                optional(name + "-file", null),
                key(name + "-file"));
    }
}
