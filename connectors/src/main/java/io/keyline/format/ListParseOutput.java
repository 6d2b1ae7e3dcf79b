package io.keyline.format;

import io.keyline.model.IdentityEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;

/** Collects what a parser produces, for tests and for the {@code parse} command. */
@Internal
public final class ListParseOutput implements ParseOutput {

    /** One rejection: its reason and the rejected bytes. */
    public record Rejection(String reason, byte[] payload) {}

    private final List<IdentityEvent> events = new ArrayList<>();
    private final List<Rejection> rejections = new ArrayList<>();

    @Override
    public void emit(IdentityEvent event) {
        events.add(event);
    }

    @Override
    public void reject(String reason, byte[] payload) {
        rejections.add(new Rejection(reason, payload));
    }

    public List<IdentityEvent> events() {
        return events;
    }

    public List<Rejection> rejections() {
        return rejections;
    }
}
