package kprobesim.cpu.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kprobesim.testing.HostTools;

/**
 * Assembles test programs with the host's GNU {@code as} and {@code objcopy}, through
 * {@link HostTools}: a missing tool fails the test with an install hint; it never skips.
 */
public final class HostAssembler {
    private HostAssembler() {}

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
        HostTools.require("as");
        HostTools.require("objcopy");
        Path dir = scratch("as");
        try {
            Files.writeString(dir.resolve("t.s"), source);
            HostTools.run(dir, "as", "--64", "-o", "t.o", "t.s");
            List<byte[]> out = new ArrayList<>();
            for (String s : sections) {
                String bin = "t" + out.size() + ".bin";
                HostTools.run(dir, "objcopy", "-O", "binary", "-j", s, "t.o", bin);
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
