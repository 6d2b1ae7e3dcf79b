package io.keyline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * What the AWS SDK returned, as the AWS CLI prints it: the keys are the API model's member names
 * ({@code UserDetailList}, {@code AccessKeyId}), times are ISO-8601, fields the answer did not
 * carry are left out, and IAM policy documents, which the API returns URL-encoded, are JSON
 * objects. The listing parsers read this shape as they read the CLI's own output.
 */
final class SdkJson {

    /** The members that hold an IAM policy document. */
    private static final Set<String> POLICY_DOCUMENTS =
            Set.of("PolicyDocument", "AssumeRolePolicyDocument", "Document");

    private static final JsonNodeFactory NODES = Json.MAPPER.getNodeFactory();

    private SdkJson() {}

    /** An SDK model object as a JSON object. */
    static ObjectNode object(SdkPojo pojo) {
        ObjectNode out = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            JsonNode node =
                    POLICY_DOCUMENTS.contains(field.memberName()) && value instanceof String text
                            ? policyDocument(text)
                            : value(value);
            if (node != null) {
                out.set(field.memberName(), node);
            }
        }
        return out;
    }

    /** The SDK model objects of a list as a JSON array. */
    static ArrayNode array(List<? extends SdkPojo> pojos) {
        ArrayNode out = NODES.arrayNode();
        pojos.forEach(p -> out.add(object(p)));
        return out;
    }

    private static JsonNode value(Object value) {
        if (value == null
                || value instanceof SdkAutoConstructList
                || value instanceof SdkAutoConstructMap) {
            // Absent from the answer: the CLI does not print it either.
            return null;
        }
        if (value instanceof SdkPojo pojo) {
            return object(pojo);
        }
        if (value instanceof List<?> list) {
            ArrayNode out = NODES.arrayNode();
            for (Object element : list) {
                JsonNode node = value(element);
                out.add(node == null ? NODES.nullNode() : node);
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode out = NODES.objectNode();
            map.forEach(
                    (k, v) -> {
                        JsonNode node = value(v);
                        out.set(String.valueOf(k), node == null ? NODES.nullNode() : node);
                    });
            return out;
        }
        if (value instanceof Instant instant) {
            return NODES.textNode(instant.toString());
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Float f) {
            return NODES.numberNode(f);
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (value instanceof SdkBytes bytes) {
            return NODES.binaryNode(bytes.asByteArray());
        }
        return NODES.textNode(String.valueOf(value));
    }

    /**
     * A policy document as a JSON object, as the CLI prints it; the text as it came when it is not
     * URL-encoded JSON, so that the parser rejects that entry with its reason.
     */
    private static JsonNode policyDocument(String text) {
        String json = text.trim();
        try {
            if (json.startsWith("%")) {
                json = URLDecoder.decode(json, StandardCharsets.UTF_8);
            }
            JsonNode document = Json.read(json.getBytes(StandardCharsets.UTF_8));
            return document.isObject() ? document : NODES.textNode(text);
        } catch (IllegalArgumentException | MalformedRecordException e) {
            return NODES.textNode(text);
        }
    }
}
