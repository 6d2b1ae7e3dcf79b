package io.keyline.okta;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OktaServiceUsersTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "svc-deploy@example.com, true",
        "SVC.Backup@example.com, true",
        "svc_etl, true",
        "service-reports@example.com, true",
        "bot-sync@example.com, true",
        "platform+svc@example.com, true",
        "svc@example.com, false",
        "svc-@example.com, false",
        "maria.lopez@example.com, false",
        "jsvc-dev@example.com, false",
        "robot-arm@example.com, false",
        "'', false",
    })
    void serviceUsersAreKnownByTheirLogin(String login, boolean service) {
        assertThat(OktaServiceUsers.isServiceUser(login)).isEqualTo(service);
    }
}
