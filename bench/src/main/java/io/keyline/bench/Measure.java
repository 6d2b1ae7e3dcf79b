package io.keyline.bench;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.apache.flink.util.Preconditions;

/**
 * One line of the results: a stable name that comparisons across runs and machines key on, a value,
 * its unit, and what it means for the markdown report.
 *
 * @param name lower case words joined by underscores, such as {@code credential_row_freshness_p50}
 * @param unit {@code ms}, {@code s}, {@code count}...
 */
record Measure(String name, double value, String unit, String meaning) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final Pattern UNIT = Pattern.compile("[A-Za-z/%]+");

    Measure {
        Preconditions.checkArgument(
                name != null && NAME.matcher(name).matches(),
                "A measure's name is lower case words joined by underscores, but was '%s'.",
                name);
        Preconditions.checkArgument(
                unit != null && UNIT.matcher(unit).matches(),
                "The unit of %s is letters only (ms, s, count), but was '%s'.",
                name,
                unit);
        Preconditions.checkArgument(
                Double.isFinite(value),
                "The value of %s must be a number, but was %s.",
                name,
                value);
    }

    /** The value as written: no exponent, no trailing zeros, no decimal point for a whole one. */
    String formattedValue() {
        BigDecimal exact = BigDecimal.valueOf(value).stripTrailingZeros();
        return exact.scale() < 0 ? exact.setScale(0).toPlainString() : exact.toPlainString();
    }
}
