package io.keyline.source;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The long run of {@link ParsersFuzzTest}, for half an hour, outside the build: {@code
 * JAZZER_FUZZ=1 ./mvnw -pl connectors test -Dtest=ParsersLongFuzzTest}.
 */
class ParsersLongFuzzTest {

    @FuzzTest(maxDuration = "30m")
    void noInputMakesAParserThrowForHalfAnHour(FuzzedDataProvider data) {
        ParsersFuzzTest.parse(data);
    }
}
