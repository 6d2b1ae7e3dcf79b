package io.keyline.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyline.format.RawRecord;
import io.keyline.source.poll.CollectorException;
import io.keyline.source.poll.CollectorSettings;
import io.keyline.source.poll.Credential;
import io.keyline.source.poll.ReaderHarness;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes collector over HTTPS, trusting the cluster's CA file: a server whose self-signed
 * certificate (for 127.0.0.1, made with the JDK's keytool) is the CA, and another CA that must not
 * be trusted for it.
 */
class K8sTlsTest {

    private static final String PASSWORD = "keyline-test";

    @TempDir static Path dir;
    private static FakeK8s server;
    private static Path ca;
    private static Path otherCa;

    @BeforeAll
    static void startHttpsServer() throws Exception {
        Path keys = keyPair("server");
        ca = exportCertificate(keys, "server");
        otherCa = exportCertificate(keyPair("other"), "other");
        server = new FakeK8s(serverTls(keys));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theListingIsReadOverHttpsWithTheClustersCaFile() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), FakeK8s.TOKEN);
        K8sCollector c =
                K8sCollector.of(
                        new CollectorSettings(
                                "k8s",
                                Map.of(
                                        "cluster", "shop-eks",
                                        "url", server.api().url().toString(),
                                        "token-file", token.toString(),
                                        "ca-file", ca.toString())),
                        Clock.systemUTC());
        assertThat(server.api().url().getScheme()).isEqualTo("https");
        List<RawRecord> records;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(c.splits()).noMoreSplits();
            records = h.pollToEnd(Duration.ofSeconds(30));
        }
        assertThat(records).hasSize(2).allSatisfy(r -> assertThat(r.getError()).isNull());
    }

    @Test
    void aServerWhoseCertificateTheCaFileDoesNotSignIsNotTalkedTo() throws Exception {
        Credential token =
                new Credential(
                        "the token",
                        null,
                        Files.writeString(dir.resolve("token2"), FakeK8s.TOKEN).toString(),
                        "collect.k8s.token-file");
        K8sApi api =
                new K8sApi(
                        "The Kubernetes cluster shop-eks",
                        token,
                        K8sApi.trusting(otherCa, "collect.k8s.ca-file"),
                        d -> {});
        URI secrets = URI.create(server.api().url() + "/api/v1/secrets?limit=1");

        assertThatThrownBy(() -> api.list(secrets, K8sApi.JSON, "fix"))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(CollectorException.class)
                .hasMessageEndingWith("the connection failed (SSLHandshakeException)");
        assertThat(server.api().requests("/api/v1/secrets")).isEmpty();
    }

    @Test
    void aCaFileThatHoldsNoCertificateIsNamed() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.crt"), "not a certificate\n");
        assertThatThrownBy(() -> K8sApi.trusting(empty, "collect.k8s.ca-file"))
                .isInstanceOf(CollectorException.class)
                .hasMessageStartingWith(
                        "Cannot read the CA file " + empty + " (collect.k8s.ca-file) as PEM");
    }

    /** A key pair and a self-signed certificate for 127.0.0.1, in a PKCS#12 file. */
    private static Path keyPair(String name) throws Exception {
        Path store = dir.resolve(name + ".p12");
        keytool(
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=kube-apiserver-" + name,
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                PASSWORD);
        return store;
    }

    /** The certificate of a key pair, as the PEM file a cluster's ca.crt is. */
    private static Path exportCertificate(Path store, String name) throws Exception {
        Path pem = dir.resolve(name + ".crt");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                name,
                "-keystore",
                store.toString(),
                "-storepass",
                PASSWORD,
                "-file",
                pem.toString());
        return pem;
    }

    private static void keytool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }

    private static SSLContext serverTls(Path store) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        return tls;
    }
}
