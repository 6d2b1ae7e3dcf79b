package io.keyline.inventory;

import io.keyline.model.Attributes;
import io.keyline.model.IdentityEvent;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Picks the events the HR directory stage needs and gives each the login it is keyed by, in its
 * {@code actor}: a directory entry once per login of the person (e-mail and aliases), and owner
 * evidence under the candidate's login.
 */
@Internal
public class DirectoryKeys implements FlatMapFunction<IdentityEvent, IdentityEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(IdentityEvent event, Collector<IdentityEvent> out) {
        if (DirectoryFunction.isDirectoryEntry(event)) {
            for (String login : logins(event)) {
                out.collect(withActor(event, login));
            }
        } else if (DirectoryFunction.isOwnerEvidence(event)) {
            String login = Ownership.normalize(event.getActor());
            if (login != null) {
                out.collect(withActor(event, login));
            }
        }
    }

    /** The logins of a directory entry: its e-mail, its actor and its aliases, in lower case. */
    static Set<String> logins(IdentityEvent person) {
        Set<String> logins = new LinkedHashSet<>();
        add(logins, person.attribute(Attributes.EMAIL));
        add(logins, person.getActor());
        String aliases = person.attribute(Attributes.ALIASES);
        if (aliases != null) {
            for (String alias : aliases.split(";")) {
                add(logins, alias);
            }
        }
        return logins;
    }

    private static void add(Set<String> logins, String login) {
        String normalized = Ownership.normalize(login);
        if (normalized != null) {
            logins.add(normalized);
        }
    }

    private static IdentityEvent withActor(IdentityEvent e, String actor) {
        IdentityEvent copy =
                IdentityEvent.of(e.getEventId(), e.getEventTime(), e.getSource(), e.getKind());
        copy.setCredentialId(e.getCredentialId());
        copy.setCredentialType(e.getCredentialType());
        copy.setIdentityId(e.getIdentityId());
        copy.setActor(actor);
        copy.setAttributes(new java.util.HashMap<>(e.getAttributes()));
        return copy;
    }
}
