package io.keyline.aws;

import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;

/** Placeholder until the parser lands. */
public final class AccessKeysParser implements RecordParser {
    @Override
    public void parse(RawRecord record, ParseOutput out) {
        out.reject("this format is not implemented yet", record.getPayload());
    }
}
