package io.keyline.gcp;

import com.google.auth.Retryable;
import com.google.auth.oauth2.GoogleCredentials;
import io.keyline.source.poll.CollectorException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;

/**
 * The Google credentials of a collector, through Google's auth library: a credentials file named in
 * the settings (a service-account key, an authorized user, a workload identity federation
 * configuration), else Application Default Credentials. They are read on the task that uses them;
 * neither they nor the tokens they mint appear in any message.
 */
@Internal
final class GcpCredentials {

    private GcpCredentials() {}

    /**
     * The credentials, scoped.
     *
     * @param file the credentials file, or null for Application Default Credentials
     * @param setting the setting that names the file, for messages
     */
    static GoogleCredentials load(String file, String setting, List<String> scopes)
            throws CollectorException {
        GoogleCredentials credentials;
        if (file != null) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                credentials = GoogleCredentials.fromStream(in);
            } catch (NoSuchFileException e) {
                throw new CollectorException(
                        "The Google credentials file " + file + " (" + setting + ") is missing.");
            } catch (IOException | RuntimeException e) {
                // The library's own message may quote the file; the type is enough.
                throw new CollectorException(
                        "The Google credentials file "
                                + file
                                + " ("
                                + setting
                                + ") is not one Google's auth library reads ("
                                + e.getClass().getSimpleName()
                                + "): give a service-account key, an authorized user or a"
                                + " workload identity federation configuration.");
            }
        } else {
            try {
                credentials = GoogleCredentials.getApplicationDefault();
            } catch (IOException e) {
                throw new CollectorException(
                        "No Google Application Default Credentials were found: set"
                                + " GOOGLE_APPLICATION_CREDENTIALS, run where a service account is"
                                + " attached (GKE workload identity, Compute Engine), or name a"
                                + " credentials file with "
                                + setting
                                + ".");
            }
        }
        return credentials.createScopedRequired() ? credentials.createScoped(scopes) : credentials;
    }

    /**
     * The request headers that authorize a call to {@code uri} (a bearer token, minted or refreshed
     * as needed, and the quota project if the credentials name one).
     *
     * @param who the credentials, for messages ({@code the credentials of collect.gcp})
     * @throws CollectorException when Google's token endpoint refuses the credentials
     * @throws IOException when it cannot be reached, or fails in a way worth retrying
     */
    static Map<String, String> headers(GoogleCredentials credentials, URI uri, String who)
            throws IOException {
        Map<String, List<String>> metadata;
        try {
            metadata = credentials.getRequestMetadata(uri);
        } catch (IOException e) {
            if (e instanceof Retryable r && !r.isRetryable()) {
                throw new CollectorException(
                        "Google's token endpoint refused "
                                + who
                                + ": check that the key or grant is valid, not disabled or"
                                + " revoked.");
            }
            throw new IOException(
                    "Google's token endpoint could not be reached for "
                            + who
                            + " ("
                            + e.getClass().getSimpleName()
                            + ")");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        metadata.forEach(
                (name, values) -> {
                    if (!values.isEmpty()) {
                        headers.put(name, String.join(",", values));
                    }
                });
        return headers;
    }
}
