package io.keyline.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Searches every byte of a file or folder for known strings; gzip files are searched unpacked. */
public final class SecretSearch {

    private SecretSearch() {}

    /** The files under {@code root} that contain any of {@code needles}. */
    public static List<Path> filesContaining(Path root, List<String> needles) throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(root)) {
            files = all.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        List<Path> found = new ArrayList<>();
        for (Path file : files) {
            byte[] content = read(file);
            for (String needle : needles) {
                if (indexOf(content, needle.getBytes(StandardCharsets.UTF_8)) >= 0) {
                    found.add(file);
                    break;
                }
            }
        }
        return found;
    }

    private static byte[] read(Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".gz")) {
            return Files.readAllBytes(file);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        } catch (IOException truncated) {
            // A truncated archive (planted bad input): search its raw bytes instead.
            return Files.readAllBytes(file);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
