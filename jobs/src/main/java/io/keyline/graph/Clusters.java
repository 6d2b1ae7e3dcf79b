package io.keyline.graph;

import static io.keyline.graph.LineageGraph.CREDENTIAL;
import static io.keyline.graph.LineageGraph.IDENTITY;

import io.keyline.graph.GraphRows.Act;
import io.keyline.graph.GraphRows.Count;
import io.keyline.graph.GraphRows.Key;
import io.keyline.graph.GraphRows.Member;
import io.keyline.graph.GraphRows.Reach;
import io.keyline.graph.GraphRows.Vertex;
import io.keyline.model.CanonicalIds;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.flink.api.java.DataSet;
import org.apache.flink.api.java.ExecutionEnvironment;
import org.apache.flink.graph.Edge;
import org.apache.flink.graph.EdgeDirection;
import org.apache.flink.graph.Graph;
import org.apache.flink.graph.spargel.GatherFunction;
import org.apache.flink.graph.spargel.MessageIterator;
import org.apache.flink.graph.spargel.ScatterFunction;
import org.apache.flink.graph.spargel.ScatterGatherConfiguration;
import org.apache.flink.types.NullValue;
import org.apache.flink.util.Collector;

/**
 * Clusters: the connected components, computed with Gelly, of the graph of identities and
 * credentials whose edges are "authenticates as" and "trusts" (trusts in shared principals left
 * out). An Okta service user and the cloud identities that trust it are one cluster, with their
 * credentials.
 */
final class Clusters {

    /** An upper bound on the supersteps; it stops as soon as no label changes. */
    private static final int COMPONENT_SUPERSTEPS = 1_000;

    private Clusters() {}

    /** Sends a vertex's label to every neighbour. */
    private static final class Spread extends ScatterFunction<String, String, String, NullValue> {
        private static final long serialVersionUID = 1L;

        @Override
        public void sendMessages(org.apache.flink.graph.Vertex<String, String> vertex) {
            sendMessageToAllNeighbors(vertex.getValue());
        }
    }

    /** Keeps the smallest label a vertex has heard of. */
    private static final class KeepSmallest extends GatherFunction<String, String, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public void updateVertex(
                org.apache.flink.graph.Vertex<String, String> vertex,
                MessageIterator<String> labels) {
            String smallest = vertex.getValue();
            for (String label : labels) {
                if (label.compareTo(smallest) < 0) {
                    smallest = label;
                }
            }
            if (!smallest.equals(vertex.getValue())) {
                setNewVertexValue(smallest);
            }
        }
    }

    static DataSet<Member> of(
            DataSet<Key> keys, DataSet<Act> acts, DataSet<String> identities, DataSet<Reach> reach)
            throws Exception {
        ExecutionEnvironment env = keys.getExecutionEnvironment();
        DataSet<Edge<String, NullValue>> edges =
                keys.filter(k -> !k.identity.isEmpty())
                        .map(k -> new Edge<>(k.credential, k.identity, NullValue.getInstance()))
                        .returns(EDGE)
                        .union(
                                acts.filter(
                                                a ->
                                                        !LineageGraph.isSharedPrincipal(a.from)
                                                                && !LineageGraph.isSharedPrincipal(
                                                                        a.to))
                                        .map(a -> new Edge<>(a.from, a.to, NullValue.getInstance()))
                                        .returns(EDGE));
        DataSet<Vertex> vertices =
                keys.map(k -> new Vertex(k.credential, CREDENTIAL))
                        .returns(Vertex.class)
                        .union(identities.map(id -> new Vertex(id, IDENTITY)).returns(Vertex.class))
                        .union(
                                keys.filter(k -> !k.identity.isEmpty())
                                        .map(k -> new Vertex(k.identity, IDENTITY))
                                        .returns(Vertex.class))
                        // A shared principal is no identity of the estate: it gets no cluster.
                        .union(
                                acts.flatMap(
                                                (Act a, Collector<Vertex> out) -> {
                                                    for (String id : new String[] {a.from, a.to}) {
                                                        if (!LineageGraph.isSharedPrincipal(id)) {
                                                            out.collect(new Vertex(id, IDENTITY));
                                                        }
                                                    }
                                                })
                                        .returns(Vertex.class))
                        .distinct("id")
                        .name("vertices");

        // Each vertex starts labelled with its own id; the components carry the smallest id.
        Graph<String, String, NullValue> graph =
                Graph.fromDataSet(
                        vertices.map(v -> new org.apache.flink.graph.Vertex<>(v.id, v.id))
                                .returns(VERTEX),
                        edges,
                        env);
        // Label propagation in Gelly's scatter-gather model, over the edges in both directions:
        // each vertex sends its label to its neighbours and keeps the smallest it hears of. Gelly's
        // own ConnectedComponents does the same but keeps its solution set in managed memory, which
        // cannot spill and runs out beside the job's other operators; here it is on the heap.
        ScatterGatherConfiguration iteration = new ScatterGatherConfiguration();
        iteration.setDirection(EdgeDirection.ALL);
        iteration.setSolutionSetUnmanagedMemory(true);
        iteration.setName("connected components");
        DataSet<org.apache.flink.graph.Vertex<String, String>> components =
                graph.runScatterGatherIteration(
                                new Spread(), new KeepSmallest(), COMPONENT_SUPERSTEPS, iteration)
                        .getVertices();

        DataSet<Member> labelled =
                components
                        .join(vertices)
                        .where("f0")
                        .equalTo("id")
                        .with(
                                (c, v) -> {
                                    Member m = new Member();
                                    m.vertex = v.id;
                                    m.kind = v.kind;
                                    m.system = CanonicalIds.systemOf(v.id);
                                    m.cluster = c.getValue();
                                    return m;
                                })
                        .returns(Member.class);
        DataSet<Member> described =
                labelled.groupBy("cluster").reduceGroup(Clusters::describe).returns(Member.class);

        DataSet<Count> radius =
                reach.map(r -> new Count(r.origin, 1))
                        .returns(Count.class)
                        .groupBy("id")
                        .reduce((a, b) -> new Count(a.id, a.count + b.count))
                        .name("blast radius");
        return described
                .leftOuterJoin(radius)
                .where("vertex")
                .equalTo("id")
                .with(
                        (m, c) -> {
                            m.blastRadius = c == null ? 0 : c.count;
                            return m;
                        })
                .returns(Member.class)
                .name("cluster members");
    }

    /** Sets the size, the counts and the systems of a cluster on each of its members. */
    private static void describe(Iterable<Member> members, Collector<Member> out) {
        List<Member> all = new ArrayList<>();
        TreeSet<String> systems = new TreeSet<>();
        int identities = 0;
        int credentials = 0;
        for (Member m : members) {
            all.add(m);
            systems.add(m.system);
            if (CREDENTIAL.equals(m.kind)) {
                credentials++;
            } else {
                identities++;
            }
        }
        String names = String.join(",", systems);
        for (Member m : all) {
            m.size = all.size();
            m.identities = identities;
            m.credentials = credentials;
            m.systems = names;
            out.collect(m);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final org.apache.flink.api.common.typeinfo.TypeInformation<
                    Edge<String, NullValue>>
            EDGE =
                    (org.apache.flink.api.common.typeinfo.TypeInformation)
                            org.apache.flink.api.common.typeinfo.TypeInformation.of(
                                    new org.apache.flink.api.common.typeinfo.TypeHint<
                                            Edge<String, NullValue>>() {});

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final org.apache.flink.api.common.typeinfo.TypeInformation<
                    org.apache.flink.graph.Vertex<String, String>>
            VERTEX =
                    (org.apache.flink.api.common.typeinfo.TypeInformation)
                            org.apache.flink.api.common.typeinfo.TypeInformation.of(
                                    new org.apache.flink.api.common.typeinfo.TypeHint<
                                            org.apache.flink.graph.Vertex<String, String>>() {});
}
