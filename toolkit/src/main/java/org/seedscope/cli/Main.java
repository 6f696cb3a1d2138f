package org.seedscope.cli;

import org.seedscope.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** SeedScope's command line: {@code ./seedscope <command> [options]}. */
@Command(name = "seedscope", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Machine-unlearning evaluation across training and unlearning seeds.",
        subcommands = {DemoCommand.class, RunCommand.class, StatsCommand.class, AuditCommand.class, ReportCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Held so the level setting is not lost to garbage collection of the logger. */
    private static final java.util.logging.Logger TRIBUO = java.util.logging.Logger.getLogger("org.tribuo");

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its status.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        TRIBUO.setLevel(java.util.logging.Level.WARNING);
        System.exit(commandLine().execute(args));
    }

    /** @return the configured picocli command line (for tests) */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                    || e instanceof java.io.UncheckedIOException) {
                cmd.getErr().println("seedscope " + cmd.getCommandName() + ": " + message(e));
                return 2;
            }
            throw e;
        });
        return cl;
    }

    /**
     * @return the exception's message; for an UncheckedIOException that only wraps its cause, the
     *     cause's message rather than its class name and message
     */
    static String message(Exception e) {
        Throwable cause = e.getCause();
        boolean wrapsOnly = e instanceof java.io.UncheckedIOException && cause != null
                && String.valueOf(e.getMessage()).equals(cause.toString());
        return wrapsOnly ? cause.getMessage() : e.getMessage();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reports the toolkit version. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"seedscope " + Version.toolkit()};
        }
    }
}
