package io.keyline.inventory;

import io.keyline.format.Timestamps;
import io.keyline.model.Attributes;
import io.keyline.model.IdentityEvent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * What the HR directory says of the person behind one login, as of its event time: their e-mail,
 * status ({@code active} or {@code departed}), manager, and when they left.
 */
@Internal
public class PersonFact {

    public static final String ACTIVE = "active";
    public static final String DEPARTED = "departed";

    public String login;
    public String personId;
    public String email;
    public String name;
    public String status;
    public String managerEmail;
    public Long endDate;
    public long time;

    public PersonFact() {}

    /** The fact a {@code PERSON} event states for {@code login}. */
    public static PersonFact of(IdentityEvent e, String login) {
        PersonFact f = new PersonFact();
        f.login = login;
        f.personId = e.attribute(Attributes.PERSON_ID);
        f.email = e.attribute(Attributes.EMAIL);
        f.name = e.attribute(Attributes.NAME);
        String status = e.attribute(Attributes.PERSON_STATUS);
        f.status = DEPARTED.equals(status) ? DEPARTED : ACTIVE;
        f.managerEmail = e.attribute(Attributes.MANAGER_EMAIL);
        f.endDate = Timestamps.parseOrNull(e.attribute(Attributes.END_DATE));
        f.time = e.getEventTime();
        return f;
    }

    public boolean isDeparted() {
        return DEPARTED.equals(status);
    }

    /** When the person left: the end date the directory gives, else when it said so. */
    public long departedAt() {
        return endDate != null ? endDate : time;
    }

    /** True when the two facts say the same of the person, whatever their times. */
    public boolean sameAs(PersonFact o) {
        return o != null
                && Objects.equals(email, o.email)
                && Objects.equals(status, o.status)
                && Objects.equals(managerEmail, o.managerEmail)
                && Objects.equals(endDate, o.endDate)
                && Objects.equals(personId, o.personId);
    }

    /** Gives {@code List<PersonFact>} fields Flink's list serializer instead of Kryo. */
    public static class ListFactory extends TypeInfoFactory<List<PersonFact>> {
        @Override
        public TypeInformation<List<PersonFact>> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return Types.LIST(Types.POJO(PersonFact.class));
        }
    }
}
