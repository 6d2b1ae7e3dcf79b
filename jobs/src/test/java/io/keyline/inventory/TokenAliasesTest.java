package io.keyline.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.model.Attributes;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import io.keyline.model.Location;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class TokenAliasesTest {

    private static final String HASH = "github:token:uRigTL/98k42M5OpWKnX28+9RxIL7aSUIitYWzb7LRE=";
    private static final long T = 1_790_000_000_000L;
    private static final long MINUTE = 60_000L;

    private static KeyedOneInputStreamOperatorTestHarness<String, IdentityEvent, IdentityEvent>
            harness() throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new TokenAliases(
                                        InventorySettings.builder()
                                                .outOfOrderness(Duration.ofMinutes(15))
                                                .build())),
                        IdentityEvent::getCredentialId,
                        Types.STRING);
        h.open();
        return h;
    }

    private static IdentityEvent use(String id, long time, String tokenId) {
        IdentityEvent e =
                IdentityEvent.of(id, time, "github-audit", EventKind.USED)
                        .credential(HASH, CredentialTypes.GITHUB_FINE_GRAINED_PAT)
                        .identity("github:user:sara-wong")
                        .attribute(Attributes.ACCOUNT, "acme");
        return tokenId == null ? e : e.attribute(Attributes.TOKEN_ID, tokenId);
    }

    private static IdentityEvent found(String id, long time) {
        return IdentityEvent.of(id, time, "gitleaks", EventKind.STORED_AT)
                .credential(HASH, CredentialTypes.GITHUB_FINE_GRAINED_PAT)
                .location(new Location("repo-file", "https://github.com/acme/ops:sync.sh"));
    }

    private static void add(
            KeyedOneInputStreamOperatorTestHarness<String, IdentityEvent, IdentityEvent> h,
            IdentityEvent e)
            throws Exception {
        h.processElement(new StreamRecord<>(e, e.getEventTime()));
    }

    @Test
    void onlyFineGrainedTokensKnownByTheirHashAreRenamed() {
        assertThat(TokenAliases.applies(use("a", T, "1"))).isTrue();
        assertThat(TokenAliases.applies(found("b", T))).isTrue();
        IdentityEvent classic = use("c", T, "1").credential(HASH, CredentialTypes.GITHUB_PAT);
        assertThat(TokenAliases.applies(classic)).isFalse();
        IdentityEvent listed =
                use("d", T, "1")
                        .credential(
                                "github:pat:acme/5269423", CredentialTypes.GITHUB_FINE_GRAINED_PAT);
        assertThat(TokenAliases.applies(listed)).isFalse();
    }

    @Test
    void aCopyFoundBeforeTheFirstCallWaitsAndTakesTheListingsId() throws Exception {
        var h = harness();
        add(h, found("found", T));
        assertThat(h.extractOutputValues()).isEmpty();
        add(h, use("call", T + 5 * MINUTE, "5269423"));
        add(h, use("later", T + 6 * MINUTE, null));
        assertThat(h.extractOutputValues())
                .extracting(IdentityEvent::getEventId, IdentityEvent::getCredentialId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("found", "github:pat:acme/5269423"),
                        org.assertj.core.groups.Tuple.tuple("call", "github:pat:acme/5269423"),
                        org.assertj.core.groups.Tuple.tuple("later", "github:pat:acme/5269423"));
        // Nothing waits any more: the end of input lets nothing else go.
        h.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(h.extractOutputValues()).hasSize(3);
        h.close();
    }

    @Test
    void withoutACallThatNamesTheTokenACopyGoesOnUnderItsHashAfterTheWait() throws Exception {
        var h = harness();
        add(h, found("found", T));
        add(h, found("again", T + 20 * MINUTE));
        h.processWatermark(new Watermark(T + 15 * MINUTE));
        assertThat(h.extractOutputValues())
                .extracting(IdentityEvent::getEventId, IdentityEvent::getCredentialId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("found", HASH));
        h.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(h.extractOutputValues())
                .extracting(IdentityEvent::getEventId)
                .containsExactly("found", "again");
        h.close();
    }
}
