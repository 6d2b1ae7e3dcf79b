package io.keyline.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** A piece of JSON written onto a generator: one value, such as an object or an array. */
@FunctionalInterface
interface JsonSection {
    void write(JsonGenerator g) throws IOException;
}
