package io.keyline.format;

import org.apache.flink.annotation.Internal;

/**
 * What the path of an input file says when its content does not: the folder right below the format
 * folder, which names the account, cluster, org or tenant the file was exported from ({@code
 * input/k8s-audit/prod-eu/2026-11-01.jsonl}: {@code prod-eu}).
 */
@Internal
public final class OriginPaths {

    private OriginPaths() {}

    /**
     * The name of the folder right below {@code formatFolder} in a file's path, or null when the
     * file sits directly in the format folder or the path does not show it.
     */
    public static String folderBelow(String origin, String formatFolder) {
        String[] segments = segments(origin);
        for (int i = segments.length - 3; i >= 0; i--) {
            if (segments[i].equals(formatFolder)) {
                return segments[i + 1];
            }
        }
        return null;
    }

    /** The file name of a path, without its folders. */
    public static String fileName(String origin) {
        String[] segments = segments(origin);
        return segments.length == 0 ? "" : segments[segments.length - 1];
    }

    private static String[] segments(String origin) {
        if (origin == null || origin.isBlank()) {
            return new String[0];
        }
        return origin.replace('\\', '/').replaceAll("/+$", "").split("/+");
    }
}
