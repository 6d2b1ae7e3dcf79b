package io.keyline.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.RawRecord;
import io.keyline.sink.Catalogs;
import io.keyline.sink.IcebergSinks;
import io.keyline.sink.KeylineTables;
import io.keyline.source.FileInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.CatalogLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No record and no key of the inventory job falls back to Kryo: every type that crosses an operator
 * boundary or keys state has a serializer of its own (Kryo is slow, and a record type that changes
 * shape breaks savepoints silently with it). Iceberg's own writer-to-committer results are the one
 * exception, and Keyline does not choose them.
 */
class NoKryoTest {

    @TempDir Path dir;

    @Test
    void everyRecordAndKeyOfTheJobHasASerializerOfItsOwn() throws Exception {
        CatalogLoader catalog = Catalogs.embedded(Files.createDirectories(dir.resolve("data")));
        Catalog c = catalog.loadCatalog();
        KeylineTables.createMissing(c);
        if (c instanceof AutoCloseable closeable) {
            closeable.close();
        }
        for (boolean bounded : new boolean[] {true, false}) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            DataStream<RawRecord> raw =
                    env.fromSource(
                            FileInput.source(
                                    new org.apache.flink.core.fs.Path(dir.toUri()),
                                    null,
                                    FileInput.DEFAULT_MAX_RECORD_BYTES,
                                    FileInput.DEFAULT_MAX_DOCUMENT_BYTES),
                            WatermarkStrategy.noWatermarks(),
                            "input files");
            InventorySettings settings =
                    InventorySettings.builder()
                            .bounded(bounded)
                            .fingerprinter(Fingerprinter.fromEnvironment())
                            .build();
            IcebergSinks.attach(InventoryJob.build(raw, settings), catalog, 1);
            StreamGraph graph = env.getStreamGraph();

            List<String> kryo = new ArrayList<>();
            List<String> iceberg = new ArrayList<>();
            for (StreamNode node : graph.getStreamNodes()) {
                List<TypeSerializer<?>> serializers = new ArrayList<>();
                serializers.addAll(List.of(node.getTypeSerializersIn()));
                serializers.add(node.getTypeSerializerOut());
                serializers.add(node.getStateKeySerializer());
                for (TypeSerializer<?> s : serializers) {
                    if (s instanceof KryoSerializer<?> k) {
                        String type = typeOf(k);
                        (type.startsWith("org.apache.iceberg.") ? iceberg : kryo)
                                .add(node.getOperatorName() + ": " + type);
                    }
                }
            }
            assertThat(kryo).as("bounded=" + bounded).isEmpty();
            // The check sees Kryo where it is: Iceberg's own results, writer to committer.
            assertThat(iceberg).isNotEmpty();
            assertThat(graph.getStreamNodes()).hasSizeGreaterThan(20);
        }
    }

    /** The class a Kryo serializer is for (the serializer does not say it but in a field). */
    private static String typeOf(KryoSerializer<?> k) throws ReflectiveOperationException {
        java.lang.reflect.Field type = KryoSerializer.class.getDeclaredField("type");
        type.setAccessible(true);
        return ((Class<?>) type.get(k)).getName();
    }
}
