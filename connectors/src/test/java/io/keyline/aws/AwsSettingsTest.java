package io.keyline.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyline.source.poll.CollectorSettings;
import io.keyline.source.poll.Collectors;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The AWS collector's settings: what they become, and each mistake named in one sentence. */
class AwsSettingsTest {

    private static AwsSettings read(String... pairs) {
        Map<String, String> values = new HashMap<>();
        values.put("regions", "eu-central-1");
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return AwsSettings.read(new CollectorSettings("aws", values), AwsCollectorHarness.CLOCK);
    }

    @Test
    void theSettingsOfAnOrganizationTrailAreReadWithTheirDefaults() {
        AwsSettings s =
                read(
                        "accounts", "111122223333, 444455556666",
                        "role-name", "KeylineCollector",
                        "external-id", "x-7",
                        "cloudtrail-bucket", "acme-trail",
                        "cloudtrail-prefix", "/logs",
                        "cloudtrail-organization-id", "o-a1b2c3d4e5");

        assertThat(s.accounts()).containsExactly("111122223333", "444455556666");
        assertThat(s.role()).isEqualTo(new AwsSession.Role("KeylineCollector", "x-7"));
        assertThat(s.regions()).containsExactly("eu-central-1");
        assertThat(s.trailPrefix()).isEqualTo("logs/");
        assertThat(s.listingInterval()).hasSeconds(3600);
        assertThat(s.pageSize()).isEqualTo(100);
        assertThat(s.endpoint()).isNull();
        assertThat(s.since()).isEqualTo(AwsCollectorHarness.CLOCK.millis() - 7 * 24 * 3600 * 1000L);
        assertThat(
                        CloudTrailKeys.folder(
                                s.trailPrefix(),
                                s.trailOrganization(),
                                "111122223333",
                                "eu-central-1"))
                .isEqualTo("logs/AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail/eu-central-1/");
    }

    @Test
    void mistakesAreNamedInOneSentence() {
        assertThatThrownBy(() -> read())
                .hasMessage(
                        "The aws collector needs collect.aws.accounts (such as"
                                + " 111122223333,444455556666) or collect.aws.organization=true.");
        assertThatThrownBy(() -> read("accounts", "1111-2222-3333"))
                .hasMessage(
                        "collect.aws.accounts lists account ids of 12 digits, not"
                                + " '1111-2222-3333'.");
        assertThatThrownBy(() -> read("accounts", "111122223333,444455556666"))
                .hasMessageStartingWith("Reading several accounts needs collect.aws.role-name,");
        assertThatThrownBy(() -> read("organization", "yes", "role-name", "R"))
                .hasMessage("collect.aws.organization is true or false, not 'yes'.");
        assertThatThrownBy(
                        () ->
                                read(
                                        "accounts", "111122223333",
                                        "organization", "true",
                                        "role-name", "R"))
                .hasMessage(
                        "Set either collect.aws.accounts or collect.aws.organization=true, not"
                                + " both.");
        assertThatThrownBy(() -> read("accounts", "111122223333", "regions", "Frankfurt"))
                .hasMessage(
                        "collect.aws.regions lists AWS regions such as eu-central-1, not"
                                + " 'Frankfurt'.");
        assertThatThrownBy(
                        () ->
                                read(
                                        "accounts", "111122223333",
                                        "cloudtrail-bucket", "b-trail",
                                        "cloudtrail-queue-url",
                                                "https://sqs.eu-central-1.amazonaws.com/1/q"))
                .hasMessageStartingWith(
                        "Set either collect.aws.cloudtrail-bucket (to walk the trail's files) or");
        assertThatThrownBy(() -> read("accounts", "111122223333", "cloudtrail-prefix", "logs"))
                .hasMessage(
                        "collect.aws.cloudtrail-prefix and collect.aws.cloudtrail-organization-id"
                                + " go with collect.aws.cloudtrail-bucket.");
        assertThatThrownBy(() -> read("accounts", "111122223333", "external-id", "x"))
                .hasMessage(
                        "collect.aws.external-id goes with collect.aws.role-name, the role whose"
                                + " trust policy asks for it.");
        assertThatThrownBy(() -> read("accounts", "111122223333", "access-key-id", "AKIA"))
                .hasMessageStartingWith(
                        "Unknown setting 'collect.aws.access-key-id'; the aws collector's"
                                + " settings are accounts, cloudtrail-bucket,");
    }

    @Test
    void theCollectorIsRegisteredUnderAws() {
        assertThat(Collectors.names()).contains("aws");
        assertThat(
                        Collectors.sources(
                                Map.of(
                                        "aws.accounts", "111122223333",
                                        "aws.regions", "us-east-1",
                                        "aws.interval", "30"),
                                true))
                .singleElement()
                .satisfies(source -> assertThat(source.feeds().name()).isEqualTo("aws"));
        assertThat(
                        AwsCollector.of(
                                        new CollectorSettings(
                                                "aws",
                                                Map.of(
                                                        "accounts",
                                                        "111122223333",
                                                        "regions",
                                                        "us-east-1")),
                                        Clock.systemUTC())
                                .name())
                .isEqualTo("aws");
    }
}
