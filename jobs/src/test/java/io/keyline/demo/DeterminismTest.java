package io.keyline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same options give a byte-identical tree; another seed gives another estate. */
class DeterminismTest {

    @TempDir Path dir;

    @Test
    void theSameSeedGivesTheSameBytes() throws Exception {
        Map<String, String> first = digests(GeneratedTree.generate(dir.resolve("a"), 300, 5, 1));
        Map<String, String> second = digests(GeneratedTree.generate(dir.resolve("b"), 300, 5, 1));

        assertThat(first).hasSizeGreaterThan(8);
        assertThat(second).containsExactlyEntriesOf(first);
    }

    @Test
    void anotherSeedGivesAnotherEstate() throws Exception {
        Map<String, String> one = digests(GeneratedTree.generate(dir.resolve("a"), 300, 5, 1));
        Map<String, String> two = digests(GeneratedTree.generate(dir.resolve("b"), 300, 5, 2));

        assertThat(two.get("_ground-truth.json")).isNotEqualTo(one.get("_ground-truth.json"));
        assertThat(two.keySet()).isNotEqualTo(one.keySet());
    }

    @Test
    void theSameSeedGivesTheSameBytesWithTheOtherSystems() throws Exception {
        Map<String, String> first =
                digests(GeneratedTree.generateWithSystems(dir.resolve("a"), 300, 5, 1));
        Map<String, String> second =
                digests(GeneratedTree.generateWithSystems(dir.resolve("b"), 300, 5, 1));

        assertThat(first).containsKey("_systems-truth.json").hasSizeGreaterThan(80);
        assertThat(second).containsExactlyEntriesOf(first);
    }

    @Test
    void theOtherSystemsLeaveTheAwsEstateAsItIs() throws Exception {
        Map<String, String> alone = digests(GeneratedTree.generate(dir.resolve("a"), 300, 5, 1));
        Map<String, String> with =
                digests(GeneratedTree.generateWithSystems(dir.resolve("b"), 300, 5, 1));

        assertThat(with).containsAllEntriesOf(alone);
    }

    private static Map<String, String> digests(GeneratedTree tree) throws Exception {
        Map<String, String> digests = new LinkedHashMap<>();
        for (String file : tree.files()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            digests.put(
                    file,
                    HexFormat.of()
                            .formatHex(sha.digest(Files.readAllBytes(tree.root.resolve(file)))));
        }
        return digests;
    }
}
