package io.keyline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A busy account's day is split into S3 files of at most 2000 records, in time order. */
class AccountDayWriterTest {

    @TempDir Path dir;

    @Test
    void aDayOfMoreThan2000RecordsIsSplitIntoSeveralFiles() throws Exception {
        Estate estate = new Estate(new EstateGenerator.Options(10, 1, 3, GeneratedTree.END, dir));
        OutputTree tree = new OutputTree(dir, estate.end);
        DayBuffer day = new DayBuffer(estate.start);
        for (int i = 0; i < 4500; i++) {
            day.add(estate.start + (i * 17L) % 86_400, EventType.PERSON_CALL, i % 10, 0, i);
        }

        AccountDayWriter.Result result =
                AccountDayWriter.write(estate, tree, 0, 0, day, List.of(), 10);

        GeneratedTree.Trail trail = GeneratedTree.generateNothing(dir).trail();
        assertThat(result.records()).isEqualTo(4500);
        assertThat(result.files()).isEqualTo(3);
        assertThat(trail.s3Files()).isEqualTo(3);
        assertThat(trail.records()).hasSize(4500);
        List<String> times =
                trail.records().stream().map(r -> r.get("eventTime").asText()).toList();
        assertThat(times).isSorted();
    }
}
