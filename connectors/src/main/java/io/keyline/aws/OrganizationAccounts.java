package io.keyline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.source.poll.CollectorException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * The active accounts of the caller's organization, from AWS Organizations' {@code ListAccounts},
 * page by page. The SDK's Organizations module is not among this build's dependencies (it does not
 * resolve here), so the call is made with the SDK's own parts: the credentials, its Signature
 * Version 4 signer and its Apache HTTP client, speaking the service's JSON 1.1 protocol. Throttling
 * and server errors are retried with backoff.
 */
final class OrganizationAccounts {

    static final String TARGET = "AWSOrganizationsV20161128.ListAccounts";

    /** Organizations is signed in us-east-1 in the aws partition. */
    static final String SIGNING_REGION = "us-east-1";

    private static final URI ENDPOINT = URI.create("https://organizations.us-east-1.amazonaws.com");
    private static final int ATTEMPTS = 6;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Set<String> THROTTLING =
            Set.of("TooManyRequestsException", "ThrottlingException", "Throttling");

    private OrganizationAccounts() {}

    /** The ids of the organization's active accounts, in the order Organizations lists them. */
    static List<String> list(AwsConnection connection) throws IOException, InterruptedException {
        AwsCredentials credentials;
        AwsCredentialsProvider provider = connection.credentials().provider();
        try {
            credentials = provider.resolveCredentials();
        } catch (SdkClientException e) {
            throw new CollectorException(
                    "The AWS collector found no credentials in the SDK's default chain to list the"
                            + " organization's accounts ("
                            + AwsCalls.summary(e.getMessage())
                            + "): give the job a role or profile of the organization's management"
                            + " account or of a delegated administrator.",
                    e);
        } finally {
            if (provider instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // The credentials were read; closing the provider frees its threads only.
                }
            }
        }
        URI endpoint = connection.endpoint() != null ? connection.endpoint() : ENDPOINT;
        List<String> accounts = new ArrayList<>();
        try (SdkHttpClient http = ApacheHttpClient.builder().build()) {
            String token = null;
            do {
                ObjectNode body = Json.MAPPER.createObjectNode().put("MaxResults", 20);
                if (token != null) {
                    body.put("NextToken", token);
                }
                JsonNode page = call(http, endpoint, credentials, body);
                for (JsonNode account : page.path("Accounts")) {
                    // State replaces the older Status; both say ACTIVE for an account in use.
                    String state = Json.text(account, "State");
                    if (state == null) {
                        state = Json.text(account, "Status");
                    }
                    String id = Json.text(account, "Id");
                    if (id != null && "ACTIVE".equals(state)) {
                        accounts.add(id);
                    }
                }
                token = Json.text(page, "NextToken");
            } while (token != null);
        }
        return accounts;
    }

    private static JsonNode call(
            SdkHttpClient http, URI endpoint, AwsCredentials credentials, ObjectNode body)
            throws IOException, InterruptedException {
        byte[] payload = Json.MAPPER.writeValueAsBytes(body);
        String failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            SdkHttpFullRequest request =
                    SdkHttpFullRequest.builder()
                            .method(SdkHttpMethod.POST)
                            .uri(endpoint)
                            .putHeader("Content-Type", "application/x-amz-json-1.1")
                            .putHeader("X-Amz-Target", TARGET)
                            .build();
            SignedRequest signed =
                    AwsV4HttpSigner.create()
                            .sign(
                                    r ->
                                            r.identity(credentials)
                                                    .request(request)
                                                    .payload(
                                                            ContentStreamProvider.fromByteArray(
                                                                    payload))
                                                    .putProperty(
                                                            AwsV4HttpSigner.SERVICE_SIGNING_NAME,
                                                            "organizations")
                                                    .putProperty(
                                                            AwsV4HttpSigner.REGION_NAME,
                                                            SIGNING_REGION));
            int status;
            byte[] answer;
            String errorType;
            try {
                HttpExecuteResponse response =
                        http.prepareRequest(
                                        HttpExecuteRequest.builder()
                                                .request(signed.request())
                                                .contentStreamProvider(
                                                        signed.payload().orElse(null))
                                                .build())
                                .call();
                status = response.httpResponse().statusCode();
                try (InputStream in = response.responseBody().orElse(null)) {
                    answer = in == null ? new byte[0] : in.readAllBytes();
                }
                errorType =
                        response.httpResponse()
                                .firstMatchingHeader("x-amzn-ErrorType")
                                .orElse(null);
            } catch (IOException e) {
                failure = "the connection failed (" + e.getClass().getSimpleName() + ")";
                sleep(attempt);
                continue;
            }
            if (status == 200) {
                try {
                    return Json.read(answer);
                } catch (MalformedRecordException e) {
                    throw new IOException(
                            "organizations:ListAccounts returned something other than JSON", e);
                }
            }
            String code = errorCode(errorType, answer);
            if (status >= 500 || status == 429 || THROTTLING.contains(code)) {
                failure = "HTTP " + status + ", " + code;
                sleep(attempt);
                continue;
            }
            throw refusal(status, code);
        }
        throw new IOException(
                "organizations:ListAccounts failed " + ATTEMPTS + " times: " + failure);
    }

    private static CollectorException refusal(int status, String code) {
        if (code.equals("AWSOrganizationsNotInUseException")) {
            return new CollectorException(
                    "The AWS collector's credentials belong to an account that is in no"
                            + " organization (HTTP "
                            + status
                            + ", "
                            + code
                            + "): list the accounts in collect.aws.accounts instead of"
                            + " collect.aws.organization=true.");
        }
        return new CollectorException(
                "AWS Organizations refused organizations:ListAccounts to the collector's own"
                        + " credentials (HTTP "
                        + status
                        + ", "
                        + code
                        + "): run the collector with credentials of the organization's"
                        + " management account or of a delegated administrator, allowed"
                        + " organizations:ListAccounts.");
    }

    /**
     * The error's type, from the {@code x-amzn-ErrorType} header or the body's {@code __type}
     * ({@code com.amazonaws...#AccessDeniedException:} becomes {@code AccessDeniedException}).
     */
    static String errorCode(String header, byte[] body) {
        String type = header;
        if (type == null || type.isBlank()) {
            try {
                type = Json.text(Json.read(body), "__type");
            } catch (MalformedRecordException e) {
                type = null;
            }
        }
        if (type == null || type.isBlank()) {
            return "no error code";
        }
        int colon = type.indexOf(':');
        if (colon >= 0) {
            type = type.substring(0, colon);
        }
        int hash = type.lastIndexOf('#');
        return type.substring(hash + 1).trim().replaceAll("[^A-Za-z0-9.]", "");
    }

    private static void sleep(int attempt) throws InterruptedException {
        if (attempt < ATTEMPTS) {
            Thread.sleep(FIRST_BACKOFF.toMillis() << Math.min(attempt - 1, 5));
        }
    }
}
