package io.keyline.aws;

import io.keyline.source.poll.CollectorException;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Calls to AWS APIs with what their failures mean for a stream. The SDK has already retried
 * throttling, server errors and broken connections with its standard strategy; what still fails of
 * those is an {@link IOException}, which the reader retries later. A refusal or any other client
 * error is a {@link CollectorException} whose sentence names the place, the IAM action and the
 * principal that lacks it.
 */
final class AwsCalls {

    /** Error codes that mean a missing permission or a refused credential, whatever the status. */
    private static final Set<String> REFUSALS =
            Set.of(
                    "AccessDenied",
                    "AccessDeniedException",
                    "AuthorizationError",
                    "UnauthorizedOperation",
                    "UnauthorizedAccess",
                    "InvalidClientTokenId",
                    "UnrecognizedClientException",
                    "InvalidAccessKeyId",
                    "SignatureDoesNotMatch",
                    "AllAccessDisabled");

    /** Error codes that a later attempt may not meet: expired sessions are renewed meanwhile. */
    private static final Set<String> TRANSIENT =
            Set.of("ExpiredToken", "ExpiredTokenException", "RequestExpired", "RequestTimeout");

    /** The place a call goes to and the principal it is made as, for messages. */
    record Scope(String place, String principal) {

        /**
         * {@code the AWS account 111122223333}, as the role or credentials of {@code principal}.
         */
        static Scope account(String account, String principal) {
            return new Scope("the AWS account " + account, principal);
        }
    }

    private AwsCalls() {}

    /**
     * Makes one call.
     *
     * @param action the IAM action the call needs ({@code iam:ListUsers}), for messages
     */
    static <T> T call(Scope scope, String action, Supplier<T> call) throws IOException {
        try {
            return call.get();
        } catch (SdkException e) {
            throw failure(scope, action, e);
        }
    }

    /** What a failed call means: a {@link CollectorException} or a transient IOException. */
    static IOException failure(Scope scope, String action, SdkException e) {
        AwsServiceException service = serviceCause(e);
        if (service == null) {
            return new IOException(
                    action
                            + " in "
                            + scope.place()
                            + " failed: "
                            + e.getClass().getSimpleName()
                            + ": "
                            + summary(e.getMessage()),
                    e);
        }
        String code = code(service);
        int status = service.statusCode();
        if (service instanceof StsException
                && !action.startsWith("sts:")
                && !service.isThrottlingException()
                && status < 500) {
            // The call never left: renewing the role's session failed first.
            return new CollectorException(
                    capitalized(scope.place())
                            + ": the session of "
                            + scope.principal()
                            + " could not be renewed for "
                            + action
                            + " (HTTP "
                            + status
                            + ", "
                            + code
                            + "): the role's trust policy must still allow sts:AssumeRole to the"
                            + " collector's principal.",
                    e);
        }
        if (REFUSALS.contains(code) || (status == 403 && !TRANSIENT.contains(code))) {
            return new CollectorException(
                    capitalized(scope.place())
                            + " refused "
                            + action
                            + " to "
                            + scope.principal()
                            + " (HTTP "
                            + status
                            + ", "
                            + code
                            + "): grant "
                            + action
                            + " to "
                            + scope.principal()
                            + ", as in the AWS collector's least-privilege policy.",
                    e);
        }
        if (service.isThrottlingException()
                || service.isClockSkewException()
                || status >= 500
                || TRANSIENT.contains(code)) {
            return new IOException(
                    action
                            + " in "
                            + scope.place()
                            + " still failed after the SDK's retries (HTTP "
                            + status
                            + ", "
                            + code
                            + ")",
                    e);
        }
        return new CollectorException(
                capitalized(scope.place())
                        + " rejected "
                        + action
                        + " (HTTP "
                        + status
                        + ", "
                        + code
                        + ": "
                        + summary(
                                service.awsErrorDetails() == null
                                        ? null
                                        : service.awsErrorDetails().errorMessage())
                        + "); check the collector's settings for it.",
                e);
    }

    /** The service error a failure is or wraps (credential providers wrap theirs), or null. */
    static AwsServiceException serviceCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException s) {
                return s;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    static String code(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code == null || code.isBlank() ? "no error code" : code;
    }

    /** One short line of an error message, without line breaks. */
    static String summary(String message) {
        if (message == null || message.isBlank()) {
            return "no message";
        }
        String line = message.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    static String capitalized(String text) {
        return text.isEmpty()
                ? text
                : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
