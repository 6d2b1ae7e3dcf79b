package io.keyline.model;

import java.util.List;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Where evidence of an owner comes from ({@link Attributes#OWNER_SOURCE} of an {@code OWNER_HINT}
 * event), strongest first, with the confidence Keyline gives each.
 */
@PublicEvolving
public final class OwnerSources {

    /** An explicit owner tag or label on the credential or identity. */
    public static final String TAG = "tag";

    /** The person who created the credential or identity, from an audit log. */
    public static final String CREATOR = "creator";

    /** The author of the commit or file where the credential is stored. */
    public static final String COMMIT_AUTHOR = "commit-author";

    /** The owner of a workload that consumes the credential. */
    public static final String WORKLOAD_OWNER = "workload-owner";

    /** The team or person that owns the account, project or subscription. */
    public static final String TEAM = "team";

    /** The strongest first. */
    public static final List<String> RANKED =
            List.of(TAG, CREATOR, COMMIT_AUTHOR, WORKLOAD_OWNER, TEAM);

    private OwnerSources() {}

    /** The rank of a source, 0 for the strongest; sources Keyline does not know rank last. */
    public static int rank(String source) {
        int i = RANKED.indexOf(source);
        return i < 0 ? RANKED.size() : i;
    }

    /** The confidence in an owner from this source, between 0 and 1. */
    public static double confidence(String source) {
        switch (rank(source)) {
            case 0:
                return 0.95;
            case 1:
                return 0.9;
            case 2:
                return 0.7;
            case 3:
                return 0.5;
            case 4:
                return 0.3;
            default:
                return 0.2;
        }
    }
}
