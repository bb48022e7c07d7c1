package kprobesim.cpu.asm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The symbol table, the address-to-line table and section layout of the linked image. */
class SymbolAndLineTableTest {
    private static final String SOURCE = String.join("\n",
            "\t.set LIMIT, 0x40",                    // 1
            "\t.text",                                // 2
            "\t.globl do_fork",                       // 3
            "\t.type do_fork, @function",             // 4
            "do_fork:",                               // 5
            "\tpush %rbp",                            // 6  55
            "\tmov %rsp, %rbp",                       // 7  48 89 e5
            "\tmovabs $counter, %rax",                // 8  48 b8 imm64
            "\tlock incq (%rax)",                     // 9  f0 48 ff 00
            "\tpop %rbp",                             // 10 5d
            "\tret",                                  // 11 c3
            "\t.size do_fork, .-do_fork",             // 12
            ".Lhidden:",                              // 13
            "helper:\tnop",                           // 14
            "\t.data",                                // 15
            "\t.type counter, @object",               // 16
            "counter:\t.quad 0",                      // 17
            "\t.size counter, 8",                     // 18
            "ptr:\t.quad do_fork, helper",            // 19
            "\t.bss",                                 // 20
            "buf:\t.skip 16",                         // 21
            "");

    private static ObjectImage image() {
        AssemblyResult r = Assembler.assemble(SOURCE, "kernel.S", 0xffffffff81000000L);
        assertTrue(r.ok(), () -> r.errors().toString());
        return r.image();
    }

    @Test
    void symbolsHaveFinalAddressesSizesTypesAndBindings() {
        ObjectImage img = image();
        AsmSymbol f = img.symbol("do_fork").orElseThrow();
        assertEquals(0xffffffff81000000L, f.value());
        assertEquals(20, f.size());
        assertEquals(AsmSymbol.Type.FUNCTION, f.type());
        assertEquals(AsmSymbol.Binding.GLOBAL, f.binding());
        assertEquals(".text", f.section());
        AsmSymbol c = img.symbol("counter").orElseThrow();
        assertEquals(0xffffffff81001000L, c.value(), "data follows text, page-aligned");
        assertEquals(AsmSymbol.Type.OBJECT, c.type());
        assertEquals(AsmSymbol.Binding.LOCAL, c.binding());
        assertEquals(8, c.size());
        assertEquals(0xffffffff81002000L, img.symbol("buf").orElseThrow().value());
        AsmSymbol limit = img.symbol("LIMIT").orElseThrow();
        assertTrue(limit.isAbsolute());
        assertEquals(0x40, limit.value());
        assertEquals(Optional.empty(), img.symbol(".Lhidden"), ".L labels stay out of the table");
        assertEquals(0xffffffff81000014L, img.symbol("helper").orElseThrow().value());
    }

    @Test
    void absoluteReferencesAreLinked() {
        ObjectImage img = image();
        byte[] text = img.text();
        long imm = ByteBuffer.wrap(text, 6, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0xffffffff81001000L, imm, "movabs $counter");
        ByteBuffer data = ByteBuffer.wrap(img.section(".data").orElseThrow().bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, data.getLong(0));
        assertEquals(0xffffffff81000000L, data.getLong(8));
        assertEquals(0xffffffff81000014L, data.getLong(16));
        SectionImage bss = img.section(".bss").orElseThrow();
        assertTrue(bss.nobits());
        assertArrayEquals(new byte[16], bss.bytes());
    }

    @Test
    void addressesDescribeAsSymbolPlusOffsetOverSize() {
        ObjectImage img = image();
        assertEquals(Optional.of("do_fork+0x0/0x14"), img.describe(0xffffffff81000000L));
        assertEquals(Optional.of("do_fork+0x4/0x14"), img.describe(0xffffffff81000004L));
        assertEquals(Optional.of("helper+0x0/0x0"), img.describe(0xffffffff81000014L));
        assertEquals(Optional.of("counter+0x4/0x8"), img.describe(0xffffffff81001004L));
        assertEquals(Optional.empty(), img.describe(0x1000));
    }

    @Test
    void everyInstructionAndDataStatementHasALine() {
        ObjectImage img = image();
        assertEquals("kernel.S:6", img.lineAt(0xffffffff81000000L).orElseThrow().location());
        assertEquals("kernel.S:7", img.lineAt(0xffffffff81000001L).orElseThrow().location());
        assertEquals("kernel.S:7", img.lineAt(0xffffffff81000003L).orElseThrow().location());
        assertEquals("kernel.S:8", img.lineAt(0xffffffff81000004L).orElseThrow().location());
        assertEquals("kernel.S:9", img.lineAt(0xffffffff8100000eL).orElseThrow().location());
        assertEquals("kernel.S:11", img.lineAt(0xffffffff81000013L).orElseThrow().location());
        assertEquals("kernel.S:14", img.lineAt(0xffffffff81000014L).orElseThrow().location());
        assertEquals("kernel.S:19", img.lineAt(0xffffffff81001008L).orElseThrow().location());
        assertEquals("kernel.S:21", img.lineAt(0xffffffff81002000L).orElseThrow().location());
        assertFalse(img.lineAt(0xffffffff81000015L).isPresent());
        // one row per emitted statement: 6 instructions + helper nop + 2 data + skip
        assertEquals(10, img.lines().size());
        LineEntry e = img.lineAt(0xffffffff81000004L).orElseThrow();
        assertEquals(10, e.length());
    }

    @Test
    void sectionsCanBePlacedExplicitly() {
        AssemblyResult r = Assembler.assemble(SOURCE, "kernel.S",
                AssemblerOptions.at(0x400000).withSection(".data", 0x600000));
        ObjectImage img = r.image();
        assertEquals(0x600000, img.symbol("counter").orElseThrow().value());
        assertEquals(0x400000, img.textBase());
        assertEquals(0x601000, img.section(".bss").orElseThrow().base(), "bss follows the last placed section");
    }

    @Test
    void aliasesFollowTheirLabelAndLocalLabelsStayHidden() {
        String src = "start:\tnop\n1:\tnop\n\t.set alias, start+1\nhere = .\n\tjmp 1b\n";
        ObjectImage img = Assembler.assemble(src, "a.S", 0x2000).image();
        AsmSymbol alias = img.symbol("alias").orElseThrow();
        assertEquals(0x2001, alias.value());
        assertEquals(".text", alias.section());
        AsmSymbol here = img.symbol("here").orElseThrow();
        assertEquals(0x2002, here.value());
        assertEquals(".text", here.section());
        assertEquals(3, img.symbols().size(), img.symbols().toString());
        assertArrayEquals(new byte[] {(byte) 0x90, (byte) 0x90, (byte) 0xeb, (byte) 0xfd}, img.text());
    }

    @Test
    void nmListingLooksLikeNmDashN() {
        assertEquals(java.util.List.of(
                "0000000000000040 a LIMIT",
                "ffffffff81000000 T do_fork",
                "ffffffff81000014 t helper",
                "ffffffff81001000 d counter",
                "ffffffff81001008 d ptr",
                "ffffffff81002000 b buf"), image().nmListing());
    }
}
