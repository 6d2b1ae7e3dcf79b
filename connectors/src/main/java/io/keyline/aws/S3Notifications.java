package io.keyline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The S3 objects a queue message announces: an S3 event notification ({@code
 * {"Records":[{"s3":{"bucket":{"name":..},"object":{"key":..}}}]}}, keys URL-encoded), the same
 * inside an SNS envelope ({@code {"Type":"Notification","Message":"..."}}), CloudTrail's own SNS
 * notification ({@code {"s3Bucket":..,"s3ObjectKey":[..]}}), or an EventBridge {@code Object
 * Created} event. Anything else, S3's test event among them, announces nothing.
 */
final class S3Notifications {

    /** One object: its bucket and key. */
    record ObjectRef(String bucket, String key) {}

    private S3Notifications() {}

    static List<ObjectRef> objects(String body) {
        List<ObjectRef> out = new ArrayList<>();
        if (body == null || body.isBlank()) {
            return out;
        }
        JsonNode root;
        try {
            root = Json.read(body.getBytes(StandardCharsets.UTF_8));
        } catch (MalformedRecordException e) {
            return out;
        }
        read(root, out, 0);
        return out;
    }

    private static void read(JsonNode root, List<ObjectRef> out, int depth) {
        if (!root.isObject()) {
            return;
        }
        JsonNode message = root.get("Message");
        if ("Notification".equals(Json.text(root, "Type"))
                && message != null
                && message.isTextual()
                && depth == 0) {
            try {
                read(Json.read(message.asText().getBytes(StandardCharsets.UTF_8)), out, 1);
            } catch (MalformedRecordException e) {
                // An SNS message that is not JSON announces no object.
            }
            return;
        }
        JsonNode records = root.get("Records");
        if (records != null && records.isArray()) {
            for (JsonNode record : records) {
                JsonNode s3 = record.path("s3");
                String bucket = Json.text(s3.path("bucket"), "name");
                String key = Json.text(s3.path("object"), "key");
                if (bucket != null && key != null) {
                    // S3 event notifications encode keys as HTML forms do (a space is '+').
                    out.add(new ObjectRef(bucket, URLDecoder.decode(key, StandardCharsets.UTF_8)));
                }
            }
            return;
        }
        String trailBucket = Json.text(root, "s3Bucket");
        JsonNode trailKeys = root.get("s3ObjectKey");
        if (trailBucket != null && trailKeys != null && trailKeys.isArray()) {
            for (JsonNode key : trailKeys) {
                if (key.isTextual()) {
                    out.add(new ObjectRef(trailBucket, key.asText()));
                }
            }
            return;
        }
        JsonNode detail = root.get("detail");
        if ("Object Created".equals(Json.text(root, "detail-type")) && detail != null) {
            String bucket = Json.text(detail.path("bucket"), "name");
            String key = Json.text(detail.path("object"), "key");
            if (bucket != null && key != null) {
                out.add(new ObjectRef(bucket, key));
            }
        }
    }
}
