package io.keyline.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class K8sNamesTest {

    @Test
    void serviceAccountUserNamesInBothSpellingsNameTheAccount() {
        assertThat(K8sNames.serviceAccount("system:serviceaccount:shop:web"))
                .isEqualTo(new K8sNames.ServiceAccount("shop", "web"));
        assertThat(K8sNames.serviceAccount("system:serviceaccounts:default:default"))
                .isEqualTo(new K8sNames.ServiceAccount("default", "default"));
        assertThat(K8sNames.serviceAccount("system:serviceaccount:kube-system:my.controller"))
                .isEqualTo(new K8sNames.ServiceAccount("kube-system", "my.controller"));
    }

    @Test
    void groupsComponentsAndBrokenNamesAreNoServiceAccount() {
        for (String user :
                new String[] {
                    "system:serviceaccounts",
                    "system:serviceaccounts:shop",
                    "system:serviceaccount:shop",
                    "system:serviceaccount:shop:",
                    "system:serviceaccount::web",
                    "system:serviceaccount:shop:web:extra",
                    "system:serviceaccount:sh op:web",
                    "system:kube-scheduler",
                    "alice@example.com",
                    "",
                }) {
            assertThat(K8sNames.serviceAccount(user)).as(user).isNull();
        }
        assertThat(K8sNames.serviceAccount(null)).isNull();
        assertThat(K8sNames.isComponent("system:node:worker-1")).isTrue();
        assertThat(K8sNames.isComponent("system:serviceaccounts:shop")).isTrue();
        assertThat(K8sNames.isComponent("system:serviceaccount:shop:web")).isFalse();
        assertThat(K8sNames.isComponent("alice@example.com")).isFalse();
    }

    @Test
    void actorsAreAccountIdsCanonicalArnsOrLowerCaseUserNames() {
        assertThat(K8sNames.actor("system:serviceaccount:ci:deployer", "prod"))
                .isEqualTo("k8s:sa:prod/ci/deployer");
        assertThat(K8sNames.actor("arn:aws:sts::111122223333:assumed-role/Admin/alice", "prod"))
                .isEqualTo("arn:aws:iam::111122223333:role/Admin");
        assertThat(K8sNames.actor(" Alice@Example.COM ", "prod")).isEqualTo("alice@example.com");
    }

    @Test
    void theClusterOfARecordFollowsItsOrder() {
        String origin = "/input/k8s-audit/from-folder/file.jsonl";
        assertThat(K8sClusters.of("from-content", origin, "k8s-audit", "field"))
                .isEqualTo("from-content");
        assertThat(K8sClusters.of(null, origin, "k8s-audit", "field")).isEqualTo("from-folder");
        assertThat(K8sClusters.of(null, "/input/k8s-audit/file.jsonl", "k8s-audit", "field"))
                .isEqualTo("field");
        assertThat(K8sClusters.of(null, null, "k8s-audit", null)).isEqualTo("default");
        assertThat(K8sClusters.of("bad/name", null, "k8s-audit", "two words")).isEqualTo("default");
    }

    @Test
    void anAksResourceIdNamesItsClusterInAnyCase() {
        assertThat(
                        K8sClusters.ofAksResourceId(
                                "/SUBSCRIPTIONS/1/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/PROD-AKS"))
                .isEqualTo("prod-aks");
        assertThat(
                        K8sClusters.ofAksResourceId(
                                "/subscriptions/1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/dev"))
                .isEqualTo("dev");
        assertThat(K8sClusters.ofAksResourceId("/subscriptions/1/resourceGroups/rg")).isNull();
        assertThat(K8sClusters.ofAksResourceId("/x/managedClusters/")).isNull();
        assertThat(K8sClusters.ofAksResourceId(null)).isNull();
    }
}
