package io.keyline.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;

/**
 * The outcome of an audited call, from its {@code status} ({@code google.rpc.Status}): an empty
 * status or code 0 is success; any other code is a failure, named by its canonical gRPC name
 * ({@code PERMISSION_DENIED} for 7).
 */
final class AuditStatus {

    private static final String[] CODES = {
        "OK",
        "CANCELLED",
        "UNKNOWN",
        "INVALID_ARGUMENT",
        "DEADLINE_EXCEEDED",
        "NOT_FOUND",
        "ALREADY_EXISTS",
        "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED",
        "FAILED_PRECONDITION",
        "ABORTED",
        "OUT_OF_RANGE",
        "UNIMPLEMENTED",
        "INTERNAL",
        "UNAVAILABLE",
        "DATA_LOSS",
        "UNAUTHENTICATED"
    };

    private AuditStatus() {}

    /** The error code of a failed call, or null when it succeeded. */
    static String errorCode(JsonNode status) {
        JsonNode code = status == null ? null : status.get("code");
        if (code == null || code.isNull()) {
            return null;
        }
        if (code.isIntegralNumber()
                || code.isTextual() && code.asText().trim().matches("\\d{1,9}")) {
            long n =
                    code.isIntegralNumber()
                            ? code.longValue()
                            : Long.parseLong(code.asText().trim());
            if (n == 0) {
                return null;
            }
            return n > 0 && n < CODES.length ? CODES[(int) n] : Long.toString(n);
        }
        String text = Json.text(status, "code");
        return text == null || text.equalsIgnoreCase("OK") ? null : Json.clip(text.trim(), 64);
    }
}
