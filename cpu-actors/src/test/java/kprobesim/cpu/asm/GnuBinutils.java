package kprobesim.cpu.asm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kprobesim.testing.HostTools;

/**
 * The oracle: runs the real binutils ({@code as --64}, {@code ld}, {@code objcopy}) on a source
 * and returns the linked {@code .text} bytes. The tools run through {@link HostTools}: missing
 * binutils is a test failure with an install hint, never a skip: CI installs them.
 */
final class GnuBinutils {
    private GnuBinutils() {}

    /**
     * Assembles with {@code as --64}, links with {@code .text} at {@code textBase} and every other
     * section at the given address, and returns the {@code .text} bytes.
     */
    static byte[] text(String source, long textBase, Map<String, Long> otherSections) {
        return sections(source, textBase, otherSections, List.of(".text")).get(".text");
    }

    /** Like {@link #text} but returns the linked contents of each section in {@code names}. */
    static Map<String, byte[]> sections(String source, long textBase, Map<String, Long> otherSections,
            List<String> names) {
        return sections(List.of(source), textBase, otherSections, names);
    }

    /** Several sources: each assembled on its own, the objects linked in order. */
    static Map<String, byte[]> sections(List<String> sources, long textBase, Map<String, Long> otherSections,
            List<String> names) {
        try {
            Path dir = Files.createTempDirectory("kprobesim-as");
            try {
                List<String> objects = new ArrayList<>();
                for (int i = 0; i < sources.size(); i++) {
                    Files.writeString(dir.resolve("F" + i + ".S"), sources.get(i), StandardCharsets.UTF_8);
                    HostTools.run(dir, "as", "--64", "F" + i + ".S", "-o", "F" + i + ".o");
                    objects.add("F" + i + ".o");
                }
                List<String> ld = new ArrayList<>(List.of("ld", "-m", "elf_x86_64", "-Ttext=0x" + Long.toHexString(textBase),
                        "-e", "0", "--no-relax", "-z", "noexecstack", "-z", "max-page-size=0x1000"));
                for (var e : otherSections.entrySet()) {
                    ld.add("--section-start=" + e.getKey() + "=0x" + Long.toHexString(e.getValue()));
                }
                ld.addAll(objects);
                ld.addAll(List.of("-o", "F.elf"));
                HostTools.run(dir, ld.toArray(String[]::new));
                Map<String, byte[]> out = new java.util.LinkedHashMap<>();
                int n = 0;
                for (String name : names) {
                    String file = "S" + (n++) + ".bin";
                    HostTools.run(dir, "objcopy", "-O", "binary", "-j", name, "F.elf", file);
                    out.put(name, Files.readAllBytes(dir.resolve(file)));
                }
                return out;
            } finally {
                try (var walk = Files.walk(dir)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new AssertionError("binutils oracle failed: " + e.getMessage(), e);
        }
    }

    static String hex(byte[] b, int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = Math.max(0, from); i < Math.min(b.length, to); i++) {
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(String.format("%02x", b[i] & 0xff));
        }
        return s.toString();
    }
}
