package kprobesim.kernel.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kprobesim.cpu.exec.RunResult;
import kprobesim.cpu.exec.X86Core;
import kprobesim.cpu.isa.Reg;
import kprobesim.cpu.memory.PhysicalMemory;
import kprobesim.kernel.printk.KernelLog;
import kprobesim.kernel.profile.KernelProfiles;
import org.junit.jupiter.api.Test;

/** The hypercall numbering, its generated .S definitions, and the Java registry. */
class HypercallTest {

    @Test
    void numbersArePositiveUniqueAndFoundByNumber() {
        Set<Integer> seen = new HashSet<>();
        for (Hypercall h : Hypercall.values()) {
            assertTrue(h.nr() > 0, h.name());
            assertTrue(seen.add(h.nr()), "duplicate " + h.nr());
            assertEquals(Optional.of(h), Hypercall.of(h.nr()));
            assertFalse(h.description().isBlank());
        }
        assertEquals(Optional.empty(), Hypercall.of(0));
        assertEquals(Optional.empty(), Hypercall.of(-1));
        assertEquals(Optional.empty(), Hypercall.of(100_000));
    }

    @Test
    void generatedSourceDefinesEverySymbolWithItsNumber() {
        String s = KernelSources.hypercallsSource();
        for (Hypercall h : Hypercall.values()) {
            assertTrue(s.contains("\t.globl " + h.symbol() + "\n\t.set " + h.symbol() + ", " + h.nr() + "\n"), h.name());
        }
    }

    @Test
    void everyHypercallIsUsedByTheKernelSources() {
        String all = String.join("\n", KernelSources.FILES.stream().map(KernelSources::resource).toList());
        for (Hypercall h : Hypercall.values()) {
            assertTrue(all.contains("$" + h.symbol() + ","), h.symbol() + " is never called");
        }
    }

    @Test
    void tableDispatchesByNumberAndCountsUnhandledCalls() {
        HypercallTable t = new HypercallTable();
        t.register(Hypercall.FORK, (core, nr, rdi, rsi, rdx, rcx, r8, r9) -> 1000 + rdi);
        assertTrue(t.handles(Hypercall.FORK));
        assertFalse(t.handles(Hypercall.DO_EXIT));
        assertEquals(1007, t.hypercall(null, Hypercall.FORK.nr(), 7, 0, 0, 0, 0, 0));
        assertEquals(kprobesim.cpu.actor.HypercallTable.ENOSYS, t.hypercall(null, Hypercall.DO_EXIT.nr(), 0, 0, 0, 0, 0, 0));
        assertEquals(kprobesim.cpu.actor.HypercallTable.ENOSYS, t.hypercall(null, 12345, 0, 0, 0, 0, 0, 0));
        assertEquals(kprobesim.cpu.actor.HypercallTable.ENOSYS, t.hypercall(null, -3, 0, 0, 0, 0, 0, 0));
        assertEquals(3, t.unhandled());
    }

    @Test
    void printkFromMachineCodeReachesDmesg() {
        KernelImage k = KernelImage.build(KernelProfiles.MODERN);
        PhysicalMemory mem = new PhysicalMemory();
        k.mapInto(mem);
        long stackTop = 0xffffc90000004000L;
        mem.map(stackTop - 0x1000, 0x1000);
        KernelLog log = new KernelLog(16, () -> 0L);
        HypercallTable table = new HypercallTable().withPrintk(log);
        X86Core cpu = new X86Core(mem);
        cpu.setHypercallHandler(table);
        long sentinel = 0xffffffff81fff000L;
        mem.write64(stackTop - 8, sentinel);
        cpu.setReg(Reg.RSP, stackTop - 8);
        cpu.setReg(Reg.RDI, k.address("linux_banner"));
        cpu.setRip(k.address("printk"));
        RunResult r = cpu.run(100, sentinel);
        assertEquals(RunResult.Stop.END, r.stop());
        String banner = "Linux version 6.1 (kprobesim) #1 SMP\n";
        assertEquals(banner.length(), cpu.reg(Reg.RAX));
        List<String> dmesg = log.dmesg();
        assertEquals(1, dmesg.size(), dmesg::toString);
        assertTrue(dmesg.get(0).contains("Linux version 6.1 (kprobesim) #1 SMP"), dmesg.get(0));
        assertEquals(0, table.unhandled());
    }
}
