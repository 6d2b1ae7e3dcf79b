package io.keyline.demo.systems;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The secret values the systems part writes into its files, for the ground truth's {@code secrets}
 * list, which the zero-knowledge checks search for in every byte Keyline writes.
 */
final class Secrets {

    private final Set<String> values = new LinkedHashSet<>();

    /** Notes a planted value and returns it. */
    String plant(String value) {
        values.add(value);
        return value;
    }

    List<String> all() {
        return new ArrayList<>(values);
    }
}
