package io.keyline.source;

import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Events as short lines of text, so that a test can state every event a file yields. */
public final class EventsText {

    private EventsText() {}

    /**
     * {@code KIND field=value ... {attribute=value, ...}}, without id and time; unset fields left
     * out.
     */
    public static String of(IdentityEvent e) {
        StringBuilder s = new StringBuilder(e.getKind().name());
        field(s, "credential", e.getCredentialId());
        field(s, "type", e.getCredentialType());
        field(s, "identity", e.getIdentityId());
        field(s, "actor", e.getActor());
        field(s, "resource", e.getResource());
        field(s, "action", e.getAction());
        if (e.getLocation() != null) {
            field(s, "location", e.getLocation().toString());
        }
        if (e.getConsumer() != null) {
            field(s, "consumer", e.getConsumer().key());
        }
        s.append(' ').append(new TreeMap<>(e.getAttributes()));
        return s.toString();
    }

    public static List<String> of(ListParseOutput out) {
        return out.events().stream().map(EventsText::of).collect(Collectors.toList());
    }

    public static List<String> reasons(ListParseOutput out) {
        return out.rejections().stream()
                .map(ListParseOutput.Rejection::reason)
                .collect(Collectors.toList());
    }

    private static void field(StringBuilder s, String name, String value) {
        if (value != null) {
            s.append(' ').append(name).append('=').append(value);
        }
    }
}
