package io.keyline.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "alice@acme.example, true",
        "Maria.Lopez@acme.example, true",
        "arn:aws:iam::111122223333:user/alice@acme.example, false",
        "gcp:sa:deploy@p.iam.gserviceaccount.com, false",
        "okta:user:svc@acme.example, false",
        "deploy@p.iam.gserviceaccount.com, false",
        "611204388015-compute@developer.gserviceaccount.com, false",
        "alice, false",
        "alice@localhost, false",
    })
    void tellsPeopleFromOtherPrincipals(String login, boolean person) {
        assertThat(Actors.isPerson(login)).isEqualTo(person);
    }
}
