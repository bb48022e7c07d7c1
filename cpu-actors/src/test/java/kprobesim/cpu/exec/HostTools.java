package kprobesim.cpu.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The host toolchain the oracle tests need: GNU {@code as}, {@code objcopy} and {@code gcc}.
 * A missing tool fails the test with a clear message (CI installs them); it never skips.
 */
public final class HostTools {
    private HostTools() {}

    /** Fails with an actionable message unless {@code tool} is on the PATH. */
    public static void require(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        throw new AssertionError("host tool '" + tool + "' not found on PATH: the oracle tests need GNU binutils"
                + " (as, objcopy) and gcc; install them with: sudo apt-get install -y binutils gcc");
    }

    /** Runs a command in {@code dir}; fails with its output if it does not exit 0. */
    public static String run(Path dir, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", cmd));
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", cmd) + " exited " + p.exitValue() + ":\n"
                        + (text.length() > 4000 ? text.substring(0, 4000) + "..." : text));
            }
            return text;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A fresh scratch directory under target/. */
    public static Path scratch(String name) {
        try {
            Path base = Path.of("target", "oracle-work");
            Files.createDirectories(base);
            return Files.createTempDirectory(base, name).toAbsolutePath();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Assembles AT&amp;T source with {@code as --64} and returns the raw bytes of each requested
     * section ({@code objcopy -O binary -j SECTION}).
     */
    public static List<byte[]> assemble(String source, String... sections) {
        require("as");
        require("objcopy");
        Path dir = scratch("as");
        try {
            Files.writeString(dir.resolve("t.s"), source);
            run(dir, "as", "--64", "-o", "t.o", "t.s");
            List<byte[]> out = new ArrayList<>();
            for (String s : sections) {
                String bin = "t" + out.size() + ".bin";
                run(dir, "objcopy", "-O", "binary", "-j", s, "t.o", bin);
                out.add(Files.readAllBytes(dir.resolve(bin)));
            }
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The .text bytes of {@code source}. */
    public static byte[] assembleText(String source) {
        return assemble(".text\n" + source + "\n", ".text").get(0);
    }
}
