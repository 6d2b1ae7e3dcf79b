package io.keyline.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobsTest {

    @Test
    void globsMatchLikeIamResourcePatterns() {
        assertThat(Globs.matches("*", "arn:aws:s3:::anything")).isTrue();
        assertThat(Globs.matches("arn:aws:s3:::billing-*", "arn:aws:s3:::billing-exports"))
                .isTrue();
        assertThat(Globs.matches("arn:aws:s3:::billing-*", "arn:aws:s3:::payroll")).isFalse();
        assertThat(Globs.matches("arn:aws:s3:::b?g", "arn:aws:s3:::bag")).isTrue();
        assertThat(Globs.matches("a*b*c", "aXXbYYc")).isTrue();
        assertThat(Globs.matches("a*b*c", "aXXbYY")).isFalse();
        assertThat(Globs.matches("", "x")).isFalse();
        assertThat(Globs.matches("ARN:*", "arn:x")).as("case-sensitive").isFalse();
    }
}
