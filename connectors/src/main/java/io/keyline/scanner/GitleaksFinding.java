package io.keyline.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.MalformedRecordException;
import io.keyline.model.Location;
import io.keyline.model.Stores;
import java.util.List;
import java.util.Set;
import org.apache.flink.annotation.Internal;

/**
 * Reads one gitleaks finding, from the JSON report or from a CSV row turned into an object with the
 * header's names. Two generations of field names are read:
 *
 * <ul>
 *   <li>gitleaks 8: {@code RuleID}, {@code Secret}, {@code File}, {@code Commit}, {@code
 *       StartLine}, {@code Email}, {@code Date}, {@code Link} (early 8.x has {@code Context} where
 *       later ones have {@code Match}, and no {@code Fingerprint}; neither is read);
 *   <li>gitleaks 7: {@code rule}, {@code offender}, {@code file}, {@code commit}, {@code
 *       lineNumber}, {@code email}, {@code date}, {@code repo}, {@code repoURL}.
 * </ul>
 *
 * <p>The repository is the remote of gitleaks 8's {@code Link} or gitleaks 7's {@code repoURL} or
 * {@code repo}, else the folder the report was put in. {@code Date} is free-form: RFC 3339, Go's
 * time text ({@code 2018-01-28 17:39:00 -0500 -0500}) or a month-first date ({@code 10-19-2003}).
 */
@Internal
final class GitleaksFinding {

    static final String WHAT = "a gitleaks finding";

    /** The fields a rejected finding keeps, in lower case: none of them holds the secret. */
    static final Set<String> KEPT =
            Set.of(
                    "ruleid",
                    "description",
                    "startline",
                    "endline",
                    "startcolumn",
                    "endcolumn",
                    "file",
                    "symlinkfile",
                    "commit",
                    "entropy",
                    "author",
                    "email",
                    "date",
                    "tags",
                    "fingerprint",
                    "link",
                    "rule",
                    "linenumber",
                    "offenderentropy",
                    "repo",
                    "repourl",
                    "leakurl");

    /** What comes between a remote and the commit in the Link of each code host. */
    private static final List<String> LINK_SEGMENTS =
            List.of("/-/blob", "/blob", "/src/commit", "/src", "/commit");

    private GitleaksFinding() {}

    /** True for an object that has the fields of a gitleaks 8 or gitleaks 7 finding. */
    static boolean looksLikeFinding(JsonNode node) {
        return isVersion8(node) || isVersion7(node);
    }

    /**
     * The finding in {@code node}; {@code folder} is the folder the report was put in, the
     * repository when the finding names none.
     */
    static ScannerFinding read(JsonNode node, String folder) throws MalformedRecordException {
        if (isVersion8(node)) {
            return version8(node, folder);
        }
        if (isVersion7(node)) {
            return version7(node, folder);
        }
        throw new MalformedRecordException(
                WHAT + " has neither a Secret (gitleaks 8) nor an offender (gitleaks 7)");
    }

    private static boolean isVersion8(JsonNode node) {
        return node.has("Secret") || node.has("RuleID");
    }

    private static boolean isVersion7(JsonNode node) {
        return node.has("offender") || node.has("rule");
    }

    private static ScannerFinding version8(JsonNode node, String folder)
            throws MalformedRecordException {
        String secret = ScannerFields.secret(node, "Secret", WHAT);
        String file = file(node, "File");
        String commit = ScannerFields.string(node, "Commit", WHAT);
        String repository = remoteOf(ScannerFields.string(node, "Link", WHAT), commit);
        if (repository == null) {
            repository = folder;
        }
        return new ScannerFinding(
                secret,
                ScannerFields.string(node, "RuleID", WHAT),
                location(repository, file),
                repository,
                commit,
                ScannerFields.lineNumber(node, "StartLine", WHAT),
                ScannerFields.string(node, "Email", WHAT),
                ScannerFields.commitTime(ScannerFields.string(node, "Date", WHAT)));
    }

    private static ScannerFinding version7(JsonNode node, String folder)
            throws MalformedRecordException {
        String secret = ScannerFields.secret(node, "offender", WHAT);
        String file = file(node, "file");
        String repository = ScannerFields.repository(ScannerFields.place(node, "repoURL", WHAT));
        if (repository == null) {
            String repo = ScannerFields.place(node, "repo", WHAT);
            repository = repo == null || repo.equals(".") ? folder : repo;
        }
        return new ScannerFinding(
                secret,
                ScannerFields.string(node, "rule", WHAT),
                location(repository, file),
                repository,
                ScannerFields.string(node, "commit", WHAT),
                ScannerFields.lineNumber(node, "lineNumber", WHAT),
                ScannerFields.string(node, "email", WHAT),
                ScannerFields.commitTime(ScannerFields.string(node, "date", WHAT)));
    }

    private static String file(JsonNode node, String field) throws MalformedRecordException {
        String file = ScannerFields.place(node, field, WHAT);
        if (file == null) {
            throw new MalformedRecordException(WHAT + " has no " + field);
        }
        return file;
    }

    private static Location location(String repository, String file) {
        return new Location(
                Stores.ofFilePath(file), repository == null ? file : repository + ":" + file);
    }

    /**
     * The remote in a gitleaks 8 Link ({@code <remote>/blob/<commit>/<file>#L3} and the other code
     * hosts' shapes), or null when there is no link or it does not have that shape.
     */
    static String remoteOf(String link, String commit) {
        if (link == null || commit == null) {
            return null;
        }
        int at = link.indexOf("/" + commit);
        if (at <= 0) {
            return null;
        }
        String prefix = link.substring(0, at);
        for (String segment : LINK_SEGMENTS) {
            if (prefix.endsWith(segment)) {
                return ScannerFields.repository(
                        prefix.substring(0, prefix.length() - segment.length()));
            }
        }
        return null;
    }
}
