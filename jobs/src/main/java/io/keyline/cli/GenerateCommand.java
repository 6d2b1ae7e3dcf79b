package io.keyline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code keyline generate}. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Not wired yet.")
public class GenerateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UsageException("generate is not wired yet.");
    }
}
