package io.keyline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.Json;
import io.keyline.source.poll.FakeApi;
import io.keyline.source.poll.FakeApi.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A trail's bucket and its notification queue for the fake. S3 (REST-XML, path-style): {@code
 * ListObjectsV2} ({@code ListBucketResult} in key order, with {@code prefix}, {@code start-after},
 * {@code max-keys}, {@code continuation-token} and URL-encoded keys when asked) and {@code
 * GetObject}. SQS (JSON 1.0): {@code ReceiveMessage}, which hides what it hands out, with the MD5
 * of each body, and {@code DeleteMessageBatch}, whose receipt handles are recorded.
 */
public final class FakeTrail {

    /** The trail's bucket. */
    public static final String BUCKET = "keyline-test-trail";

    /** The account of the fixtures' CloudTrail records, whose files the bucket holds. */
    public static final String ACCOUNT = "444455556666";

    /**
     * One log file as CloudTrail delivers it: gzip of {@code {"Records":[...]}}.
     *
     * @param key its key in the bucket
     * @param fixture the fixture whose records it holds
     */
    public record Delivery(String key, String fixture, byte[] content, Instant lastModified) {}

    /**
     * The fixtures as the trail's files in us-east-1, by key: one of 2026-10-31, three of
     * 2026-11-01, and one delivered at 2026-11-01T23:58Z, which at midnight is too young to read.
     *
     * @param prefix the trail's key prefix, empty or ending with {@code /}
     */
    public static List<Delivery> deliveries(String prefix) {
        String folder = prefix + "AWSLogs/" + ACCOUNT + "/CloudTrail/us-east-1/";
        String[][] files = {
            {
                "2026/10/31",
                "20261031T2355Z_Kd3b",
                "attach-user-policy-from-instance-role.jsonl",
                "2026-10-31T23:57:00Z"
            },
            {
                "2026/11/01",
                "20261101T0005Z_Ab12",
                "assume-role-with-session-token.json",
                "2026-11-01T00:07:00Z"
            },
            {
                "2026/11/01",
                "20261101T0010Z_Cd34",
                "iam-changes-by-sso-person.jsonl",
                "2026-11-01T00:12:00Z"
            },
            {
                "2026/11/01",
                "20261101T2350Z_Ef56",
                "create-access-key.jsonl",
                "2026-11-01T23:52:00Z"
            },
            {
                "2026/11/01",
                "20261101T2355Z_Gh78",
                "github-actions-web-identity.jsonl",
                "2026-11-01T23:58:00Z"
            },
        };
        List<Delivery> out = new ArrayList<>();
        for (String[] f : files) {
            String key =
                    folder + f[0] + "/" + ACCOUNT + "_CloudTrail_us-east-1_" + f[1] + ".json.gz";
            out.add(new Delivery(key, f[2], gzip(records(f[2])), Instant.parse(f[3])));
        }
        return out;
    }

    /** Puts every delivery, and a digest file beside them, in the bucket. */
    public FakeTrail deliverAll(String prefix) {
        for (Delivery d : deliveries(prefix)) {
            put(d.key(), d.content(), d.lastModified());
        }
        put(
                prefix
                        + "AWSLogs/"
                        + ACCOUNT
                        + "/CloudTrail-Digest/us-east-1/2026/11/01/"
                        + ACCOUNT
                        + "_CloudTrail-Digest_us-east-1_trail_us-east-1_20261101T010000Z.json.gz",
                gzip("{\"digestStartTime\":\"2026-11-01T00:00:00Z\"}"),
                Instant.parse("2026-11-01T01:05:00Z"));
        return this;
    }

    /** A fixture's records as a delivery file's JSON: a document as is, JSON lines in Records. */
    private static String records(String fixture) {
        String text = FakeIam.text("/fixtures/aws/cloudtrail/" + fixture).strip();
        if (!fixture.endsWith(".jsonl")) {
            return text;
        }
        return "{\"Records\":[" + String.join(",", text.split("\\R+")) + "]}";
    }

    private static byte[] gzip(String text) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private record StoredObject(byte[] content, Instant lastModified) {}

    private record Message(String id, String body, String receipt) {}

    private final FakeApi api;
    private final java.util.function.Function<FakeApi.Request, Answer> signed;
    private final NavigableMap<String, StoredObject> objects = new ConcurrentSkipListMap<>();
    private final List<Message> queue = new CopyOnWriteArrayList<>();
    private final List<Message> inFlight = new CopyOnWriteArrayList<>();
    private final List<String> deleted = new CopyOnWriteArrayList<>();

    /**
     * @param signed where requests go: the fake's signature check, which hands S3's back here
     */
    FakeTrail(FakeApi api, java.util.function.Function<FakeApi.Request, Answer> signed) {
        this.api = api;
        this.signed = signed;
    }

    /** Puts an object in the bucket. */
    public FakeTrail put(String key, byte[] content, Instant lastModified) {
        objects.put(key, new StoredObject(content, lastModified));
        // Path-style requests: the bucket, and each object under it.
        api.route("/" + BUCKET, signed);
        api.route("/" + BUCKET + "/", signed);
        api.route("/" + BUCKET + "/" + key, signed);
        return this;
    }

    /** Adds a message to the queue. */
    public FakeTrail send(String body) {
        queue.add(new Message(UUID.randomUUID().toString(), body, "receipt-" + UUID.randomUUID()));
        return this;
    }

    /** The queue's URL on the fake's endpoint. */
    public String queueUrl() {
        return api.url() + "/" + FakeAws.CALLER_ACCOUNT + "/keyline-trail-notifications";
    }

    /** The receipt handles deleted so far, in order. */
    public List<String> deleted() {
        return List.copyOf(deleted);
    }

    /** The receipt handles handed out and not deleted. */
    public List<String> inFlight() {
        return inFlight.stream().map(Message::receipt).toList();
    }

    /** An S3 event notification of a new object, as S3 sends it to a queue. */
    public static String notification(String key) {
        return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\","
                + "\"awsRegion\":\"us-east-1\",\"eventName\":\"ObjectCreated:Put\","
                + "\"s3\":{\"s3SchemaVersion\":\"1.0\",\"bucket\":{\"name\":\""
                + BUCKET
                + "\",\"arn\":\"arn:aws:s3:::"
                + BUCKET
                + "\"},\"object\":{\"key\":\""
                + URLEncoder.encode(key, StandardCharsets.UTF_8)
                + "\",\"size\":1024}}}]}";
    }

    Answer s3(FakeApi.Request r, Map<String, String> params) {
        String path = r.path();
        if (params.get("Action").equals("ListBucket")) {
            return list(params);
        }
        String key = path.substring(BUCKET.length() + 2);
        StoredObject o = objects.get(key);
        if (o == null) {
            return AwsWire.error("s3", 404, "NoSuchKey", "The specified key does not exist.");
        }
        return new Answer(
                200,
                Map.of(
                        "Content-Type",
                        "application/octet-stream",
                        "Last-Modified",
                        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                o.lastModified().atZone(java.time.ZoneOffset.UTC))),
                o.content());
    }

    private Answer list(Map<String, String> params) {
        String prefix = params.getOrDefault("prefix", "");
        String after = params.getOrDefault("start-after", "");
        if (params.containsKey("continuation-token")) {
            after =
                    new String(
                            Base64.getDecoder().decode(params.get("continuation-token")),
                            StandardCharsets.UTF_8);
        }
        int max = Integer.parseInt(params.getOrDefault("max-keys", "1000"));
        boolean encode = "url".equals(params.get("encoding-type"));
        List<String> keys = new ArrayList<>();
        for (String key : objects.tailMap(after, false).keySet()) {
            if (key.startsWith(prefix)) {
                keys.add(key);
            }
        }
        List<String> page = keys.subList(0, Math.min(max, keys.size()));
        StringBuilder xml =
                new StringBuilder(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        xml.append(AwsWire.element("Name", BUCKET))
                .append(AwsWire.element("Prefix", encoded(prefix, encode)))
                .append(AwsWire.element("KeyCount", Integer.toString(page.size())))
                .append(AwsWire.element("MaxKeys", Integer.toString(max)));
        if (encode) {
            xml.append(AwsWire.element("EncodingType", "url"));
        }
        if (params.containsKey("start-after")) {
            xml.append(AwsWire.element("StartAfter", encoded(params.get("start-after"), encode)));
        }
        if (params.containsKey("continuation-token")) {
            xml.append(AwsWire.element("ContinuationToken", params.get("continuation-token")));
        }
        boolean truncated = page.size() < keys.size();
        xml.append(AwsWire.element("IsTruncated", Boolean.toString(truncated)));
        if (truncated) {
            xml.append(
                    AwsWire.element(
                            "NextContinuationToken",
                            Base64.getEncoder()
                                    .encodeToString(
                                            page.get(page.size() - 1)
                                                    .getBytes(StandardCharsets.UTF_8))));
        }
        for (String key : page) {
            StoredObject o = objects.get(key);
            xml.append("<Contents>")
                    .append(AwsWire.element("Key", encoded(key, encode)))
                    .append(AwsWire.element("LastModified", o.lastModified().toString()))
                    .append(AwsWire.element("ETag", "\"" + md5(o.content()) + "\""))
                    .append(AwsWire.element("Size", Integer.toString(o.content().length)))
                    .append(AwsWire.element("StorageClass", "STANDARD"))
                    .append("</Contents>");
        }
        return AwsWire.xml(200, xml.append("</ListBucketResult>").toString());
    }

    private static String encoded(String text, boolean encode) {
        return encode ? URLEncoder.encode(text, StandardCharsets.UTF_8) : text;
    }

    Answer sqs(Map<String, String> params) {
        JsonNode request = FakeIam.json(params.get("Body"));
        String action = params.get("Action");
        if (!request.path("QueueUrl").asText().equals(queueUrl())) {
            return AwsWire.error(
                    "sqs", 400, "QueueDoesNotExist", "The specified queue does not exist.");
        }
        ObjectNode answer = Json.MAPPER.createObjectNode();
        if (action.equals("ReceiveMessage")) {
            int max = request.path("MaxNumberOfMessages").asInt(1);
            ArrayNode messages = answer.putArray("Messages");
            for (Message m : List.copyOf(queue)) {
                if (messages.size() == max) {
                    break;
                }
                queue.remove(m);
                inFlight.add(m);
                messages.addObject()
                        .put("MessageId", m.id())
                        .put("ReceiptHandle", m.receipt())
                        .put("MD5OfBody", md5(m.body().getBytes(StandardCharsets.UTF_8)))
                        .put("Body", m.body());
            }
            return AwsWire.json("application/x-amz-json-1.0", answer);
        }
        if (action.equals("DeleteMessageBatch")) {
            ArrayNode ok = answer.putArray("Successful");
            answer.putArray("Failed");
            for (JsonNode entry : request.path("Entries")) {
                String receipt = entry.path("ReceiptHandle").asText();
                inFlight.removeIf(m -> m.receipt().equals(receipt));
                deleted.add(receipt);
                ok.addObject().put("Id", entry.path("Id").asText());
            }
            return AwsWire.json("application/x-amz-json-1.0", answer);
        }
        return AwsWire.error("sqs", 400, "InvalidAction", "No action " + action);
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
