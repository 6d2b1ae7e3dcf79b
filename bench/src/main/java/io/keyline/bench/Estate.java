package io.keyline.bench;

import io.keyline.demo.EstateGenerator;
import io.keyline.fingerprint.Fingerprinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A generated estate of every system in the input-folder layout, made once per size and kept in the
 * work folder, and the pepper the runs over it fingerprint secrets with.
 *
 * @param input the input folder
 * @param identities its AWS identities
 * @param days its days of audit logs
 */
record Estate(Path input, int identities, int days, Fingerprinter fingerprinter) {

    /** The estates end on this day, so that their sizes and contents repeat from run to run. */
    static final LocalDate END = LocalDate.of(2026, 11, 1);

    /** The estate of that size under {@code work}, generated unless an earlier run left it. */
    static Estate of(Path work, int identities, int days, long seed) throws IOException {
        Path input = work.resolve("input-" + identities + "-" + days + "-" + seed);
        if (!Files.exists(input.resolve("_ground-truth.json"))) {
            System.out.printf("Generating %,d identities and %d days...%n", identities, days);
            try {
                EstateGenerator.generate(
                        new EstateGenerator.Options(identities, days, seed, END, input, true));
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("The estate could not be generated into " + input, e);
            }
        }
        Path pepper = work.resolve("pepper");
        if (!Files.exists(pepper)) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            Files.createDirectories(work);
            Files.writeString(pepper, HexFormat.of().formatHex(bytes));
        }
        return new Estate(input, identities, days, Fingerprinter.fromFile(pepper));
    }

    /** The format folders of the input, by name, in name order. */
    List<Path> formatFolders() throws IOException {
        List<Path> folders = new ArrayList<>();
        try (Stream<Path> children = Files.list(input)) {
            children.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("_"))
                    .sorted()
                    .forEach(folders::add);
        }
        return folders;
    }

    /** The files of a format folder, in path order. */
    static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("_"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }
}
