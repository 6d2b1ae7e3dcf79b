package io.keyline.cli;

import io.keyline.fingerprint.Fingerprinter;
import io.keyline.sink.Catalogs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.apache.iceberg.flink.CatalogLoader;
import picocli.CommandLine.Option;

/** Where the tables live: the embedded catalog under a folder, or a catalog properties file. */
public class CatalogOptions {

    public static final Path DEFAULT_WAREHOUSE = Path.of("keyline-data");

    @Option(
            names = "--warehouse",
            paramLabel = "DIR",
            description =
                    "Folder of the embedded catalog (catalog.db) and its tables (warehouse/). Default: ./keyline-data")
    Path warehouse;

    @Option(
            names = "--catalog",
            paramLabel = "FILE",
            description =
                    "Properties file of another Iceberg catalog (type=jdbc|rest|hadoop|hive|glue|nessie, uri, warehouse...).")
    Path catalogFile;

    /**
     * The folder of this installation's own files (the pepper, checkpoints): the embedded catalog's
     * folder, or the folder of the catalog file.
     */
    public Path dataDir() {
        if (catalogFile != null) {
            Path parent = catalogFile.toAbsolutePath().getParent();
            return parent != null ? parent : Path.of(".");
        }
        return warehouse != null ? warehouse : DEFAULT_WAREHOUSE;
    }

    public CatalogLoader loader() {
        return definition().loader();
    }

    public Catalogs.Definition definition() {
        if (warehouse != null && catalogFile != null) {
            throw new UsageException(
                    "--warehouse and --catalog both name a catalog; give one of them.");
        }
        if (catalogFile != null) {
            if (!Files.isRegularFile(catalogFile)) {
                throw new UsageException(
                        "The catalog file "
                                + catalogFile
                                + " does not exist; check the --catalog path.");
            }
            return Catalogs.definitionFrom(catalogFile);
        }
        return Catalogs.embeddedDefinition(dataDir());
    }

    /** True when the embedded catalog is used and it has no tables yet. */
    public boolean embeddedMissing() {
        return catalogFile == null && !Files.exists(dataDir().resolve("catalog.db"));
    }

    /**
     * The fingerprinter of this installation: the pepper from the environment when set, else the
     * file {@code pepper} in the data folder, created with a random value on first use and readable
     * by its owner only.
     */
    public Fingerprinter fingerprinter() {
        String env = System.getenv(Fingerprinter.PEPPER_ENV);
        String envFile = System.getenv(Fingerprinter.PEPPER_FILE_ENV);
        if ((env != null && !env.isBlank()) || (envFile != null && !envFile.isBlank())) {
            return Fingerprinter.fromEnvironment();
        }
        Path file = dataDir().resolve("pepper");
        if (!Files.exists(file)) {
            try {
                Files.createDirectories(dataDir());
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Files.writeString(
                        file, Base64.getEncoder().encodeToString(random), StandardCharsets.UTF_8);
                if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                    Files.setPosixFilePermissions(
                            file, PosixFilePermissions.fromString("rw-------"));
                }
            } catch (IOException e) {
                throw new UsageException(
                        "Cannot create the pepper file "
                                + file
                                + "; set "
                                + Fingerprinter.PEPPER_FILE_ENV
                                + " to a readable file instead.");
            }
        }
        return Fingerprinter.fromFile(file);
    }
}
