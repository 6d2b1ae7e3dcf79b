package io.keyline.vault;

import java.util.regex.Pattern;

/**
 * The error code of a failed Vault call, from the {@code error} of its audit entry: the first
 * message, without the {@code "1 error occurred:"} header and {@code "* "} bullet Vault's error
 * lists add ({@code "1 error occurred:\n\t* permission denied\n\n"} is {@code permission denied}).
 *
 * <p>Vault's messages may quote what the client sent (a value it could not decode, a path), so only
 * the part before the first quote, brace, bracket or colon is kept: the words that say what went
 * wrong, never the input they go on to quote.
 */
final class VaultErrors {

    private static final Pattern LIST_HEADER = Pattern.compile("^\\d+ errors? occurred:?$");

    private static final int MAX_LENGTH = 100;

    /** What a message whose words are all quoted input becomes. */
    static final String UNDESCRIBED = "error";

    private VaultErrors() {}

    /** The error code of an {@code error} text, or null when there is none. */
    static String code(String error) {
        if (error == null || error.isBlank()) {
            return null;
        }
        for (String line : error.split("\\R")) {
            String message = line.strip();
            if (message.isEmpty() || LIST_HEADER.matcher(message).matches()) {
                continue;
            }
            if (message.startsWith("*")) {
                message = message.substring(1).strip();
            }
            String words = wordsBeforeQuotedInput(message);
            return words.isEmpty() ? UNDESCRIBED : words;
        }
        return UNDESCRIBED;
    }

    private static String wordsBeforeQuotedInput(String message) {
        int end = message.length();
        for (char c : new char[] {'"', '\'', '`', '{', '[', ':', '='}) {
            int at = message.indexOf(c);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        String words = message.substring(0, end).strip();
        return words.length() <= MAX_LENGTH ? words : words.substring(0, MAX_LENGTH).strip();
    }
}
