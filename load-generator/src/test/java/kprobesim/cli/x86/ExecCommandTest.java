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

/** exec end to end in-process: each stop reason, registers in and out, regions, dumps, batch order. */
class ExecCommandTest {
    @TempDir
    Path dir;

    private Path code(String hex) throws IOException {
        return Files.write(dir.resolve("c" + hex.length() + ".bin"), Hex.decode(hex));
    }

    private static JsonNode json(CliRun r) {
        r.assertOk();
        assertEquals(1, r.out().lines().count(), r.out());
        return ExecJson.parse(r.out(), "out");
    }

    @Test
    void stopsAtHltWithRegistersFromTheRegsFile() throws IOException {
        // add %rbx,%rax ; hlt
        Path regs = Files.writeString(dir.resolve("r.json"), "{\"rax\":\"0x10\",\"rbx\":32,\"rflags\":\"0x202\"}");
        JsonNode r = json(CliRun.of("x86", "exec", "--code", code("4801d8f4").toString(), "--base", "0x400000",
                "--regs", regs.toString(), "--json"));
        assertEquals("hlt", r.get("stop").asText());
        assertTrue(r.get("exception").isNull());
        assertEquals(2, r.get("instructions").asInt());
        assertEquals("0x30", r.get("regs").get("rax").asText());
        assertEquals("0x400004", r.get("regs").get("rip").asText());
        assertEquals("0x206", r.get("regs").get("rflags").asText()); // IF kept, PF from 0x30 (two bits set)
    }

    @Test
    void stopsAtTheEndOfTheCode() throws IOException {
        // inc %eax ; inc %eax
        JsonNode r = json(CliRun.of("x86", "exec", "--code", code("ffc0ffc0").toString(), "--base", "4096", "--json"));
        assertEquals("end", r.get("stop").asText());
        assertEquals("0x2", r.get("regs").get("rax").asText());
        assertEquals("0x1004", r.get("regs").get("rip").asText());
    }

    @Test
    void stopsAtTheInstructionLimit() throws IOException {
        // 1: jmp 1b
        JsonNode r = json(CliRun.of("x86", "exec", "--code", code("ebfe").toString(), "--base", "0x1000",
                "--max-instructions", "1000", "--json"));
        assertEquals("limit", r.get("stop").asText());
        assertEquals(1000, r.get("instructions").asInt());
    }

    @Test
    void unmappedAccessIsAPageFault() throws IOException {
        // mov %rax,0x600000 (absolute, 32-bit displacement) ; hlt
        JsonNode r = json(CliRun.of("x86", "exec", "--code", code("48890425000060 00f4".replace(" ", "")).toString(),
                "--base", "0x400000", "--json"));
        assertEquals("exception", r.get("stop").asText());
        assertEquals(14, r.get("exception").get("vector").asInt());
        assertEquals("0x600000", r.get("exception").get("address").asText());
        assertEquals(2, r.get("exception").get("error").asInt() & 2, "write bit of the #PF error code");
        assertEquals("0x400000", r.get("regs").get("rip").asText(), "a fault leaves rip at the instruction");
    }

    @Test
    void memLoadAndDump() throws IOException {
        // mov (%rsi),%rax ; mov %rax,8(%rsi) ; hlt  with rsi = 0x600000
        Path data = Files.write(dir.resolve("d.bin"), Hex.decode("efbeadde00000000"));
        Path regs = Files.writeString(dir.resolve("r.json"), "{\"rsi\":\"0x600000\"}");
        JsonNode r = json(CliRun.of("x86", "exec", "--code", code("488b0648894608f4").toString(), "--base", "0x400000",
                "--regs", regs.toString(), "--load", "0x600000:" + data, "--mem", "0x601000:0x1000",
                "--dump", "0x600000:16", "--json"));
        assertEquals("hlt", r.get("stop").asText());
        assertEquals("0xdeadbeef", r.get("regs").get("rax").asText());
        assertEquals("0x600000", r.get("dumps").get(0).get("addr").asText());
        assertEquals("efbeadde00000000efbeadde00000000", r.get("dumps").get(0).get("hex").asText());
    }

    @Test
    void withoutJsonPrintsASummary() throws IOException {
        CliRun r = CliRun.of("x86", "exec", "--code", code("f4").toString(), "--base", "0x1000").assertOk();
        assertTrue(r.out().startsWith("stop: hlt after 1 instructions"), r.out());
        assertTrue(r.out().contains("rip  0000000000001001"), r.out());
    }

    @Test
    void dumpOfUnmappedMemoryIsBadInput() throws IOException {
        CliRun.of("x86", "exec", "--code", code("f4").toString(), "--base", "0x1000", "--dump", "0x9000:4")
                .assertBadInput("0x9000 is not in the code or any --mem/--load region");
    }

    @Test
    void batchAnswersEveryLineInOrder() throws IOException {
        Path batch = Files.writeString(dir.resolve("b.jsonl"), String.join("\n",
                "{\"code\":\"4801d8f4\",\"base\":\"0x400000\",\"regs\":{\"rax\":1,\"rbx\":2}}",
                "",
                "{\"code\":\"ebfe\",\"base\":4096,\"max_instructions\":7}",
                "{\"code\":\"c6042500006000 2af4\",\"base\":\"0x400000\",\"mem\":[{\"addr\":\"0x600000\",\"hex\":\"0102\"},"
                        + "{\"addr\":\"0x7f0000\",\"len\":65536}],\"dump\":[{\"addr\":\"0x600000\",\"len\":2}]}",
                "{\"code\":\"0f0b\",\"base\":\"0x400000\"}") + "\n");
        CliRun r = CliRun.of("x86", "exec", "--batch", batch.toString()).assertOk();
        String[] lines = r.out().split("\n");
        assertEquals(4, lines.length, r.out());
        assertEquals("0x3", ExecJson.parse(lines[0], "1").get("regs").get("rax").asText());
        assertEquals("limit", ExecJson.parse(lines[1], "2").get("stop").asText());
        assertEquals(7, ExecJson.parse(lines[1], "2").get("instructions").asInt());
        assertEquals("2a02", ExecJson.parse(lines[2], "3").get("dumps").get(0).get("hex").asText());
        JsonNode ud = ExecJson.parse(lines[3], "4");
        assertEquals("exception", ud.get("stop").asText());
        assertEquals(6, ud.get("exception").get("vector").asInt());
    }
}
