package kprobesim.cpu.asm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The page-fault ISR of seed 002 assembles unchanged apart from its symbol addresses, to the
 * bytes GNU as gives and to the bytes the blog's own disassembly shows for the instructions
 * that do not depend on where the symbols are.
 */
class Seed002IsrTest {
    private static final long BASE = 0xffffffff8136f6f0L;

    private static String source() throws IOException {
        return Files.readString(Path.of("src/test/resources/oracle/seed002-isr.S"));
    }

    @Test
    void matchesGnuAs() throws IOException {
        assertEquals(12, OracleParity.check("seed002-isr.S", source()));
    }

    @Test
    void matchesTheBytesInTheBlogsDisassembly() throws IOException {
        ObjectImage img = Assembler.assemble(source(), "seed002-isr.S", BASE).image();
        String hex = GnuBinutils.hex(img.text(), 0, img.text().length);
        String expected = String.join(" ",
                "66 66 90",                         // .byte 0x66; xchg %ax,%ax
                "ff 14 25 00 01 62 81",             // callq *addr_adjust_exception_frame
                "48 83 ec 78",                      // sub $0x78,%rsp
                "ff 14 25 b0 f8 36 81",             // callq *addr_error_entry
                "48 89 e7",                         // mov %rsp,%rdi
                "48 8b 74 24 78",                   // mov 0x78(%rsp),%rsi
                "48 c7 44 24 78 ff ff ff ff",       // movq $0xffffffffffffffff,0x78(%rsp)
                "e8 0a 00 00 00",                   // callq my_do_page_fault (right after the ISR)
                "ff 24 25 50 f9 36 81",             // jmpq *addr_error_exit
                "0f 1f 00",                         // nopl (%rax)
                "c3");                              // my_do_page_fault: ret
        assertEquals(expected, hex);
        assertEquals("my_page_fault+0x0/0x35", img.describe(BASE).orElseThrow());
        assertEquals("seed002-isr.S:11", img.lineAt(BASE + 3).orElseThrow().location());
        assertEquals(AsmSymbol.Type.FUNCTION, img.symbol("my_page_fault").orElseThrow().type());
    }
}
