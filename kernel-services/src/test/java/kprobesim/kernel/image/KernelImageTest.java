package kprobesim.kernel.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import kprobesim.cpu.decode.Decoder;
import kprobesim.cpu.isa.Instruction;
import kprobesim.cpu.isa.Op;
import kprobesim.cpu.asm.LineEntry;
import kprobesim.cpu.asm.SectionImage;
import kprobesim.kernel.profile.KernelFunction;
import kprobesim.kernel.profile.KernelProfile;
import kprobesim.kernel.profile.KernelProfiles;
import kprobesim.kernel.profile.ProfileLookup;
import kprobesim.kernel.symbols.KernelSymbols;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The kernel image of every profile: it assembles, has that kernel's names, and a sane blacklist. */
class KernelImageTest {

    static Stream<KernelProfile> profiles() {
        return KernelProfiles.all().stream();
    }

    static KernelProfile profile(String name) {
        return ((ProfileLookup.Found) KernelProfiles.lookup(name)).profile();
    }

    /** Functions kprobes must be able to probe on every profile (names that do not vary). */
    static final List<String> FIXED_TARGETS = List.of("do_exit", "do_page_fault", "schedule", "schedule_timeout",
            "do_nanosleep", "msleep", "kprobesim_workload_leaf", "kprobesim_workload_recursive",
            "kprobesim_workload_sleepy", "do_divide_error", "smp_apic_timer_interrupt", "printk");

    /** Code kprobes itself runs through: must be refused. */
    static final List<String> NOPROBE = List.of("error_entry", "error_exit", "ret_from_fork", "do_int3", "do_debug",
            "do_nmi", "do_general_protection", "notify_die", "atomic_notifier_call_chain",
            "blocking_notifier_call_chain", "raw_notifier_call_chain", "irqentry_exit_cond_resched");

    static List<String> targets(KernelProfile p) {
        List<String> t = new ArrayList<>(FIXED_TARGETS);
        for (KernelFunction f : KernelFunction.values()) {
            t.add(p.symbol(f));
        }
        return t;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void assemblesForEveryProfileWithACleanBlacklist(KernelProfile p) {
        KernelImage k = KernelImage.build(p);
        assertEquals(KernelImage.TEXT_BASE, k.object().textBase());
        assertEquals(List.of(), k.symbols().warnings());
        assertTrue(k.symbols().kallsyms().size() > 40, () -> k.symbols().kallsyms().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void probeTargetsStartWithADecodablePrologueAndAreNotBlacklisted(KernelProfile p) {
        KernelImage k = KernelImage.build(p);
        KernelSymbols ks = k.symbols();
        for (String name : targets(p)) {
            long a = k.address(name);
            assertTrue(ks.isKernelText(a), name);
            assertFalse(ks.isBlacklisted(a), name + " is blacklisted");
            assertEquals('T', ks.symbol(name).orElseThrow().type(), name);
            Instruction in = firstInstruction(k, a);
            assertNotEquals(Op.BAD, in.op, name);
            assertEquals(Op.PUSH, in.op, name + " starts with push %rbp");
            assertTrue(lineStartsAt(k, a), name + " starts a line-table row (an instruction boundary)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void entryCodeNotifierCoreAndTrampolineAreBlacklisted(KernelProfile p) {
        KernelImage k = KernelImage.build(p);
        List<String> names = new ArrayList<>(NOPROBE);
        for (TrapVector v : TrapVector.values()) {
            names.add(v.entrySymbol());
        }
        if (p.kprobes()) {
            names.add("kretprobe_trampoline");
            names.add("trampoline_handler");
        }
        for (String name : names) {
            long a = k.address(name);
            assertTrue(k.symbols().isBlacklisted(a), name);
            assertTrue(k.symbols().isBlacklisted(a + 1), name + "+1");
        }
    }

    @Test
    void notifierCoreIsBlacklistedByNokprobeEntriesAndEntryCodeBySection() {
        KernelSymbols ks = KernelImage.build(KernelProfiles.MODERN).symbols();
        for (String name : List.of("notify_die", "atomic_notifier_call_chain", "blocking_notifier_call_chain",
                "raw_notifier_call_chain")) {
            assertTrue(ks.blacklist().stream().anyMatch(e -> e.symbol().equals(name)
                    && e.reason() == kprobesim.kernel.symbols.BlacklistEntry.Reason.NOKPROBE_SYMBOL), name);
        }
        for (String name : List.of("page_fault", "error_exit", "do_int3", "kretprobe_trampoline")) {
            assertTrue(ks.blacklist().stream().anyMatch(e -> e.symbol().equals(name)
                    && e.reason() == kprobesim.kernel.symbols.BlacklistEntry.Reason.SECTION), name);
        }
    }

    @Test
    void centos55HasTheOldNames() {
        KernelSymbols ks = KernelImage.build(profile("CentOS 5.5")).symbols();
        for (String present : List.of("do_fork", "get_signal_to_deliver", "sys_open", "do_sys_open", "kretprobe_trampoline")) {
            assertTrue(ks.symbol(present).isPresent(), present);
        }
        for (String absent : List.of("_do_fork", "kernel_clone", "get_signal", "__x64_sys_open")) {
            assertTrue(ks.symbol(absent).isEmpty(), absent);
        }
        String line = ks.kallsyms("do_fork").get(0);
        assertTrue(line.matches("ffffffff81[0-9a-f]{6} T do_fork"), line);
    }

    @Test
    void modernKernelHasTheNewNamesOnly() {
        KernelSymbols ks = KernelImage.build(KernelProfiles.MODERN).symbols();
        for (String present : List.of("kernel_clone", "get_signal", "do_sys_open", "__x64_sys_open")) {
            assertTrue(ks.symbol(present).isPresent(), present);
        }
        for (String absent : List.of("do_fork", "_do_fork", "get_signal_to_deliver", "sys_open")) {
            assertTrue(ks.symbol(absent).isEmpty(), absent);
        }
        assertTrue(ks.kallsyms().stream().noneMatch(l -> l.endsWith(" do_fork")));
    }

    @Test
    void oldestKernelsHaveNoDoSysOpenAndNoKprobes() {
        KernelSymbols ks = KernelImage.build(profile("Redhat 9.0")).symbols();
        assertTrue(ks.symbol("sys_open").isPresent());
        assertTrue(ks.symbol("do_sys_open").isEmpty());
        assertTrue(ks.symbol("kretprobe_trampoline").isEmpty());
    }

    @Test
    void hypercallNumbersAreNotInKallsymsButInTheCode() {
        KernelImage k = KernelImage.build(KernelProfiles.MODERN);
        assertTrue(k.symbols().symbol("HC_DO_PAGE_FAULT").isEmpty(), "absolute symbols are not kallsyms entries");
        long a = k.address("do_page_fault") + 4; // after push %rbp; mov %rsp,%rbp
        Instruction mov = firstInstruction(k, a);
        assertEquals(Op.MOV, mov.op);
        assertEquals(Hypercall.DO_PAGE_FAULT.nr(), mov.imm);
        assertEquals(Op.VMCALL, firstInstruction(k, a + mov.length).op);
    }

    @Test
    void addr2lineNamesEntry64LinesOfTheStubs() {
        KernelImage k = KernelImage.build(KernelProfiles.MODERN);
        String[] lines = KernelSources.resource("entry_64.S").split("\n", -1);
        for (TrapVector v : TrapVector.values()) {
            int label = Arrays.asList(lines).indexOf(v.entrySymbol() + ":") + 1; // 1-based line of the label
            assertTrue(label > 0, v.entrySymbol());
            long entry = k.entry(v);
            assertEquals("entry_64.S:" + (label + 1), k.symbols().addr2line(entry).orElseThrow(), v.name());
        }
        assertEquals("entry_64.S:" + (Arrays.asList(lines).indexOf("\tiretq") + 1),
                k.symbols().addr2line(iretqAddress(k)).orElseThrow());
        assertTrue(k.symbols().describe(k.entry(TrapVector.PAGE_FAULT) + 4).startsWith("page_fault+0x4/0x"));
    }

    @Test
    void everySectionIsPageAlignedAndDisjoint() {
        KernelImage k = KernelImage.build(KernelProfiles.MODERN);
        Set<String> names = new HashSet<>();
        for (SectionImage s : k.sections()) {
            names.add(s.name().strip());
            assertEquals(0, s.base() & 0xfff, s.name());
        }
        assertTrue(names.containsAll(List.of(".text", ".entry.text", ".kprobes.text", ".data", ".bss", ".rodata",
                KernelSymbols.NOKPROBE_SECTION)), names.toString());
    }

    @Test
    void everyTrapVectorHasItsStubAndHandler() {
        KernelImage k = KernelImage.build(KernelProfiles.MODERN);
        Set<Integer> vectors = new HashSet<>();
        for (TrapVector v : TrapVector.values()) {
            assertTrue(vectors.add(v.vector()));
            assertEquals(".entry.text", k.symbols().symbol(v.entrySymbol()).orElseThrow().section());
            k.address(v.handlerSymbol());
        }
        assertEquals(Set.of(0, 1, 2, 3, 6, 13, 14, 0x80, 0xef, 0xfb, 0xfd), vectors);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void everyLineOfCodeIsOneDecodableInstruction(KernelProfile p) {
        KernelImage k = KernelImage.build(p);
        int n = 0;
        for (LineEntry e : k.object().lines()) {
            if (!k.symbols().isKernelText(e.address())) {
                continue;
            }
            Instruction in = firstInstruction(k, e.address());
            assertNotEquals(Op.BAD, in.op, e.location());
            assertEquals(e.length(), in.length, e.location());
            n++;
        }
        assertTrue(n > 300, "instructions: " + n);
    }

    static long iretqAddress(KernelImage k) {
        long a = k.address("error_exit");
        for (int i = 0; i < 64; i++) {
            Instruction in = firstInstruction(k, a);
            if (in.op == Op.IRET) {
                return a;
            }
            a += in.length;
        }
        throw new AssertionError("no iretq in error_exit");
    }

    static Instruction firstInstruction(KernelImage k, long addr) {
        for (SectionImage s : k.sections()) {
            if (s.contains(addr)) {
                byte[] b = s.bytes();
                return Decoder.decode(b, (int) (addr - s.base()), addr);
            }
        }
        throw new AssertionError("0x" + Long.toHexString(addr) + " is in no section");
    }

    static boolean lineStartsAt(KernelImage k, long addr) {
        for (LineEntry e : k.object().lines()) {
            if (e.address() == addr) {
                return true;
            }
        }
        return false;
    }
}
