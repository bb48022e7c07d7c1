package kprobesim.cli.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kprobesim.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kprobesim machine run}: the JSON contract and the one-line errors. */
class MachineRunCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String write(String name, String source) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, source);
        return p.toString();
    }

    private static JsonNode json(CliRun r) throws IOException {
        r.assertOk();
        String[] lines = r.out().strip().split("\n");
        assertEquals(1, lines.length, r.out());
        return JSON.readTree(lines[0]);
    }

    private static final String LOGGER = String.join("\n",
            ".globl _start",
            "_start: mov $40, %ecx",
            "1:      mov $1, %eax",
            "        lock xadd %rax, idx",
            "        mov %dil, log(%rax)",
            "        dec %ecx",
            "        jnz 1b",
            "        hlt",
            ".data",
            "idx: .quad 0",
            "log: .skip 256", "");

    @Test
    void jsonHasTheContractFieldsInOrder() throws IOException {
        String prog = write("logger.S", LOGGER);
        JsonNode j = json(CliRun.of("machine", "run", "--cpus", "3", "--mode", "deterministic", "--seed", "5",
                "--quantum", "10", "--program", prog, "--json"));
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("cpus", "mode", "seed", "digest", "wall_ms", "instructions", "interrupts", "ipis",
                "halted", "faults"), keys);
        assertEquals(3, j.get("cpus").asInt());
        assertEquals("deterministic", j.get("mode").asText());
        assertEquals(5, j.get("seed").asLong());
        assertTrue(j.get("digest").asText().matches("[0-9a-f]{64}"), j.toString());
        assertTrue(j.get("wall_ms").isIntegralNumber());
        assertEquals(3, j.get("instructions").get("per_cpu").size());
        long perCpu = 1 + 40 * 5 + 1; // mov, 40 iterations of 5, hlt
        for (JsonNode n : j.get("instructions").get("per_cpu")) {
            assertEquals(perCpu, n.asLong());
        }
        assertEquals(3 * perCpu, j.get("instructions").get("total").asLong());
        assertEquals(0, j.get("interrupts").asLong());
        assertEquals(0, j.get("ipis").asLong());
        assertEquals("[0,1,2]", j.get("halted").toString());
        assertEquals("[]", j.get("faults").toString());
    }

    @Test
    void sameSeedSameDigestOtherSeedOtherDigest() throws IOException {
        String prog = write("logger.S", LOGGER);
        String a = json(CliRun.of("machine", "run", "--cpus", "4", "--mode", "deterministic", "--seed", "1",
                "--quantum", "7", "--program", prog, "--json")).get("digest").asText();
        String b = json(CliRun.of("machine", "run", "--cpus", "4", "--mode", "deterministic", "--seed", "1",
                "--quantum", "7", "--program", prog, "--json")).get("digest").asText();
        String c = json(CliRun.of("machine", "run", "--cpus", "4", "--mode", "deterministic", "--seed", "2",
                "--quantum", "7", "--program", prog, "--json")).get("digest").asText();
        assertEquals(a, b);
        assertNotEquals(a, c, "another seed interleaves the log differently");
    }

    @Test
    void unhandledExceptionIsReportedAsAFault() throws IOException {
        String prog = write("ud.S", ".globl _start\n_start: test %rdi,%rdi\njnz 1f\nud2\n1: hlt\n");
        JsonNode j = json(CliRun.of("machine", "run", "--cpus", "2", "--program", prog, "--json"));
        assertEquals("[{\"cpu\":0,\"vector\":6,\"rip\":\"0xffffffff81000005\"}]", j.get("faults").toString());
        assertEquals("[1]", j.get("halted").toString());
    }

    @Test
    void loopWithoutHltEndsAtTheInstructionLimitInBothModes() throws IOException {
        String prog = write("loop.S", ".globl _start\n_start: inc %rax\njmp _start\n");
        for (String mode : List.of("deterministic", "parallel")) {
            JsonNode j = json(CliRun.of("machine", "run", "--cpus", "2", "--mode", mode, "--program", prog,
                    "--instructions", "5000", "--json"));
            assertEquals("[5000,5000]", j.get("instructions").get("per_cpu").toString(), mode);
            assertEquals("[]", j.get("halted").toString());
            assertEquals(mode, j.get("mode").asText());
        }
    }

    @Test
    void timerInterruptsAreCounted() throws IOException {
        // the program packs its own interrupt gate for vector 0xef (pack_gate layout) and loads the IDT
        String prog2 = write("timer2.S", String.join("\n",
                ".globl _start",
                "_start: test %rdi, %rdi",
                "        jnz wait",
                "        lea timer, %rax",          // pack_gate(GATE_INTERRUPT, timer, 0, 0, 0x10)
                "        mov %ax, idt+0xef*16",
                "        movw $0x10, idt+0xef*16+2",
                "        movw $0x8e00, idt+0xef*16+4",
                "        shr $16, %rax",
                "        mov %ax, idt+0xef*16+6",
                "        shr $16, %rax",
                "        mov %eax, idt+0xef*16+8",
                "        movq $1, ready",
                "wait:   cmpq $0, ready",
                "        je wait",
                "        lidt idtr",
                "        sti",
                "1:      cmpq $3, %gs:16",
                "        jb 1b",
                "        cli",
                "        hlt",
                "timer:  incq %gs:16",
                "        iretq",
                ".data",
                "ready:  .quad 0",
                "idtr:   .word 0xfff",
                "        .quad idt",
                "        .p2align 12",
                "idt:    .skip 4096", ""));
        JsonNode j = json(CliRun.of("machine", "run", "--cpus", "2", "--timer-every", "100", "--program", prog2,
                "--json"));
        assertEquals("[]", j.get("faults").toString(), j.toString());
        assertEquals("[0,1]", j.get("halted").toString());
        assertEquals(6, j.get("interrupts").asLong(), "3 ticks on each CPU");
    }

    @Test
    void smpTimerDemoRunsInBothModes() throws IOException {
        String src;
        try (var in = MachineRunCommandTest.class.getResourceAsStream("/kprobesim/demo/smp_timer.S")) {
            src = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String prog = write("smp_timer.S", src);
        for (String mode : List.of("deterministic", "parallel")) {
            JsonNode j = json(CliRun.of("machine", "run", "--cpus", "4", "--mode", mode, "--timer-every", "1000",
                    "--program", prog, "--json"));
            assertEquals("[0,1,2,3]", j.get("halted").toString(), j.toString());
            assertEquals("[]", j.get("faults").toString());
            assertEquals(3, j.get("ipis").asLong(), "one reschedule IPI to each other CPU");
            assertTrue(j.get("interrupts").asLong() >= 4 * 5 + 3, j.toString());
        }
    }

    @Test
    void humanSummaryWithoutJson() throws IOException {
        String prog = write("logger.S", LOGGER);
        CliRun r = CliRun.of("machine", "run", "--cpus", "2", "--program", prog).assertOk();
        assertTrue(r.out().contains("2 CPU(s), deterministic mode"), r.out());
        assertTrue(r.out().contains("digest "), r.out());
    }

    // ---------------------------------------------------------------- errors: one line, exit 2

    @Test
    void assemblyErrorNamesFileAndLine() throws IOException {
        String prog = write("bad.S", ".globl _start\n_start: frobnicate %rax\n");
        CliRun.of("machine", "run", "--program", prog, "--json").assertBadInput("bad.S:2: ");
    }

    @Test
    void programWithoutStart() throws IOException {
        String prog = write("nostart.S", "main: hlt\n");
        CliRun.of("machine", "run", "--program", prog, "--json").assertBadInput("nostart.S: no _start symbol");
    }

    @Test
    void badOptions() throws IOException {
        String prog = write("ok.S", ".globl _start\n_start: hlt\n");
        CliRun.of("machine", "run", "--program", prog, "--mode", "turbo").assertBadInput("--mode must be deterministic or parallel");
        CliRun.of("machine", "run", "--program", prog, "--cpus", "0").assertBadInput("--cpus must be 1..");
        CliRun.of("machine", "run", "--program", prog, "--quantum", "0").assertBadInput("--quantum must be at least 1");
        CliRun.of("machine", "run", "--program", prog, "--cpus", "x").assertBadInput("--cpus");
        CliRun.of("machine", "run", "--json").assertBadInput("--program");
        CliRun.of("machine", "run", "--program", dir.resolve("missing.S").toString()).assertBadInput("missing.S: cannot read: no such file");
    }
}
