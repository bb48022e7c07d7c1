package kprobesim.cli;

import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Entry point of the {@code kprobesim} command (see README, "CLI contract").
 *
 * <p>Exit codes: 0 success, 2 bad input or bad usage (one line on stderr), 70 an internal bug
 * (one line on stderr naming the Java exception, so it can be reported; never a stack trace).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // Initialise SLF4J on this thread before any actor system starts: otherwise Akka's
        // threads log during SLF4J's initialisation and SLF4J prints a "replayed" banner on stderr.
        LoggerFactory.getILoggerFactory();
        System.exit(run(args, new PrintWriter(System.out, false), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code; used by tests too. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = newCommandLine(out, err);
        try {
            return cmd.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The configured command tree: one-line error handlers, our streams, no stack traces. */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new KprobesimCommand());
        cmd.setOut(out);
        cmd.setErr(err);
        OneLineErrors handlers = new OneLineErrors();
        cmd.setParameterExceptionHandler(handlers);
        cmd.setExecutionExceptionHandler(handlers);
        return cmd;
    }
}
