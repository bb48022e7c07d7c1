package kprobesim.cpu.oracle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kprobesim.testing.HostTools;

/**
 * The real GNU binutils ({@code as}, {@code objcopy}, {@code objdump}) for the disassembly oracle
 * tests, and the parsing of objdump listings. The tools run through {@link HostTools}: a missing
 * tool fails the test with an install hint (CI installs binutils); a silent skip would prove nothing.
 */
final class GnuBinutils {
    /** One instruction as objdump listed it: address, bytes (joined over continuation lines), text. */
    record Listed(long address, byte[] bytes, String text) {}

    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f]{2}(?: [0-9a-f]{2})*) *(?:\\t(.*))?$");

    private GnuBinutils() {}

    /** Assembles {@code source} with {@code as --64} and returns its .text bytes (objcopy -O binary). */
    static byte[] assemble(Path dir, String source) throws IOException, InterruptedException {
        Path src = dir.resolve("in.S");
        Files.writeString(src, source);
        HostTools.run(dir, "as", "--64", "-o", "in.o", "in.S");
        HostTools.run(dir, "objcopy", "-O", "binary", "-j", ".text", "in.o", "in.bin");
        return Files.readAllBytes(dir.resolve("in.bin"));
    }

    /** The raw text of {@code objdump -D -b binary -m i386:x86-64} for {@code code} at {@code base}. */
    static String objdumpText(Path dir, byte[] code, long base) throws IOException, InterruptedException {
        Path bin = dir.resolve("dis.bin");
        Files.write(bin, code);
        return HostTools.run(dir, "objdump", "-D", "-b", "binary", "-m", "i386:x86-64",
                "--adjust-vma=0x" + Long.toHexString(base), "dis.bin");
    }

    /** The instruction lines of an objdump listing (headers dropped), exactly as printed. */
    static List<String> listingLines(String objdump) {
        List<String> lines = new ArrayList<>();
        for (String line : objdump.split("\n")) {
            if (LINE.matcher(line).matches()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Parses an objdump listing into instructions, joining continuation lines. */
    static List<Listed> parse(String objdump) {
        List<Listed> out = new ArrayList<>();
        long addr = 0;
        String text = null;
        java.io.ByteArrayOutputStream bytes = null;
        for (String line : objdump.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            if (m.group(3) != null) {
                if (bytes != null) {
                    out.add(new Listed(addr, bytes.toByteArray(), text));
                }
                addr = Long.parseUnsignedLong(m.group(1), 16);
                text = m.group(3);
                bytes = new java.io.ByteArrayOutputStream();
            }
            if (bytes == null) {
                continue;
            }
            for (String h : m.group(2).trim().split(" ")) {
                bytes.write(Integer.parseInt(h, 16));
            }
        }
        if (bytes != null) {
            out.add(new Listed(addr, bytes.toByteArray(), text));
        }
        return out;
    }

    /** Folds runs of whitespace to one space and trims, the comparison rule for disassembly text. */
    static String fold(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    static String hex(byte[] b, int off, int len) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < len; i++) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(String.format("%02x", b[off + i] & 0xFF));
        }
        return s.toString();
    }
}
