package io.keyline.graph;

import org.apache.flink.api.java.tuple.Tuple4;

/**
 * The records the graph job passes between its operators: Flink POJOs (public fields, a no-argument
 * constructor), so that they travel with Flink's own serializer, never Kryo.
 */
public final class GraphRows {

    private GraphRows() {}

    /** One edge of the lineage graph, as {@code lineage_edges} stores it. */
    public static class Edge {
        public String src;
        public String srcKind;
        public String relation;
        public String dst;
        public String dstKind;
        public String detail;

        public Edge() {}

        public Edge(
                String src,
                String srcKind,
                String relation,
                String dst,
                String dstKind,
                String detail) {
            this.src = src;
            this.srcKind = srcKind;
            this.relation = relation;
            this.dst = dst;
            this.dstKind = dstKind;
            this.detail = detail;
        }
    }

    /**
     * An identity reached from an origin identity: by how many trusts and along which path of
     * identities (the origin first). A tuple, as a delta iteration keys its solution set by
     * position: {@code (origin, at, hops, path)}.
     */
    public static class Step extends Tuple4<String, String, Integer, String> {
        private static final long serialVersionUID = 1L;

        public Step() {}

        public Step(String origin, String at, int hops, String path) {
            super(origin, at, hops, path);
        }

        public String origin() {
            return f0;
        }

        public String at() {
            return f1;
        }

        public int hops() {
            return f2;
        }

        public String path() {
            return f3;
        }
    }

    /** A principal that may act as an identity: the reverse of a trust. */
    public static class Act {
        public String from;
        public String to;

        public Act() {}

        public Act(String from, String to) {
            this.from = from;
            this.to = to;
        }
    }

    /** A resource a credential or identity reaches itself, and how (granted, observed, both). */
    public static class Held {
        public String holder;
        public String resource;
        public String access;

        public Held() {}

        public Held(String holder, String resource, String access) {
            this.holder = holder;
            this.resource = resource;
            this.access = access;
        }
    }

    /**
     * A credential and the identity it authenticates, empty when not known (never null: Flink may
     * partition on the field before a filter drops the unknown ones).
     */
    public static class Key {
        public String credential;
        public String identity;

        public Key() {}

        public Key(String credential, String identity) {
            this.credential = credential;
            this.identity = identity;
        }
    }

    /** An identity's privilege tier. */
    public static class Tier {
        public String identity;
        public String tier;

        public Tier() {}

        public Tier(String identity, String tier) {
            this.identity = identity;
            this.tier = tier;
        }
    }

    /** One row of {@code effective_reach}. */
    public static class Reach {
        public String origin;
        public String originKind;
        public String target;
        public String targetKind;
        public int hops;
        public String path;
        public String via;
        public String access;
        public String tier;

        public Reach() {}

        public Reach(
                String origin,
                String originKind,
                String target,
                String targetKind,
                int hops,
                String path,
                String via,
                String access,
                String tier) {
            this.origin = origin;
            this.originKind = originKind;
            this.target = target;
            this.targetKind = targetKind;
            this.hops = hops;
            this.path = path;
            this.via = via;
            this.access = access;
            this.tier = tier;
        }
    }

    /** One row of {@code lineage_clusters}. */
    public static class Member {
        public String vertex;
        public String kind;
        public String system;
        public String cluster;
        public int size;
        public int identities;
        public int credentials;
        public String systems;
        public int blastRadius;

        public Member() {}
    }

    /** A vertex of the cluster graph with its kind. */
    public static class Vertex {
        public String id;
        public String kind;

        public Vertex() {}

        public Vertex(String id, String kind) {
            this.id = id;
            this.kind = kind;
        }
    }

    /** The number of targets an origin reaches. */
    public static class Count {
        public String id;
        public int count;

        public Count() {}

        public Count(String id, int count) {
            this.id = id;
            this.count = count;
        }
    }
}
