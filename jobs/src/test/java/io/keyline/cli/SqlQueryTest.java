package io.keyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class SqlQueryTest {

    @Test
    void valuesAreRenderedAsTextsAUserCanRead() {
        assertThat(SqlQuery.render(null)).isEmpty();
        assertThat(SqlQuery.render(Instant.parse("2026-11-01T00:00:00Z")))
                .isEqualTo("2026-11-01T00:00:00Z");
        assertThat(SqlQuery.render(LocalDateTime.parse("2026-11-01T10:15:30")))
                .isEqualTo("2026-11-01T10:15:30Z");
        assertThat(SqlQuery.render(new String[] {"okta:user:a@example.com", "say \"hi\"", null}))
                .isEqualTo("[\"okta:user:a@example.com\",\"say \\\"hi\\\"\",null]");
        assertThat(SqlQuery.render(new String[0])).isEqualTo("[]");
    }
}
