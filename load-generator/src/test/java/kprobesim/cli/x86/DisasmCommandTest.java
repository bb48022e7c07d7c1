package kprobesim.cli.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kprobesim.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DisasmCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsAnObjdumpStyleListing() throws IOException {
        Path bin = Files.write(dir.resolve("c.bin"), Hex.decode("4883ec78c3"));
        CliRun r = CliRun.of("x86", "disasm", bin.toString(), "--base", "0x400000").assertOk();
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length, r.out());
        assertEquals("400000: 48 83 ec 78 sub $0x78,%rsp", fold(lines[0]));
        assertEquals("400004: c3 ret", fold(lines[1]));
    }

    @Test
    void unreadableFile() {
        CliRun.of("x86", "disasm", dir.resolve("x.bin").toString()).assertBadInput("x.bin: cannot read: no such file");
    }

    private static String fold(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }
}
