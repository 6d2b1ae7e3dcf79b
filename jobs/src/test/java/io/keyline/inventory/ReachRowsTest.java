package io.keyline.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReachRowsTest {

    @Test
    void observedResourcesUnderAGrantedPatternAreBoth() {
        CredentialRecord c = Events.credential(0L, 5L, "Active");
        c.observedResources.add(
                new ObservedResource("arn:aws:s3:::billing-exports", 5L, "s3:GetObject"));
        c.observedResources.add(
                new ObservedResource(
                        "arn:aws:dynamodb:us-east-1:1:table/t", 4L, "dynamodb:GetItem"));
        Grant grant = new Grant();
        grant.resource = "inline:policy";
        grant.resources = "arn:aws:s3:::billing-*";

        List<ReachRecord> rows = ReachRows.of(c, List.of(grant), 9L);

        assertThat(rows)
                .extracting(r -> r.resource + "=" + r.access)
                .containsExactlyInAnyOrder(
                        "arn:aws:s3:::billing-*=granted",
                        "arn:aws:s3:::billing-exports=both",
                        "arn:aws:dynamodb:us-east-1:1:table/t=observed");
    }
}
