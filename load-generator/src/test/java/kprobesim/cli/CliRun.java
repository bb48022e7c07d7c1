package kprobesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process with captured stdout/stderr. */
public record CliRun(int exit, String out, String err) {
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** Asserts the bad-input contract: exit 2, exactly one stderr line starting "kprobesim: ", no Java exception text. */
    public CliRun assertBadInput(String expectedFragment) {
        assertEquals(2, exit, () -> "exit code; stderr=" + err + " stdout=" + out);
        String[] lines = err.strip().split("\n");
        assertEquals(1, lines.length, () -> "one error line, got: " + err);
        assertTrue(lines[0].startsWith("kprobesim: "), lines[0]);
        assertTrue(lines[0].contains(expectedFragment), () -> "'" + expectedFragment + "' not in: " + lines[0]);
        assertFalse(err.contains("Exception"), err);
        assertFalse(err.contains("\tat "), err);
        return this;
    }

    public CliRun assertOk() {
        assertEquals(0, exit, () -> "exit code; stderr=" + err);
        assertEquals("", err);
        return this;
    }
}
