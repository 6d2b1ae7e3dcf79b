package io.keyline.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Policy documents in the three spellings AWS uses: a JSON object (the CLI's output), compact JSON
 * text (CloudTrail request parameters), and URL-encoded JSON text (the raw IAM API). Also the trust
 * policies of the roles.
 */
final class PolicyDocuments {

    private static final JsonFactory FACTORY = new JsonFactory();

    private PolicyDocuments() {}

    /** The document as compact JSON text. */
    static String compact(JsonSection document) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            document.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing a policy document to a string failed.", e);
        }
        return out.toString();
    }

    /** The document as the IAM API returns it: percent-encoded JSON text. */
    static String urlEncoded(JsonSection document) {
        return URLEncoder.encode(compact(document), StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Writes the document as an object, or when {@code encoded} as a URL-encoded string. */
    static void write(JsonGenerator g, JsonSection document, boolean encoded) throws IOException {
        if (encoded) {
            g.writeString(urlEncoded(document));
        } else {
            document.write(g);
        }
    }

    /** Who may assume the role, and how. */
    static JsonSection trust(RolePlan role) {
        return g -> {
            g.writeStartObject();
            g.writeStringField("Version", "2012-10-17");
            g.writeArrayFieldStart("Statement");
            g.writeStartObject();
            g.writeStringField("Effect", "Allow");
            g.writeObjectFieldStart("Principal");
            switch (role.kind()) {
                case SSO_ROLE:
                    g.writeStringField("Federated", role.principal());
                    g.writeEndObject();
                    g.writeArrayFieldStart("Action");
                    g.writeString("sts:AssumeRoleWithSAML");
                    g.writeString("sts:TagSession");
                    g.writeEndArray();
                    g.writeObjectFieldStart("Condition");
                    g.writeObjectFieldStart("StringEquals");
                    g.writeStringField("SAML:aud", "https://signin.aws.amazon.com/saml");
                    g.writeEndObject();
                    g.writeEndObject();
                    break;
                case SERVICE_ROLE:
                    g.writeStringField("Service", role.principal());
                    g.writeEndObject();
                    g.writeStringField("Action", "sts:AssumeRole");
                    break;
                case CROSS_ACCOUNT_ROLE:
                    g.writeStringField("AWS", "arn:aws:iam::" + role.principal() + ":root");
                    g.writeEndObject();
                    g.writeStringField("Action", "sts:AssumeRole");
                    break;
                case CI_ROLE:
                    g.writeStringField("Federated", role.oidcProviderArn());
                    g.writeEndObject();
                    g.writeStringField("Action", "sts:AssumeRoleWithWebIdentity");
                    g.writeObjectFieldStart("Condition");
                    g.writeObjectFieldStart("StringEquals");
                    g.writeStringField(RolePlanner.GITHUB_OIDC + ":aud", "sts.amazonaws.com");
                    g.writeEndObject();
                    g.writeObjectFieldStart("StringLike");
                    g.writeStringField(RolePlanner.GITHUB_OIDC + ":sub", role.subject());
                    g.writeEndObject();
                    g.writeEndObject();
                    break;
                default:
                    throw new IllegalArgumentException(role.kind() + " is not a role.");
            }
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        };
    }
}
