package io.keyline.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.identity.AzureAuthorityHosts;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.CredentialUnavailableException;
import com.azure.identity.DefaultAzureCredentialBuilder;
import io.keyline.source.poll.CollectorException;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * Entra ID tokens for Microsoft Graph, with azure-identity: an app's client secret ({@code
 * ClientSecretCredential}) when the collector names where the secret is, else the default Azure
 * credential chain (workload identity, managed identity, the {@code AZURE_*} variables, the Azure
 * CLI). A token serves until shortly before it expires. A token is sent only to the Graph URL it
 * was asked for; neither it nor the secret appears in any message.
 */
final class GraphTokens {

    private static final Set<String> KNOWN_AUTHORITIES =
            Set.of(
                    AzureAuthorityHosts.AZURE_PUBLIC_CLOUD,
                    AzureAuthorityHosts.AZURE_CHINA,
                    AzureAuthorityHosts.AZURE_GOVERNMENT);

    /** How long before its expiry a token is renewed. */
    static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    private final TokenCredential credential;
    private final TokenRequestContext request;
    private final String who;
    private final String fix;
    private AccessToken last;

    private GraphTokens(TokenCredential credential, String scope, String who, String fix) {
        this.credential = credential;
        this.request = new TokenRequestContext().addScopes(scope);
        this.who = who;
        this.fix = fix;
    }

    /**
     * The tokens of an app (its client secret) or of the default chain (a null {@code secret}).
     *
     * @param authority the Entra ID host, {@code https://login.microsoftonline.com/}
     * @param http the HTTP client token requests go through, or null for azure-identity's own
     * @param secretSetting the setting that names the secret's file, for messages
     */
    static GraphTokens of(
            String tenant,
            String authority,
            String graph,
            String clientId,
            String secret,
            String secretSetting,
            HttpClient http) {
        String scope = graph + "/.default";
        if (secret != null) {
            ClientSecretCredentialBuilder b =
                    new ClientSecretCredentialBuilder()
                            .tenantId(tenant)
                            .clientId(clientId)
                            .clientSecret(secret)
                            .authorityHost(authority);
            if (!KNOWN_AUTHORITIES.contains(withSlash(authority))) {
                // A private or test authority that the public cloud's discovery does not know.
                b.disableInstanceDiscovery();
            }
            if (http != null) {
                b.httpClient(http);
            }
            return new GraphTokens(
                    b.build(),
                    scope,
                    "the app " + clientId + " of the tenant " + tenant,
                    "check the client secret that "
                            + secretSetting
                            + " (or its variable) holds, and that it has not expired");
        }
        DefaultAzureCredentialBuilder b =
                new DefaultAzureCredentialBuilder().tenantId(tenant).authorityHost(authority);
        if (http != null) {
            b.httpClient(http);
        }
        return new GraphTokens(
                b.build(),
                scope,
                "the default Azure credential for the tenant " + tenant,
                "give the collector a workload or managed identity, the AZURE_CLIENT_ID,"
                        + " AZURE_TENANT_ID and AZURE_CLIENT_SECRET variables, or a client secret"
                        + " ("
                        + secretSetting
                        + ")");
    }

    /**
     * A token: the last one while it has more than {@link #RENEW_BEFORE} to live, else a new one.
     * Kept here rather than left to the library's cache, which the token endpoint of a private
     * authority does not always fill, so that a listing of many pages asks Entra ID once.
     */
    String token() throws IOException {
        AccessToken last = this.last;
        if (last != null
                && last.getExpiresAt() != null
                && last.getExpiresAt().isAfter(OffsetDateTime.now().plus(RENEW_BEFORE))) {
            return last.getToken();
        }
        try {
            AccessToken token = credential.getTokenSync(request);
            if (token == null || token.getToken() == null) {
                throw new IOException("Entra ID gave no token to " + who + ".");
            }
            this.last = token;
            return token.getToken();
        } catch (RuntimeException e) {
            // The innermost message is Entra ID's own (AADSTS...), under the library's wrappers.
            Throwable root = e;
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t.getMessage() != null && !t.getMessage().isBlank()) {
                    root = t;
                }
            }
            String said = SdkMessages.of(root);
            if (e instanceof CredentialUnavailableException || said.contains("AADSTS")) {
                throw new CollectorException(
                        "Entra ID gave no token for Microsoft Graph to "
                                + who
                                + " ("
                                + said
                                + "): "
                                + fix
                                + ".");
            }
            throw new IOException(
                    "Entra ID could not be asked for a token for " + who + ": " + said, e);
        }
    }

    private static String withSlash(String authority) {
        return authority.endsWith("/") ? authority : authority + "/";
    }
}
