package dev.wsprobe.cli;

import dev.wsprobe.diagnosis.Failures;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code java -jar wsprobe.jar}: the standalone host's command line. */
@Command(name = "wsprobe", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "WebSocket receiver, echo server and periodic sender.",
        subcommands = {ServerCommand.class, ConnectCommand.class, SendCommand.class, CheckCommand.class, LoadCommand.class,
            DemoCommand.class, HealthCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    static {
        // before anything touches java.util.logging: see ShutdownSafeLogManager
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
        }
    }

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setParameterExceptionHandler(Main::usageError);
        commandLine.setExecutionExceptionHandler(Main::executionError);
        return commandLine.execute(args);
    }

    /** {@code wsprobe} alone: the overview, and a usage exit code since nothing was asked. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** One line: what was wrong and where to read more. */
    private static int usageError(CommandLine.ParameterException error, String[] args) {
        CommandLine where = error.getCommandLine();
        PrintWriter err = where.getErr();
        err.println("wsprobe: " + error.getMessage() + " (see: " + where.getCommandSpec().qualifiedName()
                + " --help)");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static int executionError(Exception error, CommandLine where, ParseResult parsed) {
        PrintWriter err = where.getErr();
        if (error instanceof UserError userError) {
            err.println("wsprobe: " + userError.getMessage());
            if (verbose(parsed) && userError.getCause() != null) {
                userError.getCause().printStackTrace(err);
            }
            err.flush();
            return userError.exitCode();
        }
        err.println("wsprobe: unexpected error: " + Failures.summary(error)
                + (verbose(parsed) ? "" : " (run again with --verbose for the details)"));
        if (verbose(parsed)) {
            error.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.INTERNAL;
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** The version Maven recorded in the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/META-INF/maven/dev.wsprobe/wsprobe/pom.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"wsprobe " + properties.getProperty("version", "(development build)")};
        }
    }
}
