package io.keyline.azure;

import java.util.regex.Pattern;

/**
 * The message of an Azure SDK failure, fit for a dead letter or a log line: one line, at most
 * {@value #MAX} characters, with anything that looks like a key, a signature or a token masked,
 * since an SDK may quote the request it failed on.
 */
final class SdkMessages {

    static final int MAX = 300;

    private static final Pattern SECRETS =
            Pattern.compile(
                    "(?i)(SharedAccessKey|SharedAccessSignature|sig|client_secret|access_token"
                            + "|password|Bearer)(\\s*[=:]\\s*|\\s+)[^\\s;&,\"']+");

    private SdkMessages() {}

    /** The cleaned message of a failure, or its type when it has none. */
    static String of(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return clean(message);
    }

    static String clean(String message) {
        String line = SECRETS.matcher(message).replaceAll("$1$2***");
        line = line.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return line.length() > MAX ? line.substring(0, MAX) + "..." : line;
    }
}
