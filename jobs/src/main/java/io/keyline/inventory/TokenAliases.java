package io.keyline.inventory;

import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import io.keyline.model.IdentityEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One id for a GitHub fine-grained personal access token, keyed by its token hash.
 *
 * <p>Such a token is known three ways: the organization's token listing names it by its {@code
 * token_id} ({@code github:pat:<org>/<token_id>}); a secret scanner that finds its value knows only
 * its hash ({@code github:token:<hashed_token>}); the audit log names both on every call made with
 * it. This stage learns the hash-to-id pairing from the first audit event that states both, and
 * from then on gives every fact of the hash the listing's id, so that the listing, the calls and
 * the copies found in repositories are one credential.
 *
 * <p>A fact of a hash whose pairing is not yet known waits, up to the allowed out-of-orderness of
 * event time, for an audit event to state it; then it goes on under the hash. In a bounded run the
 * wait ends with the input, so the outcome does not depend on the order the files are read in.
 */
@Internal
public class TokenAliases extends KeyedProcessFunction<String, IdentityEvent, IdentityEvent> {

    private static final long serialVersionUID = 1L;

    private static final String TOKEN_PREFIX = "github:token:";

    private final long holdMillis;

    private transient ValueState<String> alias;
    private transient ListState<IdentityEvent> waiting;

    public TokenAliases(InventorySettings settings) {
        this.holdMillis = settings.outOfOrderness.toMillis();
    }

    /** True for a fact this stage may rename: one of a fine-grained token known by its hash. */
    static boolean applies(IdentityEvent e) {
        return e.getCredentialId() != null
                && e.getCredentialId().startsWith(TOKEN_PREFIX)
                && CredentialTypes.GITHUB_FINE_GRAINED_PAT.equals(e.getCredentialType());
    }

    @Override
    public void open(Configuration parameters) {
        alias = getRuntimeContext().getState(new ValueStateDescriptor<>("alias", Types.STRING));
        waiting =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "waiting", Types.POJO(IdentityEvent.class)));
    }

    @Override
    public void processElement(IdentityEvent event, Context ctx, Collector<IdentityEvent> out)
            throws Exception {
        String id = alias.value();
        if (id == null) {
            id = pairing(event);
            if (id != null) {
                alias.update(id);
                for (IdentityEvent held : waiting.get()) {
                    out.collect(renamed(held, id));
                }
                waiting.clear();
            }
        }
        if (id != null) {
            out.collect(renamed(event, id));
            return;
        }
        waiting.add(event);
        ctx.timerService().registerEventTimeTimer(satAdd(event.getEventTime(), holdMillis));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IdentityEvent> out)
            throws Exception {
        if (alias.value() != null) {
            return;
        }
        List<IdentityEvent> still = new ArrayList<>();
        for (IdentityEvent held : waiting.get()) {
            if (satAdd(held.getEventTime(), holdMillis) <= timestamp) {
                out.collect(held);
            } else {
                still.add(held);
            }
        }
        waiting.update(still);
    }

    /** The listing's id of the token, when the event states the token's id and organization. */
    private static String pairing(IdentityEvent e) {
        String tokenId = e.attribute(Attributes.TOKEN_ID);
        String org = e.attribute(Attributes.ACCOUNT);
        if (tokenId == null || org == null || tokenId.isBlank() || org.isBlank()) {
            return null;
        }
        return CanonicalIds.githubPat(org, tokenId);
    }

    private static IdentityEvent renamed(IdentityEvent e, String id) {
        e.setCredentialId(id);
        return e;
    }

    private static long satAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
