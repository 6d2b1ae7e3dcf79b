package io.keyline.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExcerptsTest {

    @Test
    void keepsKeysAndMasksEveryValue() {
        String json =
                "{\"AccessKey\": {\"UserName\": \"Bob\", \"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY\", \"n\": 12345678}}";
        String excerpt = Excerpts.mask(json.getBytes(StandardCharsets.UTF_8));
        assertThat(excerpt)
                .isEqualTo(
                        "{\"AccessKey\": {\"UserName\": \"***\", \"SecretAccessKey\": \"***\", \"n\": ***}}");
        assertThat(excerpt).doesNotContain("wJalr").doesNotContain("Bob");
    }

    @Test
    void masksLongTokensOutsideJsonAndBoundsTheLength() {
        String csv = "user,arn\nsvc,arn:aws:iam::123456789012:user/svc\n" + "x,".repeat(500);
        String excerpt = Excerpts.mask(csv.getBytes(StandardCharsets.UTF_8));
        assertThat(excerpt).startsWith("user,arn svc,*** ").doesNotContain("123456789012");
        assertThat(excerpt.length()).isLessThanOrEqualTo(Excerpts.MAX_LENGTH);
    }

    @Test
    void aTruncatedStringIsStillMasked() {
        assertThat(Excerpts.mask("{\"token\": \"abcdefghijkl".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("{\"token\": \"***\"");
    }
}
