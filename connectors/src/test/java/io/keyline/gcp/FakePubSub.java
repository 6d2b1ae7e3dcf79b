package io.keyline.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import com.google.protobuf.Timestamp;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.ModifyAckDeadlineRequest;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.SubscriberGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.keyline.format.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Pub/Sub's Subscriber service as the collector's client sees it, over real gRPC with the real
 * protobuf messages: in the test's own process, or on a loopback port. A subscription keeps each
 * message until it is acknowledged; a pull hands out the messages whose deadline has passed, each
 * time under a new ack id that holds it for the subscription's ack deadline; {@code
 * ModifyAckDeadline} moves the deadline of a message still held (0 gives it back). Subscriptions
 * can refuse every call, or fail a number of pulls, with a gRPC status; the service may require an
 * access token.
 */
public final class FakePubSub extends SubscriberGrpc.SubscriberImplBase implements AutoCloseable {

    /** One call as the service saw it. */
    public record Call(String method, String subscription, List<String> ackIds, int seconds) {}

    private static final class Message {
        final String id;
        final ByteString data;
        final Timestamp published;
        String ackId;
        long deadline;
        boolean acked;
        int deliveries;

        Message(String id, ByteString data, Timestamp published) {
            this.id = id;
            this.data = data;
            this.published = published;
        }
    }

    private static final class Subscription {
        final Duration deadline;
        final List<Message> messages = new ArrayList<>();
        final Deque<Status> failures = new ArrayDeque<>();
        Status refusal;

        Subscription(Duration deadline) {
            this.deadline = deadline;
        }
    }

    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private volatile String token;
    private Server server;
    private ManagedChannel channel;
    private int published;

    /** Adds a subscription whose messages are held for {@code deadline} by each delivery. */
    public synchronized FakePubSub subscription(String name, Duration deadline) {
        subscriptions.put(name, new Subscription(deadline));
        return this;
    }

    /** Publishes a message to a subscription; its publish time is 2026-11-01 plus its number. */
    public synchronized FakePubSub publish(String subscription, byte[] data) {
        published++;
        subscriptions
                .get(subscription)
                .messages
                .add(
                        new Message(
                                String.valueOf(published),
                                ByteString.copyFrom(data),
                                Timestamp.newBuilder()
                                        .setSeconds(1_793_491_200L + published)
                                        .build()));
        return this;
    }

    /** Every call on the subscription fails with {@code status}. */
    public synchronized FakePubSub refuse(String subscription, Status status) {
        subscriptions.get(subscription).refusal = status;
        return this;
    }

    /** The next {@code times} pulls of the subscription fail with {@code status}. */
    public synchronized FakePubSub failPulls(String subscription, Status status, int times) {
        for (int i = 0; i < times; i++) {
            subscriptions.get(subscription).failures.add(status);
        }
        return this;
    }

    /** From now on, every call must carry {@code Authorization: Bearer <accessToken>}. */
    public FakePubSub requireToken(String accessToken) {
        this.token = accessToken;
        return this;
    }

    /** Serves the subscriptions in this process; {@link #channel()} reaches them. */
    public FakePubSub startInProcess() throws IOException {
        String name = "fake-pubsub-" + UUID.randomUUID();
        server =
                InProcessServerBuilder.forName(name)
                        .addService(ServerInterceptors.intercept(this, new Authorization()))
                        .build()
                        .start();
        channel = InProcessChannelBuilder.forName(name).build();
        return this;
    }

    /** Serves the subscriptions on a loopback port; {@link #endpoint()} names it. */
    public FakePubSub startOnLoopback() throws IOException {
        server =
                NettyServerBuilder.forAddress(
                                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                        .addService(ServerInterceptors.intercept(this, new Authorization()))
                        .build()
                        .start();
        return this;
    }

    /** Refuses calls without the required token, as Pub/Sub refuses them: UNAUTHENTICATED. */
    private final class Authorization implements ServerInterceptor {
        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
            String required = token;
            String sent =
                    headers.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER));
            if (required != null && !("Bearer " + required).equals(sent)) {
                synchronized (FakePubSub.this) {
                    calls.add(new Call("Unauthenticated", null, List.of(), 0));
                }
                call.close(
                        Status.UNAUTHENTICATED.withDescription(
                                "Request had invalid authentication credentials."),
                        new Metadata());
                return new ServerCall.Listener<>() {};
            }
            return next.startCall(call, headers);
        }
    }

    public ManagedChannel channel() {
        return channel;
    }

    /** The plain-text endpoint of a loopback server, as the collector's setting takes it. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getPort();
    }

    @Override
    public synchronized void pull(PullRequest request, StreamObserver<PullResponse> response) {
        calls.add(new Call("Pull", request.getSubscription(), List.of(), 0));
        Subscription s = subscriptions.get(request.getSubscription());
        Status failure = failure(s, true);
        if (failure != null) {
            response.onError(failure.asRuntimeException());
            return;
        }
        long now = System.nanoTime();
        PullResponse.Builder out = PullResponse.newBuilder();
        for (Message m : s.messages) {
            if (out.getReceivedMessagesCount() == request.getMaxMessages()) {
                break;
            }
            if (!m.acked && (m.ackId == null || m.deadline - now <= 0)) {
                m.deliveries++;
                m.ackId = "ack-" + m.id + "-" + m.deliveries + "-" + UUID.randomUUID();
                m.deadline = now + s.deadline.toNanos();
                out.addReceivedMessages(
                        ReceivedMessage.newBuilder()
                                .setAckId(m.ackId)
                                .setDeliveryAttempt(m.deliveries)
                                .setMessage(
                                        PubsubMessage.newBuilder()
                                                .setMessageId(m.id)
                                                .setData(m.data)
                                                .setPublishTime(m.published)));
            }
        }
        response.onNext(out.build());
        response.onCompleted();
    }

    @Override
    public synchronized void acknowledge(
            AcknowledgeRequest request, StreamObserver<Empty> response) {
        calls.add(new Call("Acknowledge", request.getSubscription(), request.getAckIdsList(), 0));
        Subscription s = subscriptions.get(request.getSubscription());
        Status failure = failure(s, false);
        if (failure != null) {
            response.onError(failure.asRuntimeException());
            return;
        }
        for (Message m : s.messages) {
            // An ack id of an earlier delivery no longer counts, as in Pub/Sub.
            if (m.ackId != null && request.getAckIdsList().contains(m.ackId)) {
                m.acked = true;
            }
        }
        response.onNext(Empty.getDefaultInstance());
        response.onCompleted();
    }

    @Override
    public synchronized void modifyAckDeadline(
            ModifyAckDeadlineRequest request, StreamObserver<Empty> response) {
        calls.add(
                new Call(
                        "ModifyAckDeadline",
                        request.getSubscription(),
                        request.getAckIdsList(),
                        request.getAckDeadlineSeconds()));
        Subscription s = subscriptions.get(request.getSubscription());
        Status failure = failure(s, false);
        if (failure != null) {
            response.onError(failure.asRuntimeException());
            return;
        }
        long now = System.nanoTime();
        for (Message m : s.messages) {
            if (!m.acked && m.ackId != null && request.getAckIdsList().contains(m.ackId)) {
                m.deadline = now + TimeUnit.SECONDS.toNanos(request.getAckDeadlineSeconds());
            }
        }
        response.onNext(Empty.getDefaultInstance());
        response.onCompleted();
    }

    private static Status failure(Subscription s, boolean pull) {
        if (s == null) {
            return Status.NOT_FOUND.withDescription("Resource not found (resource=subscription).");
        }
        if (s.refusal != null) {
            return s.refusal;
        }
        return pull ? s.failures.poll() : null;
    }

    /** The calls made so far, of one method. */
    public synchronized List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** The ids of the messages acknowledged, in the order they were published. */
    public synchronized List<String> acknowledged(String subscription) {
        return subscriptions.get(subscription).messages.stream()
                .filter(m -> m.acked)
                .map(m -> m.id)
                .toList();
    }

    /** How many messages a pull would hand out now: unacknowledged, and not held. */
    public synchronized int available(String subscription) {
        long now = System.nanoTime();
        return (int)
                subscriptions.get(subscription).messages.stream()
                        .filter(m -> !m.acked && (m.ackId == null || m.deadline - now <= 0))
                        .count();
    }

    /** How many times each message was delivered, in the order they were published. */
    public synchronized List<Integer> deliveries(String subscription) {
        return subscriptions.get(subscription).messages.stream().map(m -> m.deliveries).toList();
    }

    /**
     * The Cloud Audit Logs entries of the fixtures, one compact JSON document each, as a log sink
     * publishes them: the JSON lines, and the elements of {@code gcloud logging read}'s array and
     * of an {@code entries.list} response; the Logs Explorer's download is kept pretty-printed.
     */
    public static List<byte[]> auditEntries() {
        List<byte[]> out = new ArrayList<>();
        for (String file :
                List.of("service-account-admin.jsonl", "workload-identity-federation.jsonl")) {
            for (String line : text(file).split("\n")) {
                if (!line.isBlank()) {
                    out.add(compact(line));
                }
            }
        }
        out.add(resource("create-service-account-key.json"));
        for (JsonNode entry : tree("gcloud-logging-read.json")) {
            out.add(entry.toString().getBytes(StandardCharsets.UTF_8));
        }
        for (JsonNode entry : tree("logging-api-entries-list.json").get("entries")) {
            out.add(entry.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The fixture files the audit entries come from, by name. */
    public static Map<String, byte[]> auditFiles() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String file :
                List.of(
                        "service-account-admin.jsonl",
                        "workload-identity-federation.jsonl",
                        "create-service-account-key.json",
                        "gcloud-logging-read.json",
                        "logging-api-entries-list.json")) {
            files.put(file, resource(file));
        }
        return files;
    }

    private static byte[] compact(String json) {
        try {
            return Json.MAPPER.readTree(json).toString().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(String file) {
        try {
            return Json.MAPPER.readTree(resource(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(String file) {
        return new String(resource(file), StandardCharsets.UTF_8);
    }

    private static byte[] resource(String file) {
        String path = "/fixtures/gcp/audit/" + file;
        try (InputStream in = FakePubSub.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
