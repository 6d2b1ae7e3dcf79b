package io.keyline.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Entra ID's token endpoint on loopback, over HTTPS as azure-identity demands, with a certificate
 * made for the test by the JDK's keytool: it answers the client credentials grant of one app and
 * one secret with a bearer token, and anything else as Entra ID refuses it ({@code invalid_client},
 * {@code AADSTS7000215}). Every token request is recorded with its form fields.
 */
final class FakeEntra implements AutoCloseable {

    /** The token it gives; it must never be written anywhere. */
    static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOi.Pl4nt3dGraphToken.sig";

    private final HttpsServer server;
    private final SSLContext trusting;
    private final String tenant;
    private final String clientId;
    private final String secret;
    private final List<Map<String, String>> requests =
            Collections.synchronizedList(new ArrayList<>());

    FakeEntra(Path dir, String tenant, String clientId, String secret) throws Exception {
        this.tenant = tenant;
        this.clientId = clientId;
        this.secret = secret;
        char[] password = "test-store".toCharArray();
        Path store = dir.resolve("entra.p12");
        keytool(store, new String(password));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, password);
        }
        KeyManagerFactory km =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        km.init(keys, password);
        SSLContext serving = SSLContext.getInstance("TLS");
        serving.init(km.getKeyManagers(), null, null);
        TrustManagerFactory tm =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tm.init(keys);
        trusting = SSLContext.getInstance("TLS");
        trusting.init(null, tm.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serving));
        server.createContext("/", this::handle);
        server.start();
    }

    /** A self-signed certificate for 127.0.0.1, valid for a day. */
    private static void keytool(Path store, String password) throws Exception {
        Process p =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "keytool")
                                        .toString(),
                                "-genkeypair",
                                "-alias",
                                "entra",
                                "-keyalg",
                                "EC",
                                "-groupname",
                                "secp256r1",
                                "-dname",
                                "CN=127.0.0.1",
                                "-ext",
                                "SAN=ip:127.0.0.1",
                                "-validity",
                                "1",
                                "-storetype",
                                "PKCS12",
                                "-keystore",
                                store.toString(),
                                "-storepass",
                                password,
                                "-keypass",
                                password)
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + out);
        }
    }

    /** The authority host, {@code https://127.0.0.1:<port>}. */
    String authority() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** An HTTP client for azure-identity that trusts this authority's certificate. */
    HttpClient httpClient() {
        return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(trusting))
                .build();
    }

    /** The form fields of each token request, in order. */
    List<Map<String, String>> requests() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> form = new LinkedHashMap<>();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        form.put("path", path);
        requests.add(form);
        int status;
        String answer;
        if (!path.equals("/" + tenant + "/oauth2/v2.0/token")
                || !"POST".equals(exchange.getRequestMethod())) {
            status = 404;
            answer = "{\"error\":\"not_found\"}";
        } else if ("client_credentials".equals(form.get("grant_type"))
                && clientId.equals(form.get("client_id"))
                && secret.equals(form.get("client_secret"))) {
            status = 200;
            answer =
                    "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
                            + "\"access_token\":\""
                            + TOKEN
                            + "\"}";
        } else {
            status = 401;
            answer =
                    "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215:"
                            + " Invalid client secret provided. Ensure the secret being sent in"
                            + " the request is the client secret value, not the client secret"
                            + " ID.\",\"error_codes\":[7000215]}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
