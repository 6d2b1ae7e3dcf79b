package io.keyline.model;

import java.util.Locale;
import org.apache.flink.annotation.PublicEvolving;

/**
 * How much an identity can do, from least to most: {@code none}, {@code read}, {@code write},
 * {@code high} (full control of a service, or read access to secrets), {@code admin} (everything,
 * or a path to grant itself more). Tiers {@code high} and {@code admin} are privileged.
 */
@PublicEvolving
public enum PrivilegeTier {
    NONE,
    READ,
    WRITE,
    HIGH,
    ADMIN;

    /** The tier's name as stored in tables and attributes: lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isPrivileged() {
        return this == HIGH || this == ADMIN;
    }

    public PrivilegeTier max(PrivilegeTier other) {
        return other == null || compareTo(other) >= 0 ? this : other;
    }

    /** The tier of a label; {@code NONE} for null or an unknown label. */
    public static PrivilegeTier of(String label) {
        if (label == null) {
            return NONE;
        }
        try {
            return valueOf(label.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return NONE;
        }
    }
}
