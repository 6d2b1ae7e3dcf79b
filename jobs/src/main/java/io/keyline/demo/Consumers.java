package io.keyline.demo;

import java.util.SplittableRandom;

/**
 * Where calls come from: a source address and a user agent. A key's places are fixed by its number
 * (the last octet is distinct per place, so the pairs are distinct); workloads, CI runners and
 * people have their own.
 */
final class Consumers {

    /** A source address and user agent. */
    record Place(String ip, String userAgent) {}

    // Documentation address ranges stand in for public addresses.
    private static final String[] PUBLIC = {"198.51.100", "203.0.113", "192.0.2"};

    private Consumers() {}

    /** Place {@code index} of a key: the same for every call of the key from there. */
    static Place ofKey(long seed, KeyPlan key, int index) {
        SplittableRandom base = Seeds.rng(seed, Seeds.CONSUMER, key.number());
        int a = base.nextInt(256);
        int b = base.nextInt(256);
        SplittableRandom r = Seeds.rng(seed, Seeds.CONSUMER, key.number(), index);
        String ip =
                r.nextDouble() < 0.65
                        ? "10." + a + "." + b + "." + (10 + index)
                        : PUBLIC[r.nextInt(PUBLIC.length)] + "." + (10 + index);
        return new Place(ip, sdkAgent(r));
    }

    /** The place of a role's workload (a Lambda function, an instance, a task). */
    static Place ofRole(long seed, RolePlan role) {
        SplittableRandom r = Seeds.rng(seed, Seeds.CONSUMER, -1 - role.identity());
        if ("lambda.amazonaws.com".equals(role.principal())) {
            return new Place(
                    PUBLIC[r.nextInt(PUBLIC.length)] + "." + (1 + r.nextInt(254)),
                    "Boto3/1.34."
                            + r.nextInt(60)
                            + " md/Botocore#1.34.0 ua/2.0 os/linux#5.10.209-218.812.amzn2.x86_64"
                            + " md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython"
                            + " exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.34.0");
        }
        return new Place(
                "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254)),
                sdkAgent(r));
    }

    /** The GitHub-hosted runner of one CI run. */
    static Place ofRunner(SplittableRandom r) {
        return new Place(
                PUBLIC[r.nextInt(PUBLIC.length)] + "." + (1 + r.nextInt(254)),
                "aws-sdk-js/3.529.1 ua/2.0 os/linux#6.5.0-1016-azure lang/js md/nodejs#20.11.1"
                        + " api/sts#3.529.1");
    }

    /** A person's office address and browser or command line. */
    static Place ofPerson(long seed, int person) {
        SplittableRandom r = Seeds.rng(seed, Seeds.PERSON, person);
        String ip = "203.0.113." + (1 + r.nextInt(254));
        String agent =
                r.nextDouble() < 0.6
                        ? "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36"
                                + " (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36"
                        : "aws-cli/2.15."
                                + (20 + r.nextInt(20))
                                + " Python/3.11.8 Darwin/23.3.0 exe/x86_64 prompt/off command/iam";
        return new Place(ip, agent);
    }

    private static String sdkAgent(SplittableRandom r) {
        switch (r.nextInt(5)) {
            case 0:
                return "aws-cli/2.15."
                        + (10 + r.nextInt(30))
                        + " Python/3.11.8 Linux/6.1.0-18-amd64 exe/x86_64.debian.12 prompt/off"
                        + " command/s3.cp";
            case 1:
                int boto = r.nextInt(60);
                return "Boto3/1.34."
                        + boto
                        + " md/Botocore#1.34."
                        + boto
                        + " ua/2.0 os/linux#5.10.210-201.852.amzn2.x86_64 md/arch#x86_64"
                        + " lang/python#3.11.6 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34."
                        + boto;
            case 2:
                return "aws-sdk-java/2.25."
                        + r.nextInt(40)
                        + " Linux/5.15.0-1055-aws OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10"
                        + " vendor/Eclipse_Adoptium io/sync http/Apache cfg/retry-mode/legacy";
            case 3:
                return "aws-sdk-go-v2/1.25."
                        + r.nextInt(4)
                        + " os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64";
            default:
                return "Terraform/1.7."
                        + r.nextInt(6)
                        + " (+https://www.terraform.io) terraform-provider-aws/5.40.0"
                        + " (+https://registry.terraform.io/providers/hashicorp/aws)"
                        + " aws-sdk-go-v2/1.25.0 os/linux lang/go#1.21.8";
        }
    }
}
