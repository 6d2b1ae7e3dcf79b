package io.keyline.cli;

import io.keyline.inventory.InventorySettings;
import picocli.CommandLine.Option;

/** How much the credential stage keeps per credential: shared by run and recompute. */
final class StateLimitOptions {

    @Option(
            names = "--max-resources-per-credential",
            paramLabel = "N",
            description =
                    "Resources kept per credential in credential_reach, the most recently used first. Default: ${DEFAULT-VALUE}")
    int maxResources = 32;

    @Option(
            names = "--max-consumers-per-credential",
            paramLabel = "N",
            description =
                    "Consumers kept per credential in credential_consumers, the most recently seen first. Default: ${DEFAULT-VALUE}")
    int maxConsumers = 256;

    /** The settings with these limits; a limit below 1 is a usage error. */
    InventorySettings.Builder apply(InventorySettings.Builder settings) {
        if (maxResources < 1 || maxConsumers < 1) {
            throw new UsageException(
                    "--max-resources-per-credential and --max-consumers-per-credential must be at least 1.");
        }
        return settings.maxResourcesPerCredential(maxResources)
                .maxConsumersPerCredential(maxConsumers);
    }
}
