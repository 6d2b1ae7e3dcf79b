package io.keyline.model;

import org.apache.flink.annotation.PublicEvolving;

/** The credential types Keyline knows; the {@code credentialType} of an event is one of these. */
@PublicEvolving
public final class CredentialTypes {

    public static final String AWS_ACCESS_KEY = "AWS_ACCESS_KEY";
    public static final String GCP_SA_KEY = "GCP_SA_KEY";
    public static final String AZURE_CLIENT_SECRET = "AZURE_CLIENT_SECRET";
    public static final String AZURE_CERTIFICATE = "AZURE_CERTIFICATE";
    public static final String OKTA_API_TOKEN = "OKTA_API_TOKEN";
    public static final String GITHUB_PAT = "GITHUB_PAT";
    public static final String GITHUB_FINE_GRAINED_PAT = "GITHUB_FINE_GRAINED_PAT";
    public static final String GITHUB_APP_KEY = "GITHUB_APP_KEY";
    public static final String GITHUB_DEPLOY_KEY = "GITHUB_DEPLOY_KEY";
    public static final String GITHUB_OAUTH_TOKEN = "GITHUB_OAUTH_TOKEN";
    public static final String GITHUB_APP_TOKEN = "GITHUB_APP_TOKEN";
    public static final String GITHUB_SSH_KEY = "GITHUB_SSH_KEY";
    public static final String GCP_SECRET = "GCP_SECRET";
    public static final String AZURE_KEY_VAULT_SECRET = "AZURE_KEY_VAULT_SECRET";
    public static final String AWS_SECRET = "AWS_SECRET";
    public static final String OKTA_CLIENT_SECRET = "OKTA_CLIENT_SECRET";
    public static final String K8S_SA_TOKEN = "K8S_SA_TOKEN";
    public static final String VAULT_TOKEN = "VAULT_TOKEN";
    public static final String LLM_API_KEY = "LLM_API_KEY";
    public static final String GENERIC_SECRET = "GENERIC_SECRET";

    private CredentialTypes() {}
}
