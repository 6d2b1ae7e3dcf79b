package io.keyline.demo;

import java.util.Arrays;

/**
 * The events of one account on one day, as primitive columns: time, type, entity, an auxiliary
 * number and a seed. The renderer turns each into JSON in time order, so a day never holds event
 * objects.
 */
final class DayBuffer {

    private static final EventType[] TYPES = EventType.values();

    private final long start;
    private int size;
    private int[] times = new int[256];
    private byte[] types = new byte[256];
    private int[] entities = new int[256];
    private int[] auxes = new int[256];
    private long[] seeds = new long[256];

    /** A buffer whose times are stored as seconds after {@code start}. */
    DayBuffer(long start) {
        this.start = start;
    }

    void add(long time, EventType type, int entity, int aux, long seed) {
        if (size == times.length) {
            int grown = size * 2;
            times = Arrays.copyOf(times, grown);
            types = Arrays.copyOf(types, grown);
            entities = Arrays.copyOf(entities, grown);
            auxes = Arrays.copyOf(auxes, grown);
            seeds = Arrays.copyOf(seeds, grown);
        }
        times[size] = (int) (time - start);
        types[size] = (byte) type.ordinal();
        entities[size] = entity;
        auxes[size] = aux;
        seeds[size] = seed;
        size++;
    }

    int size() {
        return size;
    }

    /** The positions of the events in time order; events of the same second in planning order. */
    int[] timeOrder() {
        long[] keys = new long[size];
        for (int i = 0; i < size; i++) {
            keys[i] = ((long) times[i] << 32) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = (int) keys[i];
        }
        return order;
    }

    long time(int i) {
        return start + times[i];
    }

    EventType type(int i) {
        return TYPES[types[i]];
    }

    int entity(int i) {
        return entities[i];
    }

    int aux(int i) {
        return auxes[i];
    }

    long seed(int i) {
        return seeds[i];
    }
}
