package io.keyline.aws;

import static io.keyline.aws.AwsCollectorHarness.A;
import static io.keyline.aws.AwsCollectorHarness.B;
import static io.keyline.aws.AwsCollectorHarness.CLOCK;
import static io.keyline.aws.AwsCollectorHarness.PATIENCE;
import static io.keyline.aws.AwsCollectorHarness.collector;
import static io.keyline.aws.AwsCollectorHarness.deadLetters;
import static io.keyline.aws.AwsCollectorHarness.events;
import static io.keyline.aws.AwsCollectorHarness.read;
import static io.keyline.aws.AwsCollectorHarness.streams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyline.format.RawRecord;
import io.keyline.format.Timestamps;
import io.keyline.model.IdentityEvent;
import io.keyline.source.ParserHarness;
import io.keyline.source.poll.PollSplit;
import io.keyline.source.poll.ReaderHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The AWS collector's listings through the real AWS SDK against {@link FakeAws}: every page of each
 * listing, in each account as the role assumed there, parsed by the existing parsers into the
 * events of the CLI's own exports; throttling retried; a refusal as one dead letter; a restart in
 * the middle of a listing.
 */
class AwsCollectorTest {

    private FakeAws fake;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeAws().account(A).account(B);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void eachAccountsListingsAreReadAsItsRoleAndParseAsTheCliExportsWould() throws Exception {
        AwsCollector c = collector(fake);
        List<RawRecord> records = read(c, streams(c, id -> !id.startsWith("cloudtrail")));

        // Every account's listings, parsed, are the events of the CLI's output of the same.
        List<IdentityEvent> expected = new ArrayList<>();
        for (String account : List.of(A, B)) {
            expected.addAll(exported(account));
        }
        assertThat(events(records)).containsExactlyInAnyOrderElementsOf(expected);

        // The role was assumed in each account, and each account was listed with its session.
        assertThat(fake.calls("sts:AssumeRole"))
                .extracting(call -> call.params().get("RoleArn"))
                .contains(
                        "arn:aws:iam::" + A + ":role/" + FakeAws.ROLE,
                        "arn:aws:iam::" + B + ":role/" + FakeAws.ROLE);
        assertThat(fake.calls("sts:AssumeRole"))
                .allSatisfy(
                        call -> {
                            assertThat(call.keyId()).isEqualTo(FakeAws.BASE_KEY_ID);
                            assertThat(call.params().get("RoleSessionName"))
                                    .isEqualTo("keyline-collector");
                        });
        List<FakeAws.Call> listings =
                fake.calls().stream().filter(call -> !call.action().startsWith("sts:")).toList();
        assertThat(listings).extracting(FakeAws.Call::account).contains(A, B);
        assertThat(listings)
                .allSatisfy(
                        call -> {
                            assertThat(call.keyId())
                                    .isEqualTo(FakeAws.sessionKeyId(call.account()));
                            assertThat(call.sessionToken())
                                    .isEqualTo(FakeAws.sessionToken(call.account()));
                        });

        // Every page was asked for: pages of two users, entries and secrets.
        assertThat(fake.calls("iam:ListUsers"))
                .filteredOn(call -> call.account().equals(A))
                .extracting(call -> call.params().get("Marker"))
                .containsExactly(null, "2");
        assertThat(fake.calls("iam:GetAccountAuthorizationDetails"))
                .filteredOn(call -> call.account().equals(A))
                .hasSize(5);
        assertThat(fake.calls("iam:GenerateCredentialReport"))
                .filteredOn(call -> call.account().equals(A))
                .hasSize(2);
        assertThat(fake.calls("secretsmanager:ListSecrets"))
                .filteredOn(call -> call.account().equals(A))
                .hasSize(3);
    }

    /** The events of the CLI's outputs of an account's listings, read as files. */
    private List<IdentityEvent> exported(String account) {
        long now = CLOCK.millis();
        List<IdentityEvent> events = new ArrayList<>();
        events.addAll(
                parse(
                        "aws-authorization-details",
                        account + "/details.json",
                        FakeIam.details(account),
                        now));
        events.addAll(
                parse("aws-access-keys", account + "/keys.json", fake.iam().keys(account), now));
        String firstKey = account.equals(A) ? "AKIAIOSFODNN7EXAMPLE" : "AKIAIOSFODNN7EXAMPL1";
        String secondKey = account.equals(A) ? "AKIAI44QH8DHBEXAMPLE" : "AKIAI44QH8DHBEXAMPL1";
        events.addAll(
                parse(
                        "aws-access-keys",
                        account + "/" + firstKey + ".json",
                        FakeIam.text("/fixtures/aws/awscli-get-access-key-last-used.json"),
                        now));
        events.addAll(
                parse(
                        "aws-access-keys",
                        account + "/" + secondKey + ".json",
                        "{\"UserName\":\"Bob\",\"AccessKeyLastUsed\":{\"Region\":\"N/A\","
                                + "\"ServiceName\":\"N/A\"}}",
                        now));
        events.addAll(
                parse(
                        "aws-credential-report",
                        account + "/report.csv",
                        FakeIam.report(account),
                        Timestamps.parse(FakeIam.REPORT_TIME)));
        events.addAll(
                parse(
                        "aws-secrets-manager",
                        account + "/secrets.json",
                        FakeSecrets.listing(account),
                        now));
        return events;
    }

    private static List<IdentityEvent> parse(String format, String file, String content, long at) {
        var out =
                ParserHarness.parseFile(format, file, content.getBytes(StandardCharsets.UTF_8), at);
        assertThat(out.rejections()).as(file).isEmpty();
        return out.events();
    }

    @Test
    void aRestartInTheMiddleOfTheKeyListingResumesAtTheCheckpointedPage() throws Exception {
        AwsCollector c = collector(fake, "page-size", "1", "accounts", A);
        List<PollSplit> keys = streams(c, id -> id.startsWith("aws-access-keys/"));
        List<PollSplit> state;
        List<RawRecord> before;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(keys).noMoreSplits();
            // Alice has no keys, Bob has two: the first records are Bob's page.
            before = h.pollUntil(1, PATIENCE);
            state = h.checkpoint(1);
        }
        assertThat(state.get(0).cursor()).startsWith("page ").endsWith("aws:ListUsers?2");
        int asked = fake.calls("iam:ListUsers").size();

        List<RawRecord> after;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(state).noMoreSplits();
            after = h.pollToEnd(PATIENCE);
        }
        // The restart asked for the third page (Charlie's) first, not the listing's start.
        assertThat(fake.calls("iam:ListUsers").subList(asked, fake.calls("iam:ListUsers").size()))
                .extracting(call -> call.params().get("Marker"))
                .first()
                .isEqualTo("2");
        List<RawRecord> all = new ArrayList<>(before);
        all.addAll(after);
        List<IdentityEvent> expected = new ArrayList<>();
        expected.addAll(
                exported(A).stream().filter(e -> e.getSource().equals("aws-access-keys")).toList());
        assertThat(events(all)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void throttledCallsAreRetriedAndTheListingsComplete() throws Exception {
        fake.throttle("iam:ListUsers", 2).throttle("secretsmanager:ListSecrets", 2);
        AwsCollector c = collector(fake, "accounts", A);
        List<RawRecord> records =
                read(
                        c,
                        streams(
                                c,
                                id ->
                                        id.startsWith("aws-access-keys/")
                                                || id.equals(
                                                        "aws-secrets-manager/"
                                                                + A
                                                                + "/"
                                                                + FakeSecrets.REGION)));

        assertThat(deadLetters(records)).isEmpty();
        // Two throttled answers, then the two pages of users.
        assertThat(fake.calls("iam:ListUsers")).hasSize(4);
        assertThat(fake.calls("secretsmanager:ListSecrets")).hasSize(4);
        assertThat(events(records)).isNotEmpty();
    }

    @Test
    void anHttp429IsRetriedToo() throws Exception {
        fake.throttle("iam:GetAccountAuthorizationDetails", 1).throttleWith429();
        AwsCollector c = collector(fake, "accounts", A, "page-size", "100");
        List<RawRecord> records =
                read(c, streams(c, id -> id.startsWith("aws-authorization-details/")));

        assertThat(deadLetters(records)).isEmpty();
        assertThat(fake.calls("iam:GetAccountAuthorizationDetails")).hasSize(2);
        assertThat(events(records))
                .containsExactlyInAnyOrderElementsOf(
                        parse(
                                "aws-authorization-details",
                                A + "/details.json",
                                FakeIam.details(A),
                                CLOCK.millis()));
    }

    @Test
    void anAccessDeniedIsOneDeadLetterThatNamesTheAccountTheActionAndTheRole() throws Exception {
        fake.deny("iam:GetAccessKeyLastUsed", A);
        AwsCollector c = collector(fake, "accounts", A);
        List<RawRecord> records = read(c, streams(c, id -> id.startsWith("aws-access-keys/")));

        assertThat(records).hasSize(1);
        assertThat(records.get(0).getError())
                .isEqualTo(
                        "The AWS account "
                                + A
                                + " refused iam:GetAccessKeyLastUsed to the role arn:aws:iam::"
                                + A
                                + ":role/KeylineCollector (HTTP 403, AccessDenied): grant"
                                + " iam:GetAccessKeyLastUsed to the role arn:aws:iam::"
                                + A
                                + ":role/KeylineCollector, as in the AWS collector's"
                                + " least-privilege policy.");
        assertThat(records.get(0).getOrigin()).isEqualTo("collector:/aws-access-keys/" + A);
    }

    @Test
    void aRoleThatCannotBeAssumedIsADeadLetterThatSaysWhatTheTrustMustAllow() throws Exception {
        fake.untrusted(B);
        AwsCollector c = collector(fake, "accounts", B);
        List<RawRecord> records =
                read(c, streams(c, id -> id.equals("aws-authorization-details/" + B)));

        assertThat(deadLetters(records))
                .containsExactly(
                        "The role arn:aws:iam::"
                                + B
                                + ":role/KeylineCollector of the AWS account "
                                + B
                                + " cannot be assumed (HTTP 403, AccessDenied): the role must"
                                + " exist, its trust policy must allow sts:AssumeRole to the"
                                + " collector's principal, and the collector's own policy must"
                                + " allow sts:AssumeRole on that role.");
        assertThat(fake.calls()).extracting(FakeAws.Call::action).containsOnly("sts:AssumeRole");
    }

    @Test
    void aSessionThatCanNoLongerBeRenewedIsADeadLetterAboutTheTrust() throws Exception {
        // A session of 30 s is stale at once: the SDK uses it for about a second, then renews
        // it. The report takes 3.5 s to be ready, and the second AssumeRole is refused.
        fake.sessionSeconds(30).trustTimes(A, 1);
        fake.iam().reportInProgress(3);
        AwsCollector c = collector(fake, "accounts", A);
        List<RawRecord> records =
                read(c, streams(c, id -> id.equals("aws-credential-report/" + A)));

        assertThat(deadLetters(records))
                .containsExactly(
                        "The AWS account "
                                + A
                                + ": the session of the role arn:aws:iam::"
                                + A
                                + ":role/KeylineCollector could not be renewed for"
                                + " iam:GenerateCredentialReport (HTTP 403, AccessDenied): the"
                                + " role's trust policy must still allow sts:AssumeRole to the"
                                + " collector's principal.");
        assertThat(fake.calls("sts:AssumeRole")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(fake.calls("iam:GetCredentialReport")).isEmpty();
    }

    @Test
    void theExternalIdTheTrustAsksForIsSent() throws Exception {
        fake.externalId(A, "keyline-external-7");
        AwsCollector c = collector(fake, "accounts", A, "external-id", "keyline-external-7");
        List<RawRecord> records =
                read(c, streams(c, id -> id.equals("aws-credential-report/" + A)));

        assertThat(deadLetters(records)).isEmpty();
        assertThat(fake.calls("sts:AssumeRole"))
                .extracting(call -> call.params().get("ExternalId"))
                .containsOnly("keyline-external-7");
    }

    @Test
    void withoutARoleTheCollectorReadsTheAccountOfItsOwnCredentialsOnly() throws Exception {
        fake.account(FakeAws.CALLER_ACCOUNT);
        AwsCollector own = collector(fake, "accounts", FakeAws.CALLER_ACCOUNT, "role-name", null);
        List<RawRecord> records =
                read(own, streams(own, id -> id.startsWith("aws-credential-report/")));
        assertThat(deadLetters(records)).isEmpty();
        assertThat(fake.calls("sts:AssumeRole")).isEmpty();
        assertThat(fake.calls("iam:GetCredentialReport"))
                .extracting(FakeAws.Call::keyId)
                .containsOnly(FakeAws.BASE_KEY_ID);

        AwsCollector other = collector(fake, "accounts", A, "role-name", null);
        assertThat(
                        deadLetters(
                                read(
                                        other,
                                        streams(
                                                other,
                                                id -> id.startsWith("aws-credential-report/")))))
                .containsExactly(
                        "The AWS collector's credentials belong to the account "
                                + FakeAws.CALLER_ACCOUNT
                                + ", not to "
                                + A
                                + ", and collect.aws.role-name is not set: name a role to assume"
                                + " in each account with collect.aws.role-name, or list only "
                                + FakeAws.CALLER_ACCOUNT
                                + " in collect.aws.accounts.");
    }

    @Test
    void anOrganizationsActiveAccountsAreReadEvenWhenListAccountsIsThrottledOnce()
            throws Exception {
        fake.organization(A, B, "777788889999").throttle("organizations:ListAccounts", 1);
        AwsCollector c = collector(fake, "accounts", null, "organization", "true");

        List<String> accounts =
                c.splits().stream()
                        .filter(s -> s.format().equals("aws-access-keys"))
                        .map(s -> s.splitId().substring(s.splitId().indexOf('/') + 1))
                        .toList();

        // The last account of the organization is suspended.
        assertThat(accounts).containsExactly(A, B);
        assertThat(fake.calls("organizations:ListAccounts"))
                .hasSize(2)
                .allSatisfy(call -> assertThat(call.keyId()).isEqualTo(FakeAws.BASE_KEY_ID));
    }

    @Test
    void aRefusedListAccountsNamesThePermissionAndWhereItMustBeCalledFrom() {
        fake.organization(A).deny("organizations:ListAccounts", FakeAws.CALLER_ACCOUNT);
        AwsCollector c = collector(fake, "accounts", null, "organization", "true");

        assertThatThrownBy(c::splits)
                .isInstanceOf(io.keyline.source.poll.CollectorException.class)
                .hasMessage(
                        "AWS Organizations refused organizations:ListAccounts to the collector's"
                                + " own credentials (HTTP 400, AccessDeniedException): run the"
                                + " collector with credentials of the organization's management"
                                + " account or of a delegated administrator, allowed"
                                + " organizations:ListAccounts.");
    }
}
