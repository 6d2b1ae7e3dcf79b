package io.keyline.okta;

import java.util.List;
import java.util.Locale;
import org.apache.flink.annotation.Internal;

/**
 * Tells service users from people among Okta logins. Okta has no user kind for machines, so
 * organizations mark them by naming convention: a login whose name (the part before the {@code @},
 * or the whole login) starts with {@code svc-}, {@code svc.}, {@code svc_}, {@code service-} or
 * {@code bot-}, or a login with a {@code +svc} sub-address ({@code team+svc@example.com}). The
 * users listing can also mark one by its {@code userType}.
 */
@Internal
public final class OktaServiceUsers {

    private static final List<String> PREFIXES =
            List.of("svc-", "svc.", "svc_", "service-", "bot-");

    private OktaServiceUsers() {}

    /** True for the login of a service user by naming convention. */
    public static boolean isServiceUser(String login) {
        if (login == null || login.isBlank()) {
            return false;
        }
        String l = login.trim().toLowerCase(Locale.ROOT);
        if (l.contains("+svc@")) {
            return true;
        }
        int at = l.indexOf('@');
        String name = at < 0 ? l : l.substring(0, at);
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                return true;
            }
        }
        return false;
    }

    /** True for a {@code profile.userType} that marks a service user: {@code service}. */
    static boolean isServiceUserType(String userType) {
        return userType != null && userType.trim().equalsIgnoreCase("service");
    }
}
