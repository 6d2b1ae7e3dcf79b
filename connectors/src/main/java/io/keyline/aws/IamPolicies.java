package io.keyline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Globs;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.model.CanonicalIds;
import io.keyline.model.PrivilegeTier;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.flink.annotation.Internal;

/**
 * The privilege tier of IAM policies, from their documents or, for AWS managed policies known only
 * by name, from the name.
 *
 * <ul>
 *   <li>{@code admin}: every action ({@code *}), or an IAM action that lets a principal grant
 *       itself more (attach or put a policy, create or switch a policy version, pass a role, add
 *       itself to a group, create keys or passwords, edit a trust policy).
 *   <li>{@code high}: every action of one service on every resource ({@code s3:*} on {@code *}), or
 *       reading secrets (Secrets Manager values, SSM parameters, KMS decryption).
 *   <li>{@code write}: any other action that is not read-only.
 *   <li>{@code read}: only actions whose verb reads ({@code Get}, {@code List}, {@code
 *       Describe}...).
 * </ul>
 *
 * <p>Only {@code Allow} statements count. {@code Deny} statements, conditions and permission
 * boundaries are not evaluated, so a tier is what the policy allows before any denial: it can
 * overstate, never understate.
 */
@Internal
public final class IamPolicies {

    /** The tier a document or policy gives, why, and the resource patterns it names. */
    public record Assessment(PrivilegeTier tier, String reason, List<String> resources) {
        static final Assessment UNKNOWN = new Assessment(null, null, List.of());

        /** The resource patterns, comma-separated, or null when there are none. */
        public String resourceList() {
            return resources.isEmpty() ? null : String.join(",", resources);
        }
    }

    /** Resource patterns kept per policy, so that reach stays small. */
    static final int MAX_RESOURCES = 16;

    private static final List<String> ESCALATION =
            List.of(
                    "iam:AttachUserPolicy",
                    "iam:AttachRolePolicy",
                    "iam:AttachGroupPolicy",
                    "iam:PutUserPolicy",
                    "iam:PutRolePolicy",
                    "iam:PutGroupPolicy",
                    "iam:CreatePolicyVersion",
                    "iam:SetDefaultPolicyVersion",
                    "iam:PassRole",
                    "iam:UpdateAssumeRolePolicy",
                    "iam:AddUserToGroup",
                    "iam:CreateAccessKey",
                    "iam:CreateLoginProfile",
                    "iam:UpdateLoginProfile");

    private static final List<String> SECRET_READS =
            List.of(
                    "secretsmanager:GetSecretValue",
                    "secretsmanager:BatchGetSecretValue",
                    "ssm:GetParameter",
                    "ssm:GetParameters",
                    "ssm:GetParametersByPath",
                    "kms:Decrypt");

    private static final List<String> READ_VERBS =
            List.of(
                    "Get",
                    "List",
                    "Describe",
                    "Head",
                    "Lookup",
                    "Search",
                    "Scan",
                    "Query",
                    "Select",
                    "BatchGet",
                    "View",
                    "Read",
                    "Check",
                    "Validate",
                    "Filter",
                    "Estimate",
                    "Preview",
                    "Download");

    private IamPolicies() {}

    /**
     * Turns a policy document as sources carry it into a JSON object: an object as the AWS CLI
     * prints it, or a string as the IAM API and CloudTrail carry it, URL-encoded or not. Returns
     * null when the node is missing or JSON null.
     */
    public static JsonNode document(JsonNode node) throws MalformedRecordException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            return node;
        }
        if (!node.isTextual()) {
            throw new MalformedRecordException("a policy document is neither an object nor text");
        }
        String text = node.asText().trim();
        if (text.startsWith("%")) {
            try {
                text = URLDecoder.decode(text, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new MalformedRecordException(
                        "a policy document is not valid URL-encoded text", e);
            }
        }
        JsonNode parsed = Json.read(text.getBytes(StandardCharsets.UTF_8));
        if (!parsed.isObject()) {
            throw new MalformedRecordException("a policy document is not a JSON object");
        }
        return parsed;
    }

    /** The tier of a policy document (a JSON object, see {@link #document}). */
    public static Assessment assess(JsonNode document) {
        PrivilegeTier tier = PrivilegeTier.NONE;
        String reason = "allows nothing";
        Set<String> resources = new LinkedHashSet<>();
        for (JsonNode statement : elements(document == null ? null : document.get("Statement"))) {
            if (!"Allow".equalsIgnoreCase(Json.text(statement, "Effect"))) {
                continue;
            }
            List<String> statementResources = strings(statement.get("Resource"));
            boolean everyResource =
                    statementResources.contains("*") || statement.has("NotResource");
            Assessment a;
            if (statement.has("NotAction")) {
                a = assessNotAction(strings(statement.get("NotAction")));
            } else {
                a = assessActions(strings(statement.get("Action")), everyResource);
            }
            if (a.tier() != null && a.tier().compareTo(tier) > 0) {
                tier = a.tier();
                reason = a.reason();
            }
            for (String resource : everyResource ? List.of("*") : statementResources) {
                if (resources.size() < MAX_RESOURCES) {
                    resources.add(resource);
                }
            }
        }
        return new Assessment(tier, reason, new ArrayList<>(resources));
    }

    /**
     * The tier of an AWS managed policy known only by its ARN, from its name; {@link
     * Assessment#UNKNOWN} (a null tier) for a customer policy or a name these rules do not know.
     */
    public static Assessment assessManaged(String policyArn) {
        if (policyArn == null || !policyArn.contains(":iam::aws:policy/")) {
            return Assessment.UNKNOWN;
        }
        String name = policyArn.substring(policyArn.lastIndexOf('/') + 1);
        List<String> all = List.of("*");
        switch (name) {
            case "AdministratorAccess":
                return new Assessment(PrivilegeTier.ADMIN, "AdministratorAccess", all);
            case "IAMFullAccess":
                return new Assessment(
                        PrivilegeTier.ADMIN, "IAMFullAccess (can grant itself more)", all);
            case "PowerUserAccess":
                return new Assessment(PrivilegeTier.HIGH, "PowerUserAccess", all);
            case "SecretsManagerReadWrite":
                return new Assessment(
                        PrivilegeTier.HIGH, "SecretsManagerReadWrite (reads secrets)", all);
            default:
                break;
        }
        if (name.endsWith("FullAccess")) {
            return new Assessment(PrivilegeTier.HIGH, name + " (full control of a service)", all);
        }
        if (name.contains("ReadOnly") || name.equals("ViewOnlyAccess")) {
            return new Assessment(PrivilegeTier.READ, name, all);
        }
        if (name.equals("SecurityAudit")) {
            return new Assessment(PrivilegeTier.READ, name, all);
        }
        return Assessment.UNKNOWN;
    }

    /**
     * The principals a trust policy (a role's assume-role policy) lets act as the role: AWS
     * principals as canonical ids (an account id becomes its root), services and federated
     * providers as they are written ({@code lambda.amazonaws.com}, an OIDC provider ARN), and
     * {@code *} for anyone.
     */
    public static List<String> trustedPrincipals(JsonNode document) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode statement : elements(document == null ? null : document.get("Statement"))) {
            if (!"Allow".equalsIgnoreCase(Json.text(statement, "Effect"))) {
                continue;
            }
            JsonNode principal = statement.get("Principal");
            if (principal == null || principal.isNull()) {
                continue;
            }
            if (principal.isTextual()) {
                out.add(principal.asText().trim());
                continue;
            }
            for (String aws : strings(principal.get("AWS"))) {
                out.add(awsPrincipalId(aws));
            }
            out.addAll(strings(principal.get("Service")));
            out.addAll(strings(principal.get("Federated")));
        }
        return new ArrayList<>(out);
    }

    private static String awsPrincipalId(String value) {
        if (value.equals("*")) {
            return value;
        }
        if (value.chars().allMatch(Character::isDigit)) {
            return CanonicalIds.awsRoot(value);
        }
        return CanonicalIds.awsPrincipal(value);
    }

    private static Assessment assessActions(List<String> actions, boolean everyResource) {
        PrivilegeTier tier = PrivilegeTier.NONE;
        String reason = "allows nothing";
        for (String action : actions) {
            PrivilegeTier t;
            String why;
            String escalation = firstMatch(action, ESCALATION);
            String secretRead = firstMatch(action, SECRET_READS);
            if (action.equals("*") || action.equals("*:*")) {
                t = PrivilegeTier.ADMIN;
                why = "allows every action (*)";
            } else if (escalation != null) {
                t = PrivilegeTier.ADMIN;
                why = "allows " + action + " (can grant itself more through " + escalation + ")";
            } else if (everyResource && action.endsWith(":*")) {
                t = PrivilegeTier.HIGH;
                why = "allows " + action + " on every resource (full control of a service)";
            } else if (secretRead != null) {
                t = PrivilegeTier.HIGH;
                why = "allows " + action + " (reads secrets)";
            } else if (isReadOnly(action)) {
                t = PrivilegeTier.READ;
                why = "allows read-only actions such as " + action;
            } else {
                t = PrivilegeTier.WRITE;
                why = "allows " + action;
            }
            if (t.compareTo(tier) > 0) {
                tier = t;
                reason = why;
            }
        }
        return new Assessment(tier, reason, List.of());
    }

    /** Allow with NotAction allows everything not listed: admin unless IAM escalation is left. */
    private static Assessment assessNotAction(List<String> excluded) {
        for (String escalation : ESCALATION) {
            boolean covered = false;
            for (String pattern : excluded) {
                if (matches(pattern, escalation)) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                return new Assessment(
                        PrivilegeTier.ADMIN,
                        "allows every action except " + String.join(", ", excluded),
                        List.of());
            }
        }
        return new Assessment(
                PrivilegeTier.HIGH,
                "allows every action except " + String.join(", ", excluded),
                List.of());
    }

    /** True for an action pattern whose verb only reads, such as {@code s3:Get*}. */
    static boolean isReadOnly(String action) {
        int colon = action.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String verb = action.substring(colon + 1);
        if (verb.startsWith("*") || verb.startsWith("?")) {
            return false;
        }
        for (String read : READ_VERBS) {
            if (verb.regionMatches(true, 0, read, 0, read.length())) {
                return true;
            }
        }
        return false;
    }

    private static String firstMatch(String pattern, List<String> actions) {
        for (String action : actions) {
            if (matches(pattern, action)) {
                return action;
            }
        }
        return null;
    }

    /** IAM action matching: case-insensitive, {@code *} any run, {@code ?} one character. */
    static boolean matches(String pattern, String action) {
        return Globs.matches(pattern.toLowerCase(Locale.ROOT), action.toLowerCase(Locale.ROOT));
    }

    /** The elements of a field that holds one value or an array of them. */
    static List<JsonNode> elements(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(out::add);
        } else {
            out.add(node);
        }
        return out;
    }

    /** The texts of a field that holds one string or an array of strings. */
    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (JsonNode element : elements(node)) {
            if (element.isTextual() && !element.asText().isBlank()) {
                out.add(element.asText().trim());
            }
        }
        return out;
    }
}
