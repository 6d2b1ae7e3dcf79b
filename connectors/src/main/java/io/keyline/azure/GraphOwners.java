package io.keyline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The owners a Graph application or service principal names: {@code tags} such as {@code
 * owner:alice@example.com} or {@code owner=alice@example.com}, an {@code owner: <address>} line in
 * its {@code notes}, and the users of an expanded {@code owners} list ({@code $expand=owners}). All
 * in lower case; owners that are themselves service principals are left out.
 */
final class GraphOwners {

    private static final Pattern TAG = Pattern.compile("(?i)^\\s*owner\\s*[:=]\\s*(\\S+)\\s*$");

    private static final Pattern NOTE = Pattern.compile("(?i)\\bowner\\s*[:=]\\s*([^\\s,;]+)");

    private GraphOwners() {}

    static Set<String> of(JsonNode object) {
        Set<String> owners = new LinkedHashSet<>();
        JsonNode tags = AzureJson.array(object, "tags");
        if (tags != null) {
            for (JsonNode tag : tags) {
                if (tag.isTextual()) {
                    Matcher m = TAG.matcher(tag.asText());
                    if (m.matches()) {
                        add(m.group(1), owners);
                    }
                }
            }
        }
        String notes = AzureJson.text(object, "notes");
        if (notes != null) {
            Matcher m = NOTE.matcher(notes);
            while (m.find()) {
                add(m.group(1), owners);
            }
        }
        JsonNode list = AzureJson.array(object, "owners");
        if (list != null) {
            for (JsonNode owner : list) {
                if (AzureJson.text(owner, "appId") != null) {
                    continue;
                }
                String login = AzureJson.text(owner, "userPrincipalName");
                add(login != null ? login : AzureJson.text(owner, "mail"), owners);
            }
        }
        return owners;
    }

    private static void add(String owner, Set<String> owners) {
        if (owner != null && !owner.isBlank()) {
            owners.add(owner.trim().toLowerCase(Locale.ROOT));
        }
    }
}
