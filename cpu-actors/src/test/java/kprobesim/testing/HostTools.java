package kprobesim.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs host programs (GNU {@code as}, {@code ld}, {@code objcopy}, {@code objdump}, {@code gcc}, or
 * a binary a test built) for the oracle tiers of every module; shared through cpu-actors' test-jar.
 * A missing tool FAILS the test with the command that installs it, never skips it: an oracle that
 * silently does not run proves nothing, and CI installs the tools.
 */
public final class HostTools {
    /** How long one host command may run before the test fails; gcc on the harness is the slowest. */
    private static final long TIMEOUT_SECONDS = 120;
    /** Output kept in a failure message; a compiler can print megabytes of cascading errors. */
    private static final int MAX_OUTPUT_CHARS = 4000;
    /** The Debian/Ubuntu package that provides each tool the tests call. */
    private static final Map<String, String> PACKAGE = Map.of(
            "as", "binutils", "ld", "binutils", "objcopy", "binutils", "objdump", "binutils", "gcc", "gcc");

    private HostTools() {}

    /** The executable {@code tool} on the PATH; fails with an install hint if there is none. */
    public static Path require(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        fail("host tool '" + tool + "' not found on PATH; " + installHint(tool));
        throw new AssertionError("unreachable");
    }

    /**
     * Runs {@code cmd} in {@code dir} with stderr merged into stdout and returns that output.
     * Fails the test if the program cannot be started (with an install hint), times out, or exits
     * non-zero (with its output).
     */
    public static String run(Path dir, String... cmd) {
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("cannot run '" + cmd[0] + "' (" + e.getMessage() + "); " + installHint(cmd[0]));
            throw new AssertionError("unreachable");
        }
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", cmd) + " timed out after " + TIMEOUT_SECONDS + "s");
            }
            if (p.exitValue() != 0) {
                fail(String.join(" ", cmd) + " exited " + p.exitValue() + ":\n" + truncated(output));
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("reading the output of " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", cmd), e);
        }
    }

    private static String installHint(String tool) {
        String pkg = PACKAGE.get(tool);
        return pkg == null
                ? "the oracle tests need it and never skip"
                : "the oracle tests need it and never skip; install it with: sudo apt-get install -y " + pkg;
    }

    private static String truncated(String output) {
        return output.length() > MAX_OUTPUT_CHARS ? output.substring(0, MAX_OUTPUT_CHARS) + "..." : output;
    }
}
