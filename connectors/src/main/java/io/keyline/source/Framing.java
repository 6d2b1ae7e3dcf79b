package io.keyline.source;

import org.apache.flink.annotation.PublicEvolving;

/** How a file of a format is cut into the raw records its parser reads. */
@PublicEvolving
public enum Framing {
    /**
     * JSON, either one value per line (JSON Lines, as EventBridge and most exporters write) or one
     * document for the whole file (pretty-printed API output, CloudTrail's S3 files). Decided per
     * file from its first non-blank line: a line that opens a JSON value and does not close it
     * means a document.
     */
    JSON,
    /** The whole file is one record (CSV reports). */
    WHOLE_FILE
}
