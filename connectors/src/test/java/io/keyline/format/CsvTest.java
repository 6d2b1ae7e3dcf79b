package io.keyline.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void rowsSplitOnCrlfOrLfAndTheLastNeedsNoLineBreak() {
        List<Csv.Row> rows = Csv.rows("a,b\r\nc,d\ne,");

        assertThat(rows)
                .extracting(Csv.Row::fields)
                .containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e", ""));
        assertThat(rows).extracting(Csv.Row::number).containsExactly(1, 2, 3);
        assertThat(rows).extracting(Csv.Row::text).containsExactly("a,b", "c,d", "e,");
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() {
        List<Csv.Row> rows = Csv.rows("\"a,1\",\"say \"\"hi\"\"\"\n\"two\nlines\",x\n\nlast,row\n");

        assertThat(rows)
                .extracting(Csv.Row::fields)
                .containsExactly(
                        List.of("a,1", "say \"hi\""),
                        List.of("two\nlines", "x"),
                        List.of("last", "row"));
        // Row numbers are the lines the rows start on; blank lines are skipped.
        assertThat(rows).extracting(Csv.Row::number).containsExactly(1, 2, 5);
        assertThat(rows).extracting(Csv.Row::unclosedQuote).containsOnly(false);
    }

    @Test
    void aQuoteThatIsNeverClosedMarksItsRow() {
        List<Csv.Row> rows = Csv.rows("a,b\n\"open,c\nd");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).unclosedQuote()).isTrue();
        assertThat(rows.get(1).text()).isEqualTo("\"open,c\nd");
    }

    @Test
    void emptyTextHasNoRows() {
        assertThat(Csv.rows("")).isEmpty();
        assertThat(Csv.rows("\n  \r\n")).isEmpty();
    }
}
