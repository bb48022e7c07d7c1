package kprobesim.cpu.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import kprobesim.cpu.decode.Decoder;
import org.junit.jupiter.api.Test;

/**
 * Decode tier for the disassembler: exact objdump strings for representative forms, checked
 * without binutils (the oracle tier compares thousands more against the real objdump). The
 * expected strings are binutils 2.40 output, whitespace included.
 */
class DisassemblerTest {
    private static String textAt(long address, int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Disassembler.text(Decoder.decode(b, 0, b.length, address), address);
    }

    private static String text(int... bytes) {
        return textAt(0, bytes);
    }

    @Test
    void mnemonicColumnIsPaddedToSevenCharacters() {
        assertEquals("sub    $0x78,%rsp", text(0x48, 0x83, 0xec, 0x78));
        assertEquals("ret", text(0xc3));
        assertEquals("ret    $0x8", text(0xc2, 0x08, 0x00));
        assertEquals("movzbl %al,%eax", text(0x0f, 0xb6, 0xc0));
        assertEquals("lock xadd %eax,(%rdx)", text(0xf0, 0x0f, 0xc1, 0x02));
    }

    @Test
    void ripRelativeOperandsCarryTheAbsoluteAddress() {
        assertEquals("call   *0x10(%rip)        # 0x19", textAt(0x3L, 0xff, 0x15, 0x10, 0, 0, 0));
        assertEquals("lea    -0x8(%rip),%rax        # 0xffffffffffffffff",
                text(0x48, 0x8d, 0x05, 0xf8, 0xff, 0xff, 0xff));
        assertEquals("call   *0x1000", text(0xff, 0x14, 0x25, 0x00, 0x10, 0, 0));
    }

    @Test
    void suffixOnlyWhenNoRegisterFixesTheSize() {
        assertEquals("movq   $0xffffffffffffffff,0x78(%rsp)",
                text(0x48, 0xc7, 0x44, 0x24, 0x78, 0xff, 0xff, 0xff, 0xff));
        assertEquals("addl   $0x1,(%rax)", text(0x83, 0x00, 0x01));
        assertEquals("shll   (%rax)", text(0xd1, 0x20));
        assertEquals("shl    %eax", text(0xd1, 0xe0));
        assertEquals("shl    $0x1,%eax", text(0xc1, 0xe0, 0x01));
        assertEquals("push   (%rax)", text(0xff, 0x30));
        assertEquals("pushw  (%rax)", text(0x66, 0xff, 0x30));
        assertEquals("push   $0xffffffffffffffff", text(0x6a, 0xff));
        assertEquals("pushw  $0x12", text(0x66, 0x6a, 0x12));
        assertEquals("setne  (%rax)", text(0x0f, 0x95, 0x00));
        assertEquals("btrl   $0x3,(%rbx)", text(0x0f, 0xba, 0x33, 0x03));
    }

    @Test
    void objdumpSpellings() {
        assertEquals("cltq", text(0x48, 0x98));
        assertEquals("cwtl", text(0x98));
        assertEquals("cbtw", text(0x66, 0x98));
        assertEquals("cqto", text(0x48, 0x99));
        assertEquals("cltd", text(0x99));
        assertEquals("cwtd", text(0x66, 0x99));
        assertEquals("movslq %eax,%rax", text(0x48, 0x63, 0xc0));
        assertEquals("movabs $0x1122334455667788,%rax",
                text(0x48, 0xb8, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11));
        assertEquals("mov    $0x1,%rax", text(0x48, 0xc7, 0xc0, 1, 0, 0, 0));
        assertEquals("iretq", text(0x48, 0xcf));
        assertEquals("pushf", text(0x9c));
        assertEquals("mov    %cr3,%rax", text(0x0f, 0x20, 0xd8));
        assertEquals("rep movsb %ds:(%rsi),%es:(%rdi)", text(0xf3, 0xa4));
        assertEquals("rep stos %rax,%es:(%rdi)", text(0xf3, 0x48, 0xab));
        assertEquals("(bad)", text(0x0f, 0x0f, 0, 0));
        assertEquals("lock add %eax,%eax", text(0xf0, 0x01, 0xc0)); // decodes to BAD (#UD), prints like objdump
        assertEquals("bswap  %ax", text(0x66, 0x0f, 0xc8));
    }

    @Test
    void nopsAndUnusedPrefixes() {
        assertEquals("nop", text(0x90));
        assertEquals("xchg   %ax,%ax", text(0x66, 0x90));
        assertEquals("data16 xchg %ax,%ax", text(0x66, 0x66, 0x90));
        assertEquals("xchg   %eax,%r8d", text(0x41, 0x90));
        assertEquals("rex.W nop", text(0x48, 0x90));
        assertEquals("pause", text(0xf3, 0x90));
        assertEquals("nopw   0x0(%rax,%rax,1)", text(0x66, 0x0f, 0x1f, 0x44, 0, 0));
        assertEquals("cs nopw 0x0(%rax,%rax,1)", text(0x66, 0x2e, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0));
        assertEquals("data16 cs nopw 0x0(%rax,%rax,1)",
                text(0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0));
        assertEquals("mov    %fs:0x28,%rax", text(0x64, 0x48, 0x8b, 0x04, 0x25, 0x28, 0, 0, 0));
        assertEquals("mov    (%rax,%riz,1),%eax", text(0x8b, 0x04, 0x20));
        assertEquals("mov    (%rsp),%rax", text(0x48, 0x8b, 0x04, 0x24));
        assertEquals("lea    0x0(%r13),%rax", text(0x49, 0x8d, 0x45, 0x00));
        assertEquals("mov    -0x8(%rbp),%eax", text(0x8b, 0x45, 0xf8));
    }

    @Test
    void listingHasObjdumpColumnsAndContinuationLines() {
        byte[] code = {0x66, 0x66, (byte) 0x90, 0x48, (byte) 0xc7, 0x44, 0x24, 0x78, -1, -1, -1, -1};
        List<String> lines = Disassembler.listing(code, 0);
        assertEquals(List.of(
                "   0:\t66 66 90             \tdata16 xchg %ax,%ax",
                "   3:\t48 c7 44 24 78 ff ff \tmovq   $0xffffffffffffffff,0x78(%rsp)",
                "   a:\tff ff "), lines);
        assertEquals("  400000:\t66 66 90             \tdata16 xchg %ax,%ax",
                Disassembler.listing(code, 0x400000).get(0));
        assertEquals("ffffffff81000000:\t66 66 90             \tdata16 xchg %ax,%ax",
                Disassembler.listing(code, 0xffffffff81000000L).get(0));
    }
}
