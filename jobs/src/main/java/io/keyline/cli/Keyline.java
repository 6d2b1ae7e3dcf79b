package io.keyline.cli;

import java.io.PrintWriter;
import org.apache.flink.client.program.StreamContextEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code keyline} command line: {@code java -jar keyline.jar <command>}. Output for people goes
 * to standard output; mistakes in flags or inputs get one sentence on standard error and exit code
 * 2; a failed job exits with 1.
 */
@Command(
        name = "keyline",
        mixinStandardHelpOptions = true,
        version = "keyline 0.1.0",
        description = "An inventory of non-human identities and the lineage of their credentials.",
        subcommands = {
            DemoCommand.class,
            GenerateCommand.class,
            RunCommand.class,
            RecomputeCommand.class,
            GraphCommand.class,
            ParseCommand.class,
            QueryCommand.class,
            LineageCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Keyline implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        int code = execute(args);
        if (StreamExecutionEnvironment.getExecutionEnvironment()
                instanceof StreamContextEnvironment) {
            // Run by a Flink client: `flink run`, or a JobManager's REST API, whose JVM this is.
            // Exiting would take the JobManager down; a failure is an exception it reports.
            if (code != 0) {
                throw new IllegalStateException(
                        "keyline stopped with exit code " + code + "; the reason is above.");
            }
            return;
        }
        System.exit(code);
    }

    /** Runs a command and returns its exit code, for tests and {@link #main}. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Keyline());
        cli.setParameterExceptionHandler(Keyline::badParameters);
        cli.setExecutionExceptionHandler(Keyline::failed);
        try {
            settingsFile(cli, args);
        } catch (UsageException e) {
            cli.getErr().println("keyline: " + e.getMessage());
            cli.getErr().flush();
            return 2;
        }
        return cli.execute(args);
    }

    /**
     * Gives a command its settings file ({@code --config FILE}) as the source of defaults, before
     * the flags are parsed, so that flags override the file.
     */
    private static void settingsFile(CommandLine cli, String[] args) {
        if (args.length == 0 || !cli.getSubcommands().containsKey(args[0])) {
            return;
        }
        CommandLine command = cli.getSubcommands().get(args[0]);
        if (!command.getCommandSpec().optionsMap().containsKey("--config")) {
            return;
        }
        for (int i = 1; i < args.length; i++) {
            String file = null;
            if (args[i].equals("--config") && i + 1 < args.length) {
                file = args[i + 1];
            } else if (args[i].startsWith("--config=")) {
                file = args[i].substring("--config=".length());
            }
            if (file != null) {
                command.setDefaultValueProvider(
                        ConfigFile.load(java.nio.file.Path.of(file), command.getCommandSpec()));
                return;
            }
        }
    }

    private static int badParameters(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("keyline: " + e.getMessage());
        err.println(
                "Run 'keyline "
                        + e.getCommandLine().getCommandName().replace("keyline", "").trim()
                        + " --help' for the options.");
        err.flush();
        return 2;
    }

    private static int failed(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof UsageException || e instanceof IllegalArgumentException) {
            err.println("keyline: " + e.getMessage());
            err.flush();
            return 2;
        }
        err.println("keyline: " + cli.getCommandName() + " failed: " + rootMessage(e));
        err.println("The full error is in the log (set KEYLINE_LOG_LEVEL=DEBUG for more).");
        err.flush();
        org.slf4j.LoggerFactory.getLogger(Keyline.class)
                .error("{} failed", cli.getCommandName(), e);
        return 1;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
