package dev.wsprobe.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One line per event on standard output, {@code 12:00:01.234 state did change, new: ready}. Warnings are
 * marked; stack traces only with {@code --verbose}. The libraries underneath (Grizzly, Tyrus) speak only
 * when something is wrong, unless verbose.
 */
public final class ConsoleLogging {
    /**
     * Held strongly: java.util.logging keeps loggers only weakly, and a collected logger forgets the level
     * set on it (Grizzly's start-up chatter would come back).
     */
    private static final Logger LIBRARIES = Logger.getLogger("org.glassfish");
    private static final Logger WSPROBE = Logger.getLogger("dev.wsprobe");

    private ConsoleLogging() {
    }

    static void install(boolean verbose) {
        install(verbose, System.out);
    }

    /** @param to where the lines go: stdout, or stderr for a command whose stdout carries data ({@code connect}) */
    static void install(boolean verbose, PrintStream to) {
        Logger root = Logger.getLogger("");
        for (Handler existing : root.getHandlers()) {
            root.removeHandler(existing);
        }
        root.addHandler(new LineHandler(to, verbose));
        root.setLevel(Level.INFO);
        LIBRARIES.setLevel(verbose ? Level.INFO : Level.WARNING);
        WSPROBE.setLevel(verbose ? Level.FINE : Level.INFO);
    }

    private static final class LineHandler extends Handler {
        private final PrintStream out;

        LineHandler(PrintStream out, boolean verbose) {
            this.out = out;
            setLevel(Level.ALL);
            setFormatter(new LineFormatter(verbose));
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                out.print(getFormatter().format(record));
                out.flush();
            }
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }

    private static final class LineFormatter extends Formatter {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
        private final boolean verbose;

        LineFormatter(boolean verbose) {
            this.verbose = verbose;
        }

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder(TIME.format(LocalTime.now()))
                    .append(' ');
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                line.append("ERROR ");
            } else if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                line.append("WARNING ");
            }
            line.append(formatMessage(record)).append(System.lineSeparator());
            if (verbose && record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }
    }
}
