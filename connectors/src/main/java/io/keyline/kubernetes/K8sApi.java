package io.keyline.kubernetes;

import io.keyline.source.poll.CollectorException;
import io.keyline.source.poll.Credential;
import io.keyline.source.poll.HttpApi;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A Kubernetes API server, with a bearer token (a service account's) read before every request, so
 * that the token file the kubelet renews is taken as it changes; over HTTPS it trusts the cluster's
 * own CA. Answers HTTP 410 (an expired {@code continue} token) instead of refusing it, so that the
 * listing can start again.
 */
final class K8sApi {

    /** What Kubernetes answers for a {@code continue} token that is too old. */
    static final int GONE = 410;

    /** Asks a list for its objects' metadata only ({@code PartialObjectMetadataList}). */
    static final String METADATA_ONLY =
            "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";

    static final String JSON = "application/json";

    private final Credential token;
    private final HttpApi http;

    /**
     * @param system how messages name the cluster ({@code The Kubernetes cluster prod-eu})
     * @param tls what decides which certificates to trust, or null for the JDK's authorities
     */
    K8sApi(String system, Credential token, SSLContext tls, HttpApi.Sleeper sleeper) {
        this.token = token;
        this.http = new HttpApi(system, Duration.ofSeconds(60), sleeper, Clock.systemUTC(), tls);
    }

    /**
     * GETs a list.
     *
     * @param accept {@link #JSON}, or {@link #METADATA_ONLY} for the metadata of its objects only
     * @param fix what to grant when the server refuses, as the end of a sentence
     */
    HttpApi.Response list(URI page, String accept, String fix)
            throws IOException, InterruptedException {
        return http.get(
                page,
                Map.of("Authorization", "Bearer " + token.read(), "Accept", accept),
                fix,
                Set.of(GONE));
    }

    /**
     * Trust in the certificates of a CA file (PEM, one certificate or more), as a TLS context.
     *
     * @param setting the setting that names the file, for messages
     */
    static SSLContext trusting(Path caFile, String setting) throws CollectorException {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + n++, c);
            }
            if (n == 0) {
                throw new CollectorException(
                        "The CA file " + caFile + " (" + setting + ") holds no certificate.");
            }
            TrustManagerFactory trust =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (CollectorException e) {
            throw e;
        } catch (IOException | GeneralSecurityException e) {
            throw new CollectorException(
                    "Cannot read the CA file "
                            + caFile
                            + " ("
                            + setting
                            + ") as PEM certificates: "
                            + e.getClass().getSimpleName()
                            + ".");
        }
    }
}
