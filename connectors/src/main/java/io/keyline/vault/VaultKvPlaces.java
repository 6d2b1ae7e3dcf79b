package io.keyline.vault;

import java.util.Arrays;
import java.util.Locale;

/**
 * The mount and path of a secret as the place of its file says, for exporters that write one file
 * per secret and leave both out of its content: {@code <format folder>/<mount>/<path>.json}, so
 * that {@code vault-kv-metadata/secret/ci/jenkins.json} is path {@code ci/jenkins} of mount {@code
 * secret}.
 */
final class VaultKvPlaces {

    private VaultKvPlaces() {}

    /** {@code [mount, path]}, or null when the file does not sit two folders below the format. */
    static String[] ofFile(String origin, String formatFolder) {
        if (origin == null || origin.isBlank()) {
            return null;
        }
        String[] segments = origin.replace('\\', '/').replaceAll("/+$", "").split("/+");
        for (int i = segments.length - 3; i >= 0; i--) {
            if (segments[i].equals(formatFolder)) {
                String mount = segments[i + 1];
                String path =
                        String.join("/", Arrays.copyOfRange(segments, i + 2, segments.length));
                path = withoutExtension(path);
                return path.isEmpty() ? null : new String[] {mount, path};
            }
        }
        return null;
    }

    private static String withoutExtension(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        for (String extension : new String[] {".jsonl", ".ndjson", ".json"}) {
            if (lower.endsWith(extension)) {
                return path.substring(0, path.length() - extension.length());
            }
        }
        return path;
    }
}
