package io.keyline.format;

import java.util.Arrays;
import java.util.List;
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

    /**
     * The names of the folders between the last {@code formatFolder} of a file's path and the file,
     * nearest to the format folder first ({@code input/github-deploy-keys/octo/app/keys.json}:
     * {@code octo}, {@code app}); none when the path does not show the format folder.
     */
    public static List<String> foldersBelow(String origin, String formatFolder) {
        String[] segments = segments(origin);
        for (int i = segments.length - 2; i >= 0; i--) {
            if (segments[i].equals(formatFolder)) {
                return List.of(Arrays.copyOfRange(segments, i + 1, segments.length - 1));
            }
        }
        return List.of();
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
