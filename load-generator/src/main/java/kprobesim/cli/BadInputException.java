package kprobesim.cli;

/**
 * Input the user can fix: a bad source line, bad hex, an unreadable file, a bad JSON line.
 * The message is the whole error line after "kprobesim: ", with "file:line: " in front where
 * there is a line. {@link OneLineErrors} prints it and exits with 2; it never has a stack trace.
 *
 * <p>The library reports such errors as values (e.g. the assembler's error list); the CLI turns
 * a value into this exception only to unwind out of a command in one step.
 */
public final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message, null, false, false);
    }

    /** An error at {@code file:line}; line numbers start at 1. */
    public static BadInputException at(String file, int line, String message) {
        return new BadInputException(file + ":" + line + ": " + message);
    }

    /** An error about a whole file (no line). */
    public static BadInputException in(String file, String message) {
        return new BadInputException(file + ": " + message);
    }
}
