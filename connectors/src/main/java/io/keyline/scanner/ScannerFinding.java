package io.keyline.scanner;

import io.keyline.model.Location;
import org.apache.flink.annotation.Internal;

/**
 * One secret a scanner found, read from its report and not yet reduced: the secret value, what
 * found it and where. It lives only inside a scanner parser, which turns it into events with {@link
 * FindingEvents} and drops it; its text form leaves the secret out.
 *
 * @param secret the secret value as the scanner reported it
 * @param detector the scanner's rule id or detector name, or null
 * @param location where the secret is stored
 * @param repository the repository (or other container) of the file, or null
 * @param commit the commit the secret was found in, or null
 * @param line the line number, or null
 * @param authorEmail the commit author's e-mail address as the scanner wrote it, or null
 * @param time when the commit was made (epoch milliseconds), or null when unknown
 */
@Internal
record ScannerFinding(
        String secret,
        String detector,
        Location location,
        String repository,
        String commit,
        String line,
        String authorEmail,
        Long time) {

    @Override
    public String toString() {
        return "ScannerFinding{detector="
                + detector
                + ", location="
                + location
                + ", commit="
                + commit
                + ", line="
                + line
                + "}";
    }
}
