package io.keyline.aws;

import io.keyline.source.poll.Document;
import io.keyline.source.poll.ListingFeed;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.ReportStateType;

/**
 * An account's IAM credential report: {@code GenerateCredentialReport}, asked again until the
 * report is {@code COMPLETE} (IAM makes a new one at most every four hours and answers at once
 * while the last one is younger), then {@code GetCredentialReport}, whose CSV is the document,
 * observed at the report's own {@code GeneratedTime}.
 */
final class CredentialReportListing implements ListingFeed.PageReader {

    static final String FORMAT = CredentialReportParser.SOURCE;
    static final String OPERATION = "GetCredentialReport";

    /** The first wait for a report in progress; each next one is twice as long, at most 8 s. */
    private static final Duration FIRST_WAIT = Duration.ofMillis(500);

    private static final Duration MAX_WAIT = Duration.ofSeconds(8);

    /** How long a report may take before the attempt is given up (and retried later). */
    static final Duration PATIENCE = Duration.ofMinutes(3);

    private final IamClient iam;
    private final AwsCalls.Scope scope;
    private final String account;

    CredentialReportListing(IamClient iam, AwsCalls.Scope scope, String account) {
        this.iam = iam;
        this.scope = scope;
        this.account = account;
    }

    @Override
    public ListingFeed.Page read(URI page, long observedAt)
            throws IOException, InterruptedException {
        awaitReport();
        GetCredentialReportResponse report =
                AwsCalls.call(scope, "iam:GetCredentialReport", () -> iam.getCredentialReport());
        byte[] csv = report.content() == null ? new byte[0] : report.content().asByteArray();
        if (csv.length == 0) {
            throw new IOException(
                    "iam:GetCredentialReport in " + scope.place() + " returned an empty report");
        }
        long generated =
                report.generatedTime() != null ? report.generatedTime().toEpochMilli() : observedAt;
        return new ListingFeed.Page(
                List.of(
                        new Document(
                                FORMAT,
                                Document.origin(FORMAT, account, "/iam/" + OPERATION),
                                generated,
                                csv)),
                null);
    }

    /** Asks for a report until IAM says it is complete. */
    private void awaitReport() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Duration wait = FIRST_WAIT;
        while (true) {
            GenerateCredentialReportResponse r =
                    AwsCalls.call(
                            scope,
                            "iam:GenerateCredentialReport",
                            () -> iam.generateCredentialReport());
            if (r.state() == ReportStateType.COMPLETE) {
                return;
            }
            if (System.nanoTime() + wait.toNanos() > deadline) {
                throw new IOException(
                        "The credential report of "
                                + scope.place()
                                + " was still "
                                + r.stateAsString()
                                + " after "
                                + PATIENCE.toMinutes()
                                + " minutes");
            }
            Thread.sleep(wait.toMillis());
            wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
        }
    }
}
