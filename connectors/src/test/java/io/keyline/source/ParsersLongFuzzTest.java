package io.keyline.source;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import com.code_intelligence.jazzer.mutation.annotation.WithUtf8Length;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The long run of {@link ParsersFuzzTest}, for half an hour, outside the build, from the same
 * seeds: {@code JAZZER_FUZZ=1 ./mvnw -pl connectors test -Dtest=ParsersLongFuzzTest}.
 */
class ParsersLongFuzzTest {

    @MethodSource("io.keyline.source.ParsersFuzzTest#seeds")
    @FuzzTest(maxDuration = "30m")
    void noInputMakesAParserThrowForHalfAnHour(
            int format,
            @NotNull @WithUtf8Length(max = 40) String folder,
            byte @NotNull @WithLength(max = ParsersFuzzTest.MAX_BYTES) [] content) {
        ParsersFuzzTest.parse(format, folder, content);
    }
}
