package kprobesim.cli.x86;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kprobesim.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsmCommandTest {
    @TempDir
    Path dir;

    private Path source(String text) throws IOException {
        return Files.writeString(dir.resolve("p.S"), text);
    }

    @Test
    void writesTextBytesAndPrintsSymbols() throws IOException {
        Path src = source("""
                	.text
                	.globl	f
                	.type	f, @function
                f:	sub	$0x78, %rsp
                	jmp	1f
                1:	ret
                	.size	f, .-f
                	.data
                d:	.quad	f
                """);
        Path bin = dir.resolve("p.bin");
        CliRun r = CliRun.of("x86", "asm", src.toString(), "-o", bin.toString(), "--base", "0xffffffff81000000",
                "--symbols").assertOk();
        // bytes from GNU as: 48 83 ec 78 / eb 00 / c3 (the .data section is not in the .bin)
        assertArrayEquals(Hex.decode("4883ec78eb00c3"), Files.readAllBytes(bin));
        assertTrue(r.out().contains("ffffffff81000000 T f\n"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("[0-9a-f]{16} d d")), r.out());
    }

    @Test
    void linesMapAddressesToSource() throws IOException {
        Path src = source("\tnop\n\n\thlt\n");
        CliRun r = CliRun.of("x86", "asm", src.toString(), "-o", dir.resolve("p.bin").toString(), "--base", "0x1000",
                "--lines").assertOk();
        assertEquals("0000000000001000 1 " + src + ":1\n0000000000001001 1 " + src + ":3\n", r.out());
    }

    @Test
    void unknownMnemonicNamesFileAndLine() throws IOException {
        Path src = source("\tnop\n\tfrob %rax\n");
        CliRun.of("x86", "asm", src.toString(), "-o", dir.resolve("p.bin").toString()).assertBadInput(src + ":2: ");
    }

    @Test
    void badOperandNamesFileAndLine() throws IOException {
        Path src = source("\tmov %rax, %ebx\n");
        CliRun.of("x86", "asm", src.toString(), "-o", dir.resolve("p.bin").toString()).assertBadInput(src + ":1: ");
    }

    @Test
    void undefinedLabelNamesFileAndLine() throws IOException {
        Path src = source("\tnop\n\tnop\n\tjmp nowhere\n");
        CliRun.of("x86", "asm", src.toString(), "-o", dir.resolve("p.bin").toString()).assertBadInput(src + ":3: ");
    }

    @Test
    void unreadableSource() {
        CliRun.of("x86", "asm", dir.resolve("none.S").toString(), "-o", dir.resolve("p.bin").toString())
                .assertBadInput("none.S: cannot read: no such file");
    }

    @Test
    void outputIsRequired() throws IOException {
        CliRun.of("x86", "asm", source("nop\n").toString()).assertBadInput("--output");
    }
}
