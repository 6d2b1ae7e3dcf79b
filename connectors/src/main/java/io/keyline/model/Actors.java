package io.keyline.model;

import java.util.Locale;
import org.apache.flink.annotation.PublicEvolving;

/** Tells people from other principals among the actors and owners that sources name. */
@PublicEvolving
public final class Actors {

    private Actors() {}

    /**
     * True for a login that names a person: an e-mail address, not a principal ARN (an IAM user may
     * be named by an address, and its ARN then contains one), not a canonical id that holds an
     * address ({@code gcp:sa:<email>}), and not a Google service account's address ({@code
     * ...gserviceaccount.com}).
     */
    public static boolean isPerson(String login) {
        if (login == null || login.startsWith("arn:")) {
            return false;
        }
        int at = login.indexOf('@');
        int colon = login.indexOf(':');
        if (colon >= 0 && colon < at) {
            return false;
        }
        if (login.toLowerCase(Locale.ROOT).endsWith("gserviceaccount.com")) {
            return false;
        }
        return isEmail(login);
    }

    /** True for anything shaped like an e-mail address, a person's or a service account's. */
    public static boolean isEmail(String value) {
        if (value == null) {
            return false;
        }
        int at = value.indexOf('@');
        return at > 0 && at < value.length() - 1 && value.indexOf('.', at) > at;
    }
}
