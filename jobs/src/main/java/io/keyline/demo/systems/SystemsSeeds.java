package io.keyline.demo.systems;

/**
 * The salts of the systems part's random streams, one per purpose, apart from those of the AWS
 * estate, so that adding the systems changes none of the estate's choices.
 */
final class SystemsSeeds {

    static final long TEAM = 0x2001;
    static final long GCP = 0x2002;
    static final long AZURE = 0x2003;
    static final long GITHUB = 0x2004;
    static final long K8S = 0x2005;
    static final long VAULT = 0x2006;
    static final long OKTA = 0x2007;
    static final long SECRETS = 0x2008;
    static final long SCANNER = 0x2009;
    static final long PLATFORM = 0x200a;
    static final long DAY = 0x200b;
    static final long EVENT = 0x200c;
    static final long SCENARIO = 0x200d;

    private SystemsSeeds() {}
}
