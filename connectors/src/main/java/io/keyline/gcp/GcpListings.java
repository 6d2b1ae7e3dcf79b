package io.keyline.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.ListingEvents;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The entries of a Google Cloud listing in each shape it is exported in: the REST response ({@code
 * {"accounts":[...], "nextPageToken":...}}), the bare array {@code gcloud --format=json} prints, or
 * one entry per line. An empty REST response ({@code {}}, or only a page token) lists nothing.
 */
final class GcpListings {

    /** Fields of a REST list response besides its entries. */
    private static final Set<String> PAGING = Set.of("nextPageToken", "totalSize", "unreachable");

    private GcpListings() {}

    /**
     * The entries of a record: the array at {@code listField}, the elements of a bare array, or the
     * record itself when it has {@code entryField}. Rejects the record, with a reason naming {@code
     * what} it should be, and returns no entries when it is none of these.
     */
    static List<JsonNode> entries(
            JsonNode root, String listField, String entryField, String what, ListingEvents events) {
        List<JsonNode> entries = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(entries::add);
        } else if (!root.isObject()) {
            events.reject("the record is not " + what, SecretFields.redacted(root));
        } else if (root.has(listField)) {
            JsonNode list = root.get(listField);
            if (list.isArray()) {
                list.forEach(entries::add);
            } else if (!list.isNull()) {
                events.reject(
                        "the " + listField + " field of the record is not an array",
                        SecretFields.redacted(root));
            }
        } else if (root.has(entryField)) {
            entries.add(root);
        } else if (!onlyPaging(root)) {
            events.reject("the record is not " + what, SecretFields.redacted(root));
        }
        return entries;
    }

    private static boolean onlyPaging(JsonNode root) {
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            if (!PAGING.contains(names.next())) {
                return false;
            }
        }
        return true;
    }
}
