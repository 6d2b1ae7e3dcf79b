package io.keyline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.Json;
import io.keyline.source.poll.FakeApi.Answer;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The wire formats of AWS's protocols, for the fake services: Query API forms and XML answers
 * ({@code <XResponse><XResult>...</XResult><ResponseMetadata>}), lists as {@code member} elements,
 * IAM policy documents URL-encoded as the IAM API returns them, and the error documents of the
 * Query and REST-XML protocols.
 */
public final class AwsWire {

    /** The fields whose JSON object value the IAM API returns as URL-encoded text. */
    private static final Set<String> POLICY_DOCUMENTS =
            Set.of("PolicyDocument", "AssumeRolePolicyDocument", "Document");

    /** Fields that are lists in the API even where an example shows a single object. */
    private static final Set<String> LISTS = Set.of("AttachedManagedPolicies");

    private AwsWire() {}

    /** The parameters of a form-encoded Query API request. */
    public static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(
                    URLDecoder.decode(k, StandardCharsets.UTF_8),
                    URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A Query API answer: {@code <ActionResponse><ActionResult>result</ActionResult>...}. */
    public static String queryAnswer(String action, String namespace, String result) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<"
                + action
                + "Response xmlns=\""
                + namespace
                + "\"><"
                + action
                + "Result>"
                + result
                + "</"
                + action
                + "Result><ResponseMetadata><RequestId>"
                + UUID.randomUUID()
                + "</RequestId></ResponseMetadata></"
                + action
                + "Response>";
    }

    /** A Query API error document. */
    public static String queryError(String namespace, String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\""
                + namespace
                + "\"><Error><Type>Sender</Type><Code>"
                + code
                + "</Code><Message>"
                + escape(message)
                + "</Message></Error><RequestId>"
                + UUID.randomUUID()
                + "</RequestId></ErrorResponse>";
    }

    /** An S3 (REST-XML) error document. */
    public static String s3Error(String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                + code
                + "</Code><Message>"
                + escape(message)
                + "</Message><RequestId>"
                + UUID.randomUUID().toString().substring(0, 16)
                + "</RequestId></Error>";
    }

    /** One element whose content is a JSON value as the Query protocol writes it. */
    public static String element(String name, JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(out, name, value);
        return out.toString();
    }

    /** An element with text. */
    public static String element(String name, String text) {
        return "<" + name + ">" + escape(text) + "</" + name + ">";
    }

    private static void write(StringBuilder out, String name, JsonNode value) {
        if (value == null || value.isNull()) {
            return;
        }
        out.append('<').append(name).append('>');
        if (POLICY_DOCUMENTS.contains(name) && value.isObject()) {
            out.append(escape(urlEncoded(value.toString())));
        } else if (value.isArray() || (LISTS.contains(name) && value.isObject())) {
            Iterable<JsonNode> members = value.isArray() ? value : java.util.List.of(value);
            for (JsonNode member : members) {
                write(out, "member", member);
            }
        } else if (value.isObject()) {
            value.fields().forEachRemaining(f -> write(out, f.getKey(), f.getValue()));
        } else {
            out.append(escape(value.asText()));
        }
        out.append("</").append(name).append('>');
    }

    /** URL-encoded as the IAM API encodes documents (RFC 3986: a space is {@code %20}). */
    public static String urlEncoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /** An error in the service's protocol. */
    static Answer error(String service, int status, String code, String message) {
        switch (service) {
            case "iam":
                return xml(
                        status,
                        AwsWire.queryError(
                                "https://iam.amazonaws.com/doc/2010-05-08/", code, message));
            case "sts":
                return xml(
                        status,
                        AwsWire.queryError(
                                "https://sts.amazonaws.com/doc/2011-06-15/", code, message));
            case "s3":
                return xml(status, AwsWire.s3Error(code, message));
            default:
                ObjectNode body =
                        Json.MAPPER.createObjectNode().put("__type", code).put("message", message);
                String type =
                        service.equals("sqs")
                                ? "application/x-amz-json-1.0"
                                : "application/x-amz-json-1.1";
                // JSON services answer client errors, refusals and throttling alike with 400.
                return new Answer(
                        status == 403 ? 400 : status,
                        Map.of("Content-Type", type, "x-amzn-ErrorType", code),
                        body.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    static Answer xml(int status, String body) {
        return new Answer(
                status, Map.of("Content-Type", "text/xml"), body.getBytes(StandardCharsets.UTF_8));
    }

    static Answer json(String contentType, JsonNode body) {
        return new Answer(
                200,
                Map.of("Content-Type", contentType),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
