package kprobesim.kernel.symbols;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import kprobesim.cpu.asm.Assembler;
import kprobesim.cpu.asm.AssemblyResult;
import kprobesim.cpu.asm.ObjectImage;
import org.junit.jupiter.api.Test;

/** kallsyms, %pS, addr2line and the kprobe blacklist over a kernel assembled at test time. */
class KernelSymbolsTest {
    static final long BASE = 0xffffffff81000000L;

    /** Line numbers are in the comments; addr2line answers must match them. */
    static final String KERNEL = String.join("\n",
            "\t.text",                                   // 1
            "\t.globl do_fork",                          // 2
            "\t.type do_fork, @function",                // 3
            "do_fork:",                                  // 4
            "\tpush %rbp",                               // 5   +0x0  1 byte
            "\tmov %rsp, %rbp",                          // 6   +0x1  3
            "\tcall helper",                             // 7   +0x4  5
            "\tpop %rbp",                                // 8   +0x9  1
            "\tret",                                     // 9   +0xa  1
            "\t.size do_fork, .-do_fork",                // 10
            "\t.set __do_fork, do_fork",                 // 11  a local alias
            "helper:",                                   // 12  +0xb
            "\tmov $1, %eax",                            // 13  5
            "\tret",                                     // 14  1
            "\t.globl do_exit",                          // 15
            "do_exit:",                                  // 16  +0x11
            "\tnop",                                     // 17
            "\tret",                                     // 18
            "\t.section .kprobes.text,\"ax\"",           // 19
            "\t.globl kprobe_handler",                   // 20
            "kprobe_handler:",                           // 21
            "\tnop",                                     // 22
            "\tret",                                     // 23
            "\t.globl do_int3",                          // 24
            "do_int3:",                                  // 25
            "\tret",                                     // 26
            "\t.text",                                   // 27
            "\t.globl notifier_call_chain",              // 28
            "notifier_call_chain:",                      // 29 +0x13
            "\txor %eax, %eax",                          // 30
            "\tret",                                     // 31
            "\t.pushsection _kprobe_blacklist,\"aw\"",   // 32 NOKPROBE_SYMBOL(notifier_call_chain)
            "\t.quad notifier_call_chain",               // 33
            "\t.popsection",                             // 34
            "\t.data",                                   // 35
            "\t.globl jiffies",                          // 36
            "jiffies:\t.quad 0",                         // 37
            "counter:\t.quad 0",                         // 38
            "\t.section .rodata",                        // 39
            "\t.globl linux_banner",                     // 40
            "linux_banner:\t.asciz \"Linux\"",           // 41
            "\t.bss",                                    // 42
            "\t.globl buf",                              // 43
            "buf:\t.skip 64",                            // 44
            "");

    static ObjectImage assemble(String src, String file, long base) {
        AssemblyResult r = Assembler.assemble(src, file, base);
        assertTrue(r.ok(), () -> r.errors().toString());
        return r.image();
    }

    private final ObjectImage image = assemble(KERNEL, "kernel.S", BASE);
    private final KernelSymbols ks = KernelSymbols.of(image);

    private long addr(String name) {
        return ks.kallsymsLookupName(name).orElseThrow();
    }

    @Test
    void kallsymsLookupNameFindsGlobalAndLocalSymbols() {
        assertEquals(OptionalLong.of(BASE), ks.kallsymsLookupName("do_fork"));
        assertEquals(OptionalLong.of(BASE + 0xb), ks.kallsymsLookupName("helper"));
        assertEquals(OptionalLong.of(BASE), ks.kallsymsLookupName("__do_fork"));
        assertEquals(OptionalLong.of(BASE + 0x11), ks.kallsymsLookupName("do_exit"));
        assertEquals(OptionalLong.empty(), ks.kallsymsLookupName("sys_open"));
        assertEquals(OptionalLong.empty(), ks.kallsymsLookupName("__kprobes_nothing"));
    }

    @Test
    void addressesDescribeAsPercentPS() {
        assertEquals("do_fork+0x0/0xb", ks.describe(BASE), "the global wins over a local alias at the same address");
        assertEquals("do_fork+0x4/0xb", ks.describe(BASE + 4));
        assertEquals("do_fork+0xa/0xb", ks.describe(BASE + 0xa));
        assertEquals("helper+0x0/0x6", ks.describe(BASE + 0xb));
        assertEquals("helper+0x5/0x6", ks.describe(BASE + 0x10));
        assertEquals("notifier_call_chain+0x2/0x3", ks.describe(addr("notifier_call_chain") + 2));
        assertEquals("jiffies+0x4/0x8", ks.describe(addr("jiffies") + 4));
        assertEquals("0x1000", ks.describe(0x1000));
        assertEquals("0x" + Long.toHexString(BASE + 0x16), ks.describe(BASE + 0x16), "past the end of .text");
        SymbolOffset so = ks.lookup(BASE + 7).orElseThrow();
        assertEquals(7, so.offset());
        assertEquals(BASE + 7, so.address());
        assertEquals(11, so.symbol().size());
    }

    @Test
    void procKallsymsUsesNmLettersSortedByAddress() {
        List<String> lines = ks.kallsyms();
        assertTrue(lines.contains("ffffffff81000000 T do_fork"), lines.toString());
        assertTrue(lines.contains("ffffffff81000000 t __do_fork"));
        assertTrue(lines.contains("ffffffff8100000b t helper"));
        assertTrue(lines.contains("ffffffff81000011 T do_exit"));
        assertTrue(lines.contains(String.format("%016x T kprobe_handler", addr("kprobe_handler"))));
        assertTrue(lines.contains(String.format("%016x D jiffies", addr("jiffies"))));
        assertTrue(lines.contains(String.format("%016x d counter", addr("counter"))));
        assertTrue(lines.contains(String.format("%016x R linux_banner", addr("linux_banner"))));
        assertTrue(lines.contains(String.format("%016x B buf", addr("buf"))));
        assertEquals(11, lines.size(), lines.toString());
        List<Long> addrs = ks.symbols().stream().map(KernelSymbol::address).toList();
        for (int i = 1; i < addrs.size(); i++) {
            assertTrue(Long.compareUnsigned(addrs.get(i - 1), addrs.get(i)) <= 0, "sorted by address");
        }
        assertEquals(List.of("do_fork", "__do_fork"), lines.subList(0, 2).stream().map(l -> l.substring(19)).toList(),
                "preferred alias first");
    }

    @Test
    void kallsymsCanBeFilteredLikeGrep() {
        assertEquals(List.of("ffffffff81000000 T do_fork", "ffffffff81000000 t __do_fork"), ks.kallsyms("do_fork"));
        assertEquals(List.of(), ks.kallsyms("nosuch"));
    }

    @Test
    void overlappingImagesAreRefused() {
        ObjectImage other = assemble("g:\tnop\n", "other.S", BASE + 4);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> KernelSymbols.of(List.of(image, other)));
        assertTrue(e.getMessage().startsWith("sections overlap: .text@0xffffffff81000000 and .text@0xffffffff81000004"),
                e.getMessage());
    }

    @Test
    void addr2lineMapsEveryByteOfAnInstructionToItsSourceLine() {
        assertEquals(Optional.of("kernel.S:5"), ks.addr2line(BASE));
        assertEquals(Optional.of("kernel.S:6"), ks.addr2line(BASE + 3));
        assertEquals(Optional.of("kernel.S:7"), ks.addr2line(BASE + 8));
        assertEquals(Optional.of("kernel.S:13"), ks.addr2line(BASE + 0xb));
        assertEquals(Optional.of("kernel.S:30"), ks.addr2line(addr("notifier_call_chain")));
        assertEquals(Optional.of("kernel.S:22"), ks.addr2line(addr("kprobe_handler")));
        assertEquals(Optional.of("kernel.S:37"), ks.addr2line(addr("jiffies")));
        assertEquals(Optional.empty(), ks.addr2line(0x1000));
        assertEquals("??:0", KernelSymbols.UNKNOWN_LOCATION);
    }

    @Test
    void blacklistHoldsKprobesTextAndNokprobeSymbols() {
        long kh = addr("kprobe_handler");
        long int3 = addr("do_int3");
        long ncc = addr("notifier_call_chain");
        assertTrue(ks.isBlacklisted(kh));
        assertTrue(ks.isBlacklisted(kh + 1));
        assertTrue(ks.isBlacklisted(int3));
        assertTrue(ks.isBlacklisted(ncc));
        assertTrue(ks.isBlacklisted(ncc + 2));
        assertFalse(ks.isBlacklisted(ncc + 3), "one past the symbol");
        assertFalse(ks.isBlacklisted(BASE), "do_fork is probeable");
        assertFalse(ks.isBlacklisted(addr("do_exit")));
        assertEquals(List.of(
                new BlacklistEntry(ncc, ncc + 3, "notifier_call_chain", BlacklistEntry.Reason.NOKPROBE_SYMBOL),
                new BlacklistEntry(kh, kh + 2, "kprobe_handler", BlacklistEntry.Reason.SECTION),
                new BlacklistEntry(int3, int3 + 1, "do_int3", BlacklistEntry.Reason.SECTION)), ks.blacklist());
        assertEquals(String.format("0x%016x-0x%016x\tkprobe_handler", kh, kh + 2), ks.blacklist().get(1).format());
        assertEquals(List.of(), ks.warnings());
    }

    @Test
    void wholeNoprobeSectionsAreCoveredEvenWithoutSymbolsOrWithATabAfterTheName() {
        String src = String.join("\n",
                "\t.text",
                "f:\tret",
                "\t.section .entry.text\t,\"ax\"",   // the assembler keeps the tab in the name today
                "\tnop",                                // bytes before the first symbol
                "entry_INT3:\tnop",
                "\tret",
                "\t.section .kprobes.text.unlikely,\"ax\"",
                "\tnop",                                // no symbol at all
                "\tret",
                "");
        ObjectImage img = assemble(src, "entry.S", BASE);
        KernelSymbols k = KernelSymbols.of(img);
        long entry = k.kallsymsLookupName("entry_INT3").orElseThrow();
        long entryBase = entry - 1;
        long unlikely = img.sections().stream().filter(sec -> sec.name().startsWith(".kprobes.text.unlikely"))
                .findFirst().orElseThrow().base();
        assertTrue(k.isBlacklisted(entryBase), "the nop before entry_INT3");
        assertTrue(k.isBlacklisted(entry + 1));
        assertTrue(k.isBlacklisted(unlikely));
        assertTrue(k.isBlacklisted(unlikely + 1));
        assertFalse(k.isBlacklisted(BASE));
        assertEquals(List.of(
                new BlacklistEntry(entryBase, entry, ".entry.text", BlacklistEntry.Reason.SECTION),
                new BlacklistEntry(entry, entry + 2, "entry_INT3", BlacklistEntry.Reason.SECTION),
                new BlacklistEntry(unlikely, unlikely + 2, ".kprobes.text.unlikely", BlacklistEntry.Reason.SECTION)),
                k.blacklist());
        assertEquals(".entry.text", k.symbol("entry_INT3").orElseThrow().section());
    }

    @Test
    void kernelTextIsOnlyExecutableSections() {
        assertTrue(ks.isKernelText(BASE));
        assertTrue(ks.isKernelText(addr("kprobe_handler")));
        assertFalse(ks.isKernelText(addr("jiffies")));
        assertFalse(ks.isKernelText(addr("linux_banner")));
        assertFalse(ks.isKernelText(0x400000));
    }

    @Test
    void badNokprobeEntriesAreSkippedWithAWarning() {
        String src = String.join("\n",
                "\t.text",
                "f:\tnop",
                "\tret",
                "\t.data",
                "d:\t.quad 0",
                "\t.section _kprobe_blacklist,\"aw\"",
                "\t.quad f+1",
                "\t.quad d",
                "\t.quad 0x1234",
                "");
        KernelSymbols k = KernelSymbols.of(assemble(src, "bad.S", BASE));
        assertEquals(List.of(), k.blacklist());
        assertEquals(3, k.warnings().size(), k.warnings().toString());
        assertTrue(k.warnings().get(0).contains("f+0x1/0x2 is not the start of a symbol"), k.warnings().get(0));
        assertTrue(k.warnings().get(1).contains("not a text symbol"));
        assertTrue(k.warnings().get(2).startsWith("Failed to find blacklist at 0x1234"));
        assertFalse(k.isBlacklisted(BASE));
    }

    @Test
    void aUserProgramAndTheKernelTogetherResolveBothLikeSeed003() {
        String test1 = String.join("\n",
                "\t.text",                      // 1
                "\t.globl _start",              // 2
                "_start:",                      // 3
                "\tmov $10, %edi",              // 4  0x400000 5 bytes
                "\txor %esi, %esi",             // 5  0x400005 2
                "\tcall func",                  // 6  0x400007 5
                "\thlt",                        // 7  0x40000c 1
                "func:",                        // 8  0x40000d
                "\tmov %edi, %eax",             // 9  0x40000d 2
                "\tcltd",                       // 10 0x40000f 1
                "\tidiv %esi",                  // 11 0x400010 2
                "\tret",                        // 12
                "");
        ObjectImage user = assemble(test1, "test1.S", 0x400000);
        KernelSymbols both = KernelSymbols.of(List.of(image, user));
        assertEquals(Optional.of("test1.S:11"), both.addr2line(0x400010));
        assertEquals(Optional.of("test1.S:11"), both.addr2line(0x400011));
        assertEquals("func+0x3/0x6", both.describe(0x400010));
        assertEquals(Optional.of("kernel.S:5"), both.addr2line(BASE));
        assertEquals(OptionalLong.of(0x40000dL), both.kallsymsLookupName("func"));
    }
}
