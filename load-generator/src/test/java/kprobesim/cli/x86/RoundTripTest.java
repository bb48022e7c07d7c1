package kprobesim.cli.x86;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kprobesim.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** asm -> disasm -> exec through the CLI only, on the demo program, plus the demo command itself. */
class RoundTripTest {
    @TempDir
    Path dir;

    @Test
    void assembleDisassembleExecuteTheDemo() throws IOException {
        Path src = Path.of("..", "config", "demo", "sum.S");
        Path bin = dir.resolve("sum.bin");
        CliRun asm = CliRun.of("x86", "asm", src.toString(), "-o", bin.toString(), "--base", "0x400000", "--symbols").assertOk();
        assertTrue(asm.out().contains("0000000000400000 T _start"), asm.out());

        CliRun dis = CliRun.of("x86", "disasm", bin.toString(), "--base", "0x400000").assertOk();
        assertTrue(dis.out().contains("call   0x400017"), dis.out());
        assertTrue(dis.out().contains("hlt"), dis.out());
        assertTrue(dis.out().contains("lea    (%rax,%rdi,1),%rbx"), dis.out());

        JsonNode r = ExecJson.parse(CliRun.of("x86", "exec", "--code", bin.toString(), "--base", "0x400000",
                "--mem", "0x7f0000:0x10000", "--json").assertOk().out(), "exec");
        assertEquals("hlt", r.get("stop").asText());
        assertEquals("0x13ba", r.get("regs").get("rax").asText()); // 1 + 2 + ... + 100
        assertEquals("0x1234", r.get("regs").get("rbx").asText());
        assertEquals("0x800000", r.get("regs").get("rsp").asText());
        assertEquals(4 + 2 + 100 * 4 + 2 + 1, r.get("instructions").asInt());
    }

    @Test
    void demoCommandRunsTheBundledProgram() {
        CliRun r = CliRun.of("x86", "demo").assertOk();
        assertTrue(r.out().contains("stop: hlt after 409 instructions"), r.out());
        assertTrue(r.out().contains("rax  00000000000013ba"), r.out());
    }
}
