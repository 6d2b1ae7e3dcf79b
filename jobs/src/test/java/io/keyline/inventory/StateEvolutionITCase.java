package io.keyline.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.fingerprint.Fingerprinter;
import io.keyline.model.Attributes;
import io.keyline.model.CredentialTypes;
import io.keyline.sink.Catalogs;
import io.keyline.sink.KeylineTables;
import io.keyline.testing.MiniClusters;
import io.keyline.testing.Tables;
import io.keyline.testing.TrailEvents;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.OperatorTransformation;
import org.apache.flink.state.api.SavepointWriter;
import org.apache.flink.state.api.StateBootstrapTransformation;
import org.apache.flink.state.api.functions.KeyedStateBootstrapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * State evolution of the credential stage: a savepoint written before a field was added to {@link
 * CredentialState} restores into the current job, on either state backend, and the job goes on from
 * what it held.
 *
 * <p>The older build is simulated without a binary fixture: a {@link PojoSerializer} over every
 * field of the state but {@link #ADDED_FIELD} writes the state exactly as a build lacking that
 * field would have. The State Processor API writes a real savepoint of the credential stage with
 * it, holding facts the later input does not carry (creator, creation time, a deactivation); the
 * real job then resumes from it in a continuous run, reads one use of the key, and the {@code
 * credentials} row must show the restored facts, the new use, and the added field starting from its
 * default. A state type that fell back to Kryo, or lost its field-by-field evolution, fails here.
 */
class StateEvolutionITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2);

    private static final int PARALLELISM = 2;

    /** The job sets no max parallelism, so Flink's default for a parallelism of 2 holds: 128. */
    private static final int MAX_PARALLELISM = 128;

    /**
     * The uid of the keyed credential stage in {@link InventoryJob}, whose state this is. Keyed
     * state under the uid of the stateless filter before it ({@code credential-events}) is taken
     * without a word and ignored, so only the restored facts in the table tell the two apart.
     */
    private static final String CREDENTIAL_STAGE = "credential-lineage";

    /** The top-level field of {@link CredentialState} that the older build did not have. */
    private static final String ADDED_FIELD = "consumersSeen";

    private static final String KEY_ID = "AKIAQX7EXAMPLEOLD001";
    private static final String CREDENTIAL = "aws:access-key:" + KEY_ID;
    private static final String ACCOUNT = "111122223333";
    private static final String USER = "arn:aws:iam::" + ACCOUNT + ":user/svc-legacy";
    private static final String CREATOR = "ana.silva@example.com";
    private static final Instant CREATED = Instant.parse("2026-01-05T09:00:00Z");
    private static final Instant DEACTIVATED = Instant.parse("2026-03-01T00:00:00Z");

    /** A use before the deactivation, delivered after it: it must not make the key active. */
    private static final Instant USED = Instant.parse("2026-02-10T12:00:00Z");

    @TempDir Path dir;

    @Test
    void theOlderShapeIsReadWithoutTheAddedFieldAndMigratesToTheCurrentOne() throws Exception {
        TypeSerializer<CredentialState> current =
                Types.POJO(CredentialState.class).createSerializer(new SerializerConfigImpl());
        // The snapshot as a restore reads it back from a savepoint's metadata.
        TypeSerializerSnapshot<CredentialState> older =
                roundTrip(olderShape().snapshotConfiguration());

        // The current state is still a POJO, so it can evolve field by field.
        assertThat(current).isInstanceOf(PojoSerializer.class);
        TypeSerializerSchemaCompatibility<CredentialState> compatibility =
                current.snapshotConfiguration().resolveSchemaCompatibility(older);
        assertThat(compatibility.isCompatibleAfterMigration())
                .as("compatibility of the older shape with the current one: %s", compatibility)
                .isTrue();

        // What the older build wrote has every field but the added one, which reads as its default.
        CredentialState state = olderFacts(CREDENTIAL);
        // Whatever the object holds there, the older shape does not write it.
        state.consumersSeen = 7;
        DataOutputSerializer bytes = new DataOutputSerializer(512);
        olderShape().serialize(state, bytes);
        CredentialState read =
                older.restoreSerializer()
                        .deserialize(new DataInputDeserializer(bytes.getCopyOfBuffer()));
        assertThat(read.consumersSeen).isZero();
        assertThat(read.statusTime).isEqualTo(DEACTIVATED.toEpochMilli());
        assertThat(read.creationSeen).isTrue();
        assertThat(read.record.createdBy).isEqualTo(CREATOR);
        assertThat(read.record.status).isEqualTo(Attributes.INACTIVE);
    }

    @ParameterizedTest
    @EnumSource(InventoryRunner.StateBackend.class)
    void aSavepointOfTheOlderShapeRestoresIntoTheCurrentJob(InventoryRunner.StateBackend backend)
            throws Exception {
        Path input = Files.createDirectories(dir.resolve("input").resolve("cloudtrail"));
        Path data = Files.createDirectories(dir.resolve("data"));
        CatalogLoader catalog = Catalogs.embedded(data);

        // The older build's savepoint: one credential, created, then deactivated.
        String savepoint = writeOlderSavepoint(backend, dir.resolve("older-savepoint"));

        // The current build resumes from it, watching its input folder.
        JobClient job = InventoryRunner.start(options(input, data, catalog, backend, savepoint));
        try {
            // A late delivery of a call the key signed before it was deactivated.
            Files.writeString(
                    input.resolve(".use.jsonl.tmp"),
                    TrailEvents.call(
                            USED.toString(),
                            "GetCallerIdentity",
                            TrailEvents.userKey(KEY_ID, "svc-legacy"),
                            "null",
                            "null"));
            Files.move(input.resolve(".use.jsonl.tmp"), input.resolve("use.jsonl"));

            Record key = awaitCredential(catalog, job);

            // What only the savepoint knew: the creation, and a deactivation newer than the use.
            assertThat(key.getField("created_by")).isEqualTo(CREATOR);
            assertThat(instant(key, "created_at")).isEqualTo(CREATED);
            assertThat(instant(key, "first_seen_at")).isEqualTo(CREATED);
            assertThat(key.getField("status")).isEqualTo(Attributes.INACTIVE);
            // What the new input added.
            assertThat(instant(key, "last_used_at")).isEqualTo(USED);
            assertThat(key.getField("last_used_action")).isEqualTo("sts:GetCallerIdentity");
            assertThat(key.getField("last_used_source_ip")).isEqualTo("198.51.100.7");
            assertThat(key.getField("identity_id")).isEqualTo(USER);
            // The added field started from zero and counted the one consumer of the new input.
            assertThat(key.getField("consumer_count")).isEqualTo(1);
        } finally {
            // A failed job is over already; cancelling it would hide its failure.
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get();
            }
        }
    }

    /**
     * Polls the {@code credentials} table for the restored credential's row; a job that failed, as
     * one whose state cannot be restored does, fails the test with its cause at once.
     */
    private static Record awaitCredential(CatalogLoader catalog, JobClient job) throws Exception {
        long deadline = System.nanoTime() + Tables.PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            for (Record r : Tables.rows(catalog, KeylineTables.CREDENTIALS)) {
                if (CREDENTIAL.equals(r.getField("credential_id"))) {
                    return r;
                }
            }
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                // Throws the job's failure.
                job.getJobExecutionResult().get();
                throw new AssertionError("The job ended before writing " + CREDENTIAL);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("No row of " + CREDENTIAL + " after " + Tables.PATIENCE);
    }

    /** A continuous run, the only kind that resumes from a savepoint. */
    private static InventoryRunner.Options options(
            Path input,
            Path data,
            CatalogLoader catalog,
            InventoryRunner.StateBackend backend,
            String savepoint)
            throws Exception {
        return new InventoryRunner.Options(
                        input.getParent(),
                        catalog,
                        InventorySettings.builder()
                                .bounded(false)
                                .idleness(Duration.ofSeconds(1))
                                .fingerprinter(Fingerprinter.fromFile(MiniClusters.pepper(data)))
                                .build(),
                        PARALLELISM,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        data.resolve("checkpoints"),
                        null,
                        null,
                        backend,
                        null)
                .resumedFrom(savepoint);
    }

    /** Writes the credential stage's state as the older build held it; returns the savepoint. */
    private static String writeOlderSavepoint(InventoryRunner.StateBackend backend, Path path)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        StateBootstrapTransformation<String> credentials =
                OperatorTransformation.bootstrapWith(env.fromData(CREDENTIAL))
                        .keyBy(id -> id, Types.STRING)
                        .transform(new OlderCredentialStage());
        StateBackend stateBackend =
                backend == InventoryRunner.StateBackend.ROCKSDB
                        ? new EmbeddedRocksDBStateBackend()
                        : new HashMapStateBackend();
        String uri = path.toUri().toString();
        SavepointWriter.newSavepoint(env, stateBackend, MAX_PARALLELISM)
                .withOperator(OperatorIdentifier.forUid(CREDENTIAL_STAGE), credentials)
                .write(uri);
        env.execute("older savepoint");
        return uri;
    }

    /** The credential stage of the older build: its state, under its name, in its shape. */
    private static final class OlderCredentialStage
            extends KeyedStateBootstrapFunction<String, String> {

        private static final long serialVersionUID = 1L;

        private transient ValueState<CredentialState> state;

        @Override
        public void open(OpenContext context) {
            state =
                    getRuntimeContext()
                            .getState(new ValueStateDescriptor<>("credential", olderShape()));
        }

        @Override
        public void processElement(String credentialId, Context ctx) throws Exception {
            state.update(olderFacts(credentialId));
        }
    }

    /** A credential the older build saw created and then deactivated, already flushed. */
    private static CredentialState olderFacts(String credentialId) {
        CredentialState s = new CredentialState();
        CredentialRecord r = s.record;
        r.credentialId = credentialId;
        r.credentialType = CredentialTypes.AWS_ACCESS_KEY;
        r.system = "aws";
        r.account = ACCOUNT;
        r.identityId = USER;
        r.createdAt = CREATED.toEpochMilli();
        r.createdBy = CREATOR;
        r.firstSeenAt = CREATED.toEpochMilli();
        r.status = Attributes.INACTIVE;
        r.statusAt = DEACTIVATED.toEpochMilli();
        r.updatedAt = DEACTIVATED.toEpochMilli();
        s.statusTime = DEACTIVATED.toEpochMilli();
        s.creationSeen = true;
        s.dirty = false;
        return s;
    }

    /**
     * The serializer of a build whose {@link CredentialState} lacked {@link #ADDED_FIELD}: the POJO
     * serializer Flink derives for the class, over the other fields only.
     */
    private static PojoSerializer<CredentialState> olderShape() {
        SerializerConfig config = new SerializerConfigImpl();
        PojoTypeInfo<CredentialState> pojo =
                (PojoTypeInfo<CredentialState>) Types.POJO(CredentialState.class);
        List<Field> fields = new ArrayList<>();
        List<TypeSerializer<?>> serializers = new ArrayList<>();
        for (int i = 0; i < pojo.getArity(); i++) {
            PojoField field = pojo.getPojoFieldAt(i);
            if (!field.getField().getName().equals(ADDED_FIELD)) {
                fields.add(field.getField());
                serializers.add(field.getTypeInformation().createSerializer(config));
            }
        }
        assertThat(fields).as("fields of the older shape").hasSize(pojo.getArity() - 1);
        return new PojoSerializer<>(
                CredentialState.class,
                serializers.toArray(new TypeSerializer<?>[0]),
                fields.toArray(new Field[0]),
                config);
    }

    /** Writes a serializer snapshot as a savepoint's metadata holds it and reads it back. */
    private static <T> TypeSerializerSnapshot<T> roundTrip(TypeSerializerSnapshot<T> snapshot)
            throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()),
                StateEvolutionITCase.class.getClassLoader());
    }

    private static Instant instant(Record row, String column) {
        return ((OffsetDateTime) row.getField(column)).toInstant();
    }
}
