package io.keyline.graph;

import static io.keyline.graph.LineageGraph.ASSUME;
import static io.keyline.graph.LineageGraph.CREDENTIAL;
import static io.keyline.graph.LineageGraph.IDENTITY;
import static io.keyline.graph.LineageGraph.PATH_SEPARATOR;
import static io.keyline.graph.LineageGraph.RESOURCE;

import io.keyline.graph.GraphRows.Act;
import io.keyline.graph.GraphRows.Held;
import io.keyline.graph.GraphRows.Key;
import io.keyline.graph.GraphRows.Reach;
import io.keyline.graph.GraphRows.Step;
import io.keyline.graph.GraphRows.Tier;
import java.util.Comparator;
import java.util.TreeSet;
import org.apache.flink.api.common.operators.base.JoinOperatorBase.JoinHint;
import org.apache.flink.api.java.DataSet;
import org.apache.flink.api.java.operators.DeltaIteration;
import org.apache.flink.util.Collector;

/**
 * Effective reach: what every credential and identity can reach through chains of trusts, up to a
 * hop limit, by the shortest path.
 */
final class Reaches {

    /** Of two ways to one target, the shorter; of equal length, the smaller path. */
    static final Comparator<Reach> SHORTEST =
            Comparator.comparingInt((Reach r) -> r.hops)
                    .thenComparing(r -> r.path)
                    .thenComparing(r -> r.access == null ? "" : r.access);

    private Reaches() {}

    static DataSet<Reach> of(
            DataSet<Key> keys,
            DataSet<Act> acts,
            DataSet<Tier> tiers,
            DataSet<Held> credentialHeld,
            DataSet<Held> identityGrants,
            int hopLimit) {
        DataSet<Step> steps = steps(keys, tiers, acts, hopLimit);

        // What each identity holds itself: what its grants name, and the reach of its
        // credentials (granted and observed), one row per resource.
        DataSet<Held> identityHeld =
                credentialHeld
                        .join(keys)
                        .where("holder")
                        .equalTo("credential")
                        .with((h, k) -> new Held(k.identity, h.resource, h.access))
                        .returns(Held.class)
                        .filter(h -> !h.holder.isEmpty())
                        .union(identityGrants)
                        .groupBy("holder", "resource")
                        .reduceGroup(Reaches::mergeAccess)
                        .returns(Held.class)
                        .name("identity reach");

        // From an identity: each identity it may act as, and what each of those holds.
        DataSet<Reach> identityTargets =
                steps.filter(s -> s.hops() > 0)
                        .leftOuterJoin(tiers)
                        .where(1)
                        .equalTo("identity")
                        .with(
                                (s, t) ->
                                        new Reach(
                                                s.origin(),
                                                IDENTITY,
                                                s.at(),
                                                IDENTITY,
                                                s.hops(),
                                                s.path(),
                                                s.at(),
                                                ASSUME,
                                                t == null ? null : t.tier))
                        .returns(Reach.class);
        DataSet<Reach> identityResources =
                steps.join(identityHeld)
                        .where(1)
                        .equalTo("holder")
                        .with(
                                (s, h) ->
                                        new Reach(
                                                s.origin(),
                                                IDENTITY,
                                                h.resource,
                                                RESOURCE,
                                                s.hops(),
                                                s.path(),
                                                s.at(),
                                                h.access,
                                                null))
                        .returns(Reach.class);
        DataSet<Reach> fromIdentities = identityTargets.union(identityResources);

        // From a credential: its own reach, then its identity's, one hop on.
        DataSet<Reach> own =
                credentialHeld
                        .join(keys)
                        .where("holder")
                        .equalTo("credential")
                        .with(
                                (h, k) ->
                                        new Reach(
                                                h.holder,
                                                CREDENTIAL,
                                                h.resource,
                                                RESOURCE,
                                                0,
                                                k.identity.isEmpty()
                                                        ? h.holder
                                                        : h.holder + PATH_SEPARATOR + k.identity,
                                                k.identity.isEmpty() ? null : k.identity,
                                                h.access,
                                                null))
                        .returns(Reach.class);
        DataSet<Reach> throughIdentity =
                fromIdentities
                        .filter(r -> r.hops > 0)
                        .join(keys.filter(k -> !k.identity.isEmpty()))
                        .where("origin")
                        .equalTo("identity")
                        .with(
                                (r, k) ->
                                        new Reach(
                                                k.credential,
                                                CREDENTIAL,
                                                r.target,
                                                r.targetKind,
                                                r.hops,
                                                k.credential + PATH_SEPARATOR + r.path,
                                                r.via,
                                                r.access,
                                                r.tier))
                        .returns(Reach.class);

        return fromIdentities
                .union(own)
                .union(throughIdentity)
                .groupBy("origin", "target")
                .reduce((a, b) -> SHORTEST.compare(a, b) <= 0 ? a : b)
                .returns(Reach.class)
                .name("effective reach");
    }

    /**
     * Every identity each identity may act as, with the hops and the path: a delta iteration whose
     * solution set holds the (origin, identity) pairs already reached, so that each pair is kept
     * once, at its shortest path, and a cycle of trusts ends.
     */
    static DataSet<Step> steps(
            DataSet<Key> keys, DataSet<Tier> tiers, DataSet<Act> acts, int hopLimit) {
        DataSet<String> origins =
                tiers.map(t -> t.identity)
                        .returns(String.class)
                        .union(
                                keys.filter(k -> !k.identity.isEmpty())
                                        .map(k -> k.identity)
                                        .returns(String.class))
                        .distinct();
        DataSet<Step> start =
                origins.map(id -> new Step(id, id, 0, id)).returns(Step.class).name("origins");
        if (hopLimit == 0) {
            return start;
        }
        DeltaIteration<Step, Step> walk = start.iterateDelta(start, hopLimit, 0, 1);
        walk.name("walk the trusts");
        // On the heap: managed memory is sized for sorts and joins, which spill to disk; a solution
        // set in it cannot, and the pairs (one per identity at least) outgrow a small share.
        walk.setSolutionSetUnManaged(true);
        DataSet<Step> next =
                walk.getWorkset()
                        // Sorted and merged, not hashed: a principal that many identities trust
                        // (an OIDC provider, an account's root) is one key of tens of thousands
                        // of trusts, more than a hash table's partition can hold.
                        .join(acts, JoinHint.REPARTITION_SORT_MERGE)
                        .where(1)
                        .equalTo("from")
                        .with(
                                (s, a) ->
                                        new Step(
                                                s.origin(),
                                                a.to,
                                                s.hops() + 1,
                                                s.path() + PATH_SEPARATOR + a.to))
                        .returns(Step.class)
                        .groupBy(0, 1)
                        .reduce((a, b) -> a.path().compareTo(b.path()) <= 0 ? a : b)
                        .returns(Step.class);
        DataSet<Step> reached =
                next.coGroup(walk.getSolutionSet())
                        .where(0, 1)
                        .equalTo(0, 1)
                        .with(
                                (Iterable<Step> candidates,
                                        Iterable<Step> held,
                                        Collector<Step> out) -> {
                                    if (!held.iterator().hasNext()) {
                                        for (Step s : candidates) {
                                            out.collect(s);
                                        }
                                    }
                                })
                        .returns(Step.class)
                        .name("new identities");
        return walk.closeWith(reached, reached);
    }

    /** One resource an identity holds through several credentials: granted and observed is both. */
    private static void mergeAccess(Iterable<Held> rows, Collector<Held> out) {
        TreeSet<String> access = new TreeSet<>();
        Held first = null;
        for (Held h : rows) {
            if (first == null) {
                first = h;
            }
            if (h.access != null) {
                access.add(h.access);
            }
        }
        String merged =
                access.contains("both") || access.size() > 1
                        ? "both"
                        : access.isEmpty() ? null : access.first();
        out.collect(new Held(first.holder, first.resource, merged));
    }
}
