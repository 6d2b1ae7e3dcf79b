package io.keyline.scanner;

import io.keyline.fingerprint.Fingerprinter;
import io.keyline.fingerprint.SecretIds;
import io.keyline.format.EventIds;
import io.keyline.format.ParseOutput;
import io.keyline.model.Actors;
import io.keyline.model.Attributes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import io.keyline.model.OwnerSources;
import java.io.Serializable;
import java.util.Locale;
import org.apache.flink.annotation.Internal;

/**
 * Turns one scanner finding into events: a {@code STORED_AT} of the credential the secret is, at
 * the place it was found, and an {@code OWNER_HINT} naming the commit author when the finding has
 * an e-mail address. The secret is reduced to its credential id here ({@link SecretIds}) and goes
 * no further.
 *
 * <p>Both events take the commit time when the finding has one, else the time of the file. Their
 * ids are hashed from the format, the credential, the place, the commit and the line, so a new scan
 * that finds the same secret at the same place yields the same ids.
 */
@Internal
final class FindingEvents implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final SecretIds secretIds;

    FindingEvents(String source, Fingerprinter fingerprinter) {
        this.source = source;
        this.secretIds = new SecretIds(fingerprinter);
    }

    void emit(ScannerFinding finding, long observedAt, ParseOutput out) {
        SecretIds.Identified credential = secretIds.identify(finding.secret(), finding.detector());
        long time = finding.time() == null ? observedAt : finding.time();
        String path = finding.location().getPath();

        out.emit(
                IdentityEvent.of(
                                EventIds.hashed(
                                        source,
                                        credential.credentialId(),
                                        path,
                                        finding.commit(),
                                        finding.line()),
                                time,
                                source,
                                EventKind.STORED_AT)
                        .credential(credential.credentialId(), credential.credentialType())
                        .location(finding.location())
                        .attribute(Attributes.COMMIT, finding.commit())
                        .attribute(Attributes.LINE, finding.line())
                        .attribute(Attributes.REPOSITORY, finding.repository())
                        .attribute(Attributes.DETECTOR, finding.detector()));

        String author = authorAddress(finding.authorEmail());
        if (author != null) {
            out.emit(
                    IdentityEvent.of(
                                    EventIds.hashed(
                                            source,
                                            EventKind.OWNER_HINT.name(),
                                            credential.credentialId(),
                                            path,
                                            finding.commit(),
                                            finding.line(),
                                            author),
                                    time,
                                    source,
                                    EventKind.OWNER_HINT)
                            .credential(credential.credentialId(), credential.credentialType())
                            .actor(author)
                            .attribute(Attributes.OWNER_SOURCE, OwnerSources.COMMIT_AUTHOR));
        }
    }

    /**
     * The e-mail address in an author field, {@code dana@example.com} or {@code Dana <dana@...>},
     * in lower case; null when there is none that looks like a person's address.
     */
    static String authorAddress(String author) {
        if (author == null) {
            return null;
        }
        String address = author.trim();
        int open = address.lastIndexOf('<');
        int close = address.lastIndexOf('>');
        if (open >= 0 && close > open) {
            address = address.substring(open + 1, close).trim();
        }
        address = address.toLowerCase(Locale.ROOT);
        return Actors.isPerson(address) && address.indexOf(' ') < 0 ? address : null;
    }
}
