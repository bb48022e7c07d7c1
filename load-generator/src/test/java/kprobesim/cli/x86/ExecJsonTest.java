package kprobesim.cli.x86;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import kprobesim.cli.BadInputException;
import org.junit.jupiter.api.Test;

class ExecJsonTest {
    private static ExecRequest parse(String line) {
        return ExecJson.request(ExecJson.parse(line, "t.jsonl:7"), "t.jsonl:7", 99);
    }

    private static String error(String line) {
        return assertThrows(BadInputException.class, () -> parse(line)).getMessage();
    }

    @Test
    void readsTheContractExample() {
        ExecRequest r = parse("{\"code\":\"4801d8f4\",\"base\":\"0x400000\","
                + "\"regs\":{\"rax\":\"0x10\",\"rbx\":32,\"r15\":\"0xffffffffffffffff\",\"rflags\":\"0x202\"},"
                + "\"mem\":[{\"addr\":\"0x600000\",\"hex\":\"0102\"},{\"addr\":\"0x7f0000\",\"len\":65536}],"
                + "\"dump\":[{\"addr\":\"0x600000\",\"len\":256}]}");
        assertArrayEquals(new byte[] {0x48, 0x01, (byte) 0xd8, (byte) 0xf4}, r.code());
        assertEquals(0x400000L, r.base());
        assertEquals(0x10L, r.regs()[0]);
        assertEquals(32L, r.regs()[3]);
        assertEquals(-1L, r.regs()[15]);
        assertEquals(0x202L, r.rflags());
        assertEquals(2, r.mem().size());
        assertArrayEquals(new byte[] {1, 2}, r.mem().get(0).contents());
        assertEquals(2, r.mem().get(0).length());
        assertEquals(65536, r.mem().get(1).length());
        assertEquals(List.of(new ExecRequest.DumpRange(0x600000L, 256)), r.dumps());
        assertEquals(99, r.maxInstructions());
    }

    @Test
    void defaultsAreZeroRegistersAndReservedFlagBit() {
        ExecRequest r = parse("{\"code\":\"f4\",\"base\":4096,\"max_instructions\":5}");
        assertArrayEquals(new long[16], r.regs());
        assertEquals(2L, r.rflags());
        assertEquals(5L, r.maxInstructions());
    }

    @Test
    void errorsNameTheLineAndTheKey() {
        assertEquals("t.jsonl:7: missing \"base\"", error("{\"code\":\"f4\"}"));
        assertEquals("t.jsonl:7: code: bad hex: odd number of digits (3)", error("{\"code\":\"f40\",\"base\":0}"));
        assertEquals("t.jsonl:7: regs.rzx: unknown register (expected rax..r15 or rflags)",
                error("{\"code\":\"f4\",\"base\":0,\"regs\":{\"rzx\":1}}"));
        assertEquals("t.jsonl:7: regs.rip: rip cannot be set; execution starts at base",
                error("{\"code\":\"f4\",\"base\":0,\"regs\":{\"rip\":1}}"));
        assertEquals("t.jsonl:7: mem[0].len: not a number: 'x'",
                error("{\"code\":\"f4\",\"base\":0,\"mem\":[{\"addr\":0,\"len\":\"x\"}]}"));
        assertEquals("t.jsonl:7: dumps: unknown key (expected one of base, code, dump, max_instructions, mem, regs)",
                error("{\"code\":\"f4\",\"base\":0,\"dumps\":[]}"));
        assertEquals("t.jsonl:7: base: expected an integer or a hex string, got 1.5",
                error("{\"code\":\"f4\",\"base\":1.5}"));
        assertEquals("t.jsonl:7: request: expected a JSON object", error("[1]"));
    }

    @Test
    void badJsonNamesTheColumn() {
        String m = error("{\"code\":\"f4\",}");
        assertEquals(true, m.startsWith("t.jsonl:7: bad JSON at column "), m);
        assertEquals(1, m.lines().count());
    }

    @Test
    void writesTheContractResultLine() {
        long[] regs = new long[16];
        regs[0] = 0x13ba;
        regs[4] = 0x800000;
        String line = ExecJson.result(new ExecOutcome(ExecOutcome.Stop.EXCEPTION, new ExecOutcome.Fault(14, 2, 0x600010),
                3, regs, 0x400005, 0x246, List.of(new ExecOutcome.Dump(0x600000, new byte[] {(byte) 0xab, 1}))));
        assertEquals("{\"stop\":\"exception\",\"exception\":{\"vector\":14,\"error\":2,\"address\":\"0x600010\"},"
                + "\"instructions\":3,\"regs\":{\"rax\":\"0x13ba\",\"rcx\":\"0x0\",\"rdx\":\"0x0\",\"rbx\":\"0x0\","
                + "\"rsp\":\"0x800000\",\"rbp\":\"0x0\",\"rsi\":\"0x0\",\"rdi\":\"0x0\",\"r8\":\"0x0\",\"r9\":\"0x0\","
                + "\"r10\":\"0x0\",\"r11\":\"0x0\",\"r12\":\"0x0\",\"r13\":\"0x0\",\"r14\":\"0x0\",\"r15\":\"0x0\","
                + "\"rip\":\"0x400005\",\"rflags\":\"0x246\"},\"dumps\":[{\"addr\":\"0x600000\",\"hex\":\"ab01\"}]}", line);
        // The line is valid JSON that reads back.
        assertEquals("exception", ExecJson.parse(line, "x").get("stop").asText());
    }
}
