package io.keyline.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.model.PrivilegeTier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RbacTiersTest {

    private static JsonNode rules(String json) throws Exception {
        return Json.MAPPER.readTree(json);
    }

    private static String rule(String groups, String resources, String verbs) {
        // No group given is the core group, "".
        return "{\"apiGroups\":["
                + (groups == null ? "\"\"" : quoted(groups))
                + "],\"resources\":["
                + quoted(resources)
                + "],\"verbs\":["
                + quoted(verbs)
                + "]}";
    }

    private static String quoted(String list) {
        if (list == null || list.isEmpty()) {
            return "";
        }
        return "\"" + String.join("\",\"", list.split(" ")) + "\"";
    }

    @ParameterizedTest(name = "{1} {2} on {0} -> {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "*|*|*|ADMIN|all verbs on all resources",
                "|*|*|HIGH|all verbs on *",
                "apps|deployments|*|HIGH|all verbs on deployments",
                "rbac.authorization.k8s.io|clusterroles|escalate|HIGH|can escalate, bind or impersonate",
                "rbac.authorization.k8s.io|rolebindings|bind|HIGH|can escalate, bind or impersonate",
                "|users groups serviceaccounts|impersonate|HIGH|can escalate, bind or impersonate",
                "|secrets|get|HIGH|reads secrets",
                "|secrets|watch|HIGH|reads secrets",
                "*|*|list|HIGH|reads secrets",
                "|pods|create|HIGH|can create pods",
                "|pods/exec|create|HIGH|can create pods/exec",
                "batch|jobs cronjobs|create|HIGH|can create jobs",
                "|serviceaccounts/token|create|HIGH|can create serviceaccounts/token",
                "*|*|create|HIGH|can create any resource",
                "|configmaps|get update|WRITE|can change configmaps",
                "|secrets|delete|WRITE|can change secrets",
                "|pods|delete|WRITE|can change pods",
                "|pods|get list watch|READ|read-only",
                "|configmaps||NONE|no rules",
            })
    void tiersFollowWhatTheRulesAllow(
            String groups, String resources, String verbs, PrivilegeTier tier, String reason)
            throws Exception {
        RbacTiers.Assessment a =
                RbacTiers.ofRules(rules("[" + rule(groups, resources, verbs) + "]"));
        assertThat(a.tier()).isEqualTo(tier);
        assertThat(a.reason()).isEqualTo(reason);
    }

    @Test
    void theHighestRuleWinsAndNonResourceUrlsAreReadOrWrite() throws Exception {
        assertThat(
                        RbacTiers.ofRules(
                                rules(
                                        "["
                                                + rule("", "pods", "get")
                                                + ","
                                                + rule("", "secrets", "list")
                                                + ","
                                                + rule("", "configmaps", "patch")
                                                + "]")))
                .isEqualTo(new RbacTiers.Assessment(PrivilegeTier.HIGH, "reads secrets"));
        assertThat(
                        RbacTiers.ofRules(
                                rules(
                                        "[{\"nonResourceURLs\":[\"/healthz\"],\"verbs\":[\"get\"]}]")))
                .isEqualTo(new RbacTiers.Assessment(PrivilegeTier.READ, "read-only"));
        assertThat(RbacTiers.ofRules(rules("[{\"nonResourceURLs\":[\"*\"],\"verbs\":[\"*\"]}]")))
                .isEqualTo(
                        new RbacTiers.Assessment(PrivilegeTier.WRITE, "changes non-resource URLs"));
        assertThat(RbacTiers.ofRules(rules("[]")))
                .isEqualTo(new RbacTiers.Assessment(PrivilegeTier.NONE, "no rules"));
        // Verbs and resources are matched in any case; wrong types are ignored.
        assertThat(
                        RbacTiers.ofRules(
                                rules("[{\"resources\":[\"Secrets\",7],\"verbs\":[\"GET\"]}, 5]")))
                .isEqualTo(new RbacTiers.Assessment(PrivilegeTier.HIGH, "reads secrets"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "cluster-admin|ADMIN|cluster-admin",
                "admin|HIGH|built-in role admin",
                "edit|HIGH|built-in role edit, reads secrets",
                "view|READ|built-in role view",
                "payments-operator|WRITE|custom role payments-operator",
            })
    void rolesKnownOnlyByNameAreTieredByTheBuiltInNames(
            String name, PrivilegeTier tier, String reason) {
        assertThat(RbacTiers.ofName(name)).isEqualTo(new RbacTiers.Assessment(tier, reason));
        assertThat(RbacTiers.of(name, null)).isEqualTo(new RbacTiers.Assessment(tier, reason));
    }

    @Test
    void knownRulesWinOverTheNameExceptForClusterAdmin() throws Exception {
        assertThat(RbacTiers.of("view", rules("[" + rule("", "secrets", "get") + "]")).tier())
                .isEqualTo(PrivilegeTier.HIGH);
        assertThat(RbacTiers.of("cluster-admin", rules("[]")).tier())
                .isEqualTo(PrivilegeTier.ADMIN);
    }
}
