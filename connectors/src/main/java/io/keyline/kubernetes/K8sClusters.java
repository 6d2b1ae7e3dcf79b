package io.keyline.kubernetes;

import io.keyline.format.OriginPaths;
import java.util.Locale;
import org.apache.flink.annotation.Internal;

/**
 * The cluster a Kubernetes record belongs to, which is part of every Kubernetes id. The first of
 * these that is known wins:
 *
 * <ol>
 *   <li>what the record's own container says: the GKE {@code resource.labels.cluster_name}, or the
 *       {@code managedClusters/<name>} segment of an AKS {@code resourceId} (matched in any case,
 *       and lower-cased, since Azure upper-cases resource ids in diagnostic logs and AKS names are
 *       not case-sensitive);
 *   <li>the folder right below the format folder in the file's path ({@code k8s-audit/prod-eu/...}:
 *       {@code prod-eu});
 *   <li>a top-level {@code cluster} field, which some exporters add;
 *   <li>{@value #DEFAULT}.
 * </ol>
 *
 * <p>A value that could not stand in an id (a slash, white space) is passed over.
 */
@Internal
public final class K8sClusters {

    /** The cluster of a record that names none. */
    public static final String DEFAULT = "default";

    private K8sClusters() {}

    /**
     * The cluster of a record: {@code fromContent} (GKE or AKS, may be null), then the file's
     * folder, then {@code field} (an exporter's {@code cluster} field, may be null).
     */
    public static String of(String fromContent, String origin, String format, String field) {
        for (String candidate :
                new String[] {fromContent, OriginPaths.folderBelow(origin, format), field}) {
            if (K8sNames.isName(candidate)) {
                return candidate;
            }
        }
        return DEFAULT;
    }

    /** The cluster name in an AKS resource id, lower-cased, or null when it names none. */
    public static String ofAksResourceId(String resourceId) {
        if (resourceId == null) {
            return null;
        }
        String[] segments = resourceId.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            if (segments[i].equalsIgnoreCase("managedClusters") && !segments[i + 1].isEmpty()) {
                return segments[i + 1].toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }
}
