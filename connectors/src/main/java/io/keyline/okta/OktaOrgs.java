package io.keyline.okta;

import io.keyline.format.OriginPaths;
import io.keyline.model.Federation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The Okta org a record belongs to, which scopes token and app ids. Okta records rarely name their
 * org, so it is found, in order: the folder right below the format folder in the file's path; the
 * host of an absolute URL in the record ({@code https://acme.okta.com/api/v1/...}: {@code acme}, an
 * Okta-hosted domain's first label, so that it meets the folder of the same org; a custom domain
 * stays whole); a top-level {@code org} field an exporter adds; else {@value #DEFAULT}.
 */
final class OktaOrgs {

    /** The org of records that name none, in a path that names none. */
    static final String DEFAULT = "okta";

    private OktaOrgs() {}

    /**
     * The org of a record.
     *
     * @param origin the path of the file the record came from
     * @param formatFolder the name of the format, which is also its input folder
     * @param org the record's own {@code org} field, or null
     * @param urls URLs of the record that may be absolute, in order of preference
     */
    static String of(String origin, String formatFolder, String org, String... urls) {
        String folder = OriginPaths.folderBelow(origin, formatFolder);
        if (folder != null && !folder.isBlank()) {
            return folder.toLowerCase(Locale.ROOT);
        }
        for (String url : urls) {
            String host = hostOf(url);
            if (host != null) {
                return orgOfHost(host);
            }
        }
        if (org != null && !org.isBlank()) {
            return org.trim().toLowerCase(Locale.ROOT);
        }
        return DEFAULT;
    }

    /** The org a host names: the first label of an Okta-hosted domain, else the whole host. */
    static String orgOfHost(String host) {
        String org = Federation.oktaOrg(host);
        return org != null ? org : host;
    }

    /** The host of an absolute http or https URL, in lower case; null for anything else. */
    static String hostOf(String url) {
        if (url == null || !url.regionMatches(true, 0, "http", 0, 4)) {
            return null;
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return null;
            }
            String host = uri.getHost();
            return host == null || host.isBlank() ? null : host.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
