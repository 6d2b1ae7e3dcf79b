package io.keyline.aws;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where CloudTrail puts its log files in a bucket: {@code <prefix>AWSLogs/[<organization
 * id>/]<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<file>}. Within one account and region the
 * keys sort by day and, through the file names, by time of delivery.
 */
final class CloudTrailKeys {

    private static final Pattern LOG_FILE =
            Pattern.compile("(?:^|/)AWSLogs/(?:o-[a-z0-9]+/)?(\\d{12})/CloudTrail/[^/]+/.+[^/]$");

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private CloudTrailKeys() {}

    /**
     * The folder of one account's and region's log files.
     *
     * @param prefix the trail's key prefix, empty or ending with {@code /}
     * @param organization the organization id of an organization trail, or null
     */
    static String folder(String prefix, String organization, String account, String region) {
        return prefix
                + "AWSLogs/"
                + (organization == null ? "" : organization + "/")
                + account
                + "/CloudTrail/"
                + region
                + "/";
    }

    /**
     * The key to list after so that the walk starts with the files of the day of {@code since}: the
     * folder and that day without its final slash, which sorts after every earlier day's files and
     * before that day's.
     */
    static String startOfDay(String folder, long since) {
        return folder + DAY.format(Instant.ofEpochMilli(since));
    }

    /** True for a key of a CloudTrail log file (not a digest, not an Insights file). */
    static boolean isLogFile(String key) {
        return LOG_FILE.matcher(key).find();
    }

    /** The account of a log file's key, or null when the key is not laid out as CloudTrail's. */
    static String account(String key) {
        Matcher m = LOG_FILE.matcher(key);
        return m.find() ? m.group(1) : null;
    }
}
