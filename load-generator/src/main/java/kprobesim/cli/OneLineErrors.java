package kprobesim.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into exactly one line on stderr: usage and input errors exit with
 * {@link #BAD_INPUT}, anything else is a simulator bug and exits with {@link #INTERNAL}.
 */
public final class OneLineErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
    /** Exit code for input or usage the user can fix. */
    public static final int BAD_INPUT = 2;
    /** Exit code for a bug in kprobesim (EX_SOFTWARE from sysexits.h). */
    public static final int INTERNAL = 70;

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String hint = cmd.getCommandSpec().qualifiedName();
        print(cmd, oneLine(ex.getMessage()) + " (see '" + hint + " --help')");
        return BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        if (ex instanceof BadInputException) {
            print(cmd, oneLine(ex.getMessage()));
            return BAD_INPUT;
        }
        if (ex instanceof ParameterException pe) {
            return handleParseException(pe, parsed.originalArgs().toArray(new String[0]));
        }
        StackTraceElement[] where = ex.getStackTrace();
        print(cmd, "internal error (please report): " + ex.getClass().getSimpleName() + ": "
                + oneLine(String.valueOf(ex.getMessage()))
                + (where.length > 0 ? " at " + where[0] : ""));
        return INTERNAL;
    }

    private static void print(CommandLine cmd, String line) {
        PrintWriter err = cmd.getErr();
        err.println("kprobesim: " + line);
        err.flush();
    }

    /** Messages from files may hold newlines; the contract is one line. */
    static String oneLine(String s) {
        return s.replace("\r", "").replace('\n', ' ').strip();
    }
}
