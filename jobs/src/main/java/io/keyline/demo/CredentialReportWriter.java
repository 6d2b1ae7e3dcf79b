package io.keyline.demo;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes an account's IAM credential report at the end of the window: AWS's 22 columns, the root
 * account first, then every user. Key slot 1 is the older of the user's existing keys.
 */
final class CredentialReportWriter {

    static final String HEADER =
            "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
                    + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
                    + "access_key_1_last_used_date,access_key_1_last_used_region,"
                    + "access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
                    + "access_key_2_last_used_date,access_key_2_last_used_region,"
                    + "access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,"
                    + "cert_2_last_rotated";

    private static final String NO_KEY = "false,N/A,N/A,N/A,N/A";
    private static final String NO_CERTS = "false,N/A,false,N/A";

    private CredentialReportWriter() {}

    static void write(Estate e, Usage usage, int account, Path file) throws IOException {
        String accountId = e.accountId(account);
        String region = e.region(account);
        try (Writer out = new OutputStreamWriter(OutputTree.create(file), StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            out.write(
                    "<root_account>,arn:aws:iam::"
                            + accountId
                            + ":root,"
                            + TimeFormats.report(e.accountCreated(account))
                            + ",not_supported,no_information,not_supported,not_supported,true,"
                            + NO_KEY
                            + ","
                            + NO_KEY
                            + ","
                            + NO_CERTS);
            for (int i = e.firstIdentity(account); i < e.endIdentity(account); i++) {
                if (e.kind(i) == IdentityKind.USER) {
                    out.write('\n');
                    out.write(row(UserPlanner.plan(e, i), usage, region));
                }
            }
        }
    }

    private static String row(UserPlan user, Usage usage, String region) {
        StringBuilder row = new StringBuilder(256);
        row.append(user.name()).append(',').append(user.arn()).append(',');
        row.append(TimeFormats.report(user.created())).append(',');
        if (user.breakglass()) {
            // A break-glass user is a person's emergency login: console password and MFA.
            row.append("true,no_information,")
                    .append(TimeFormats.report(user.created() + 600))
                    .append(",N/A,true");
        } else {
            row.append("false,N/A,N/A,N/A,false");
        }
        int slots = 0;
        for (KeyPlan key : user.keys()) {
            if (key.status() != KeyStatus.DELETED) {
                row.append(',').append(keyColumns(key, usage, region));
                slots++;
            }
        }
        for (; slots < 2; slots++) {
            row.append(',').append(NO_KEY);
        }
        return row.append(',').append(NO_CERTS).toString();
    }

    private static String keyColumns(KeyPlan key, Usage usage, String region) {
        long lastUse = usage.keyLastUse(key.number());
        Service service = usage.keyLastService(key.number());
        if (lastUse < 0) {
            lastUse = key.priorLastUse();
            service = key.priorService();
        }
        String used =
                lastUse < 0
                        ? "N/A,N/A,N/A"
                        : TimeFormats.report(TimeFormats.truncateToMinute(lastUse))
                                + ","
                                + region
                                + ","
                                + service.prefix();
        return (key.status() == KeyStatus.ACTIVE)
                + ","
                + TimeFormats.report(key.created())
                + ","
                + used;
    }
}
