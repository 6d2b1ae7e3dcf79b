package io.keyline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code keyline demo}. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Not wired yet.")
public class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UsageException("demo is not wired yet.");
    }
}
