package kprobesim.cpu.exec;

import static kprobesim.cpu.exec.CpuException.PF_FETCH;
import static kprobesim.cpu.exec.CpuException.PF_PRESENT;
import static kprobesim.cpu.exec.CpuException.PF_RSVD;
import static kprobesim.cpu.exec.CpuException.PF_USER;
import static kprobesim.cpu.exec.CpuException.PF_WRITE;
import static kprobesim.cpu.mmu.PageTableEntry.ACCESSED;
import static kprobesim.cpu.mmu.PageTableEntry.DIRTY;
import static kprobesim.cpu.mmu.PageTableEntry.EXECUTE_DISABLE;
import static kprobesim.cpu.mmu.PageTableEntry.PAGE_SIZE;
import static kprobesim.cpu.mmu.PageTableEntry.USER;
import static kprobesim.cpu.mmu.PageTableEntry.WRITABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kprobesim.cpu.actor.Cpu;
import kprobesim.cpu.actor.Reply;
import kprobesim.cpu.exec.RunResult.Stop;
import kprobesim.cpu.isa.Reg;
import kprobesim.cpu.mmu.PageTableBuilder;
import kprobesim.cpu.mmu.PageTableEntry;
import org.junit.jupiter.api.Test;

/**
 * paging tier: 4-level translation, #PF error codes and CR2, A/D bits, CR3 switches, TLB
 * staleness and invlpg, rings and the kernel half, and the decode cache keyed by physical page
 * and virtual address. Page tables are built in simulated memory with {@link PageTableBuilder}.
 */
class PagingTest {
    static final long CODE = 0x400000L;
    static final long DATA = 0x600000L;
    static final long STACK_TOP = 0x800000L;
    static final long UW = USER | WRITABLE;

    final PagedMachine m = new PagedMachine();
    final PageTableBuilder as = m.newAddressSpace();

    private X86Core boot(String asm, long codeFlags) {
        m.loadCode(as, CODE, asm, codeFlags);
        return m.core(as, CODE, STACK_TOP, UW);
    }

    private X86Core bootUser(String asm) {
        X86Core c = boot(asm, USER);
        c.setCpl(3);
        return c;
    }

    private static void assertPf(X86Core c, RunResult r, int error, long cr2) {
        assertEquals(Stop.EXCEPTION, r.stop(), () -> "result " + r);
        assertEquals(new CpuException(CpuException.PF, error, cr2), r.exception());
        assertEquals(cr2, c.cr2(), "CR2 is the faulting linear address");
    }

    private static RunResult run(X86Core c) {
        return c.run(1000, X86Core.NO_END);
    }

    // ------------------------------------------------------------------ translation

    @Test
    void loadsStoresCallsAndFetchesGoThroughTheTables() {
        long data = m.frame();
        as.map(DATA, data, UW);
        X86Core c = boot("mov $0x1234,%eax\nmov %rax,0x600008\ncall f\nhlt\nf: mov 0x600008,%rbx\nret", 0);
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(0x1234, c.reg(Reg.RBX));
        assertEquals(0x1234, m.mem.read64(data + 8), "the store went to the mapped frame");
        assertFalse(m.mem.isMapped(DATA), "virtual != physical: nothing at physical 0x600000");
    }

    @Test
    void cr3ZeroMeansFlatIdentity() {
        TestMachine t = new TestMachine("mov %rax,0x600000\nmov 0x600000,%rbx");
        t.core.setReg(Reg.RAX, 42);
        assertEquals(Stop.END, t.run().stop());
        assertEquals(0, t.core.cr3());
        assertEquals(42, t.mem.read64(0x600000));
    }

    @Test
    void twoMegabytePageTranslatesTheLow21Bits() {
        long virt = 0x1000000L;
        long phys = 0x4000_0000L;
        m.mem.map(phys + 0x123000, 0x1000);
        as.mapLarge(virt, phys, PageTableEntry.SIZE_2M, UW);
        X86Core c = boot("mov $0x1123456,%rbx\nmovq $77,(%rbx)\nmov (%rbx),%rax\nhlt", 0);
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(77, m.mem.read64(phys + 0x123456));
        assertEquals(77, c.reg(Reg.RAX));
        long pde = as.entry(virt);
        assertEquals(PAGE_SIZE | ACCESSED | DIRTY, pde & (PAGE_SIZE | ACCESSED | DIRTY), "A/D in the PDE leaf");
    }

    @Test
    void oneGigabytePageTranslatesTheLow30Bits() {
        long virt = 0x4000_0000L;
        long phys = 0x1_8000_0000L;
        m.mem.map(phys + 0x12345000, 0x1000);
        as.mapLarge(virt, phys, PageTableEntry.SIZE_1G, USER);
        X86Core c = bootUser("mov $0x52345678,%rbx\nmov (%rbx),%eax\nmov %eax,(%rbx)");
        m.mem.write32(phys + 0x12345678, 0xabcd);
        assertPf(c, run(c), PF_PRESENT | PF_WRITE | PF_USER, 0x52345678L);
        assertEquals(0xabcd, c.reg(Reg.RAX), "read through the 1 GiB page, then the write is denied");
    }

    @Test
    void reservedBitsOfLargeEntriesAndPsInPml4Fault() {
        as.mapLarge(0x1000000L, 0x4000_0000L, PageTableEntry.SIZE_2M, UW);
        long pde = as.entryAddress(0x1000000L, PageTableEntry.PD);
        m.mem.write64(pde, m.mem.read64(pde) | (1L << 13)); // bit 13 of a 2 MiB PDE is reserved
        X86Core c = boot("mov 0x1000010,%rax", 0);
        assertPf(c, run(c), PF_PRESENT | PF_RSVD, 0x1000010);
        long pml4e = as.entryAddress(CODE, PageTableEntry.PML4);
        m.mem.write64(pml4e, m.mem.read64(pml4e) | PAGE_SIZE);
        c.flushTlb();
        c.setRip(CODE);
        assertPf(c, run(c), PF_PRESENT | PF_RSVD | PF_FETCH, CODE);
    }

    @Test
    void invlpgAnywhereInALargePageDropsAllOfIt() {
        long virt = 0x1000000L;
        long oldPhys = 0x4000_0000L;
        long newPhys = 0x4020_0000L;
        for (long p : new long[] {oldPhys, newPhys}) {
            m.mem.map(p, 0x3000);
            m.mem.write64(p, p == oldPhys ? 1 : 2);
            m.mem.write64(p + 0x2000, p == oldPhys ? 10 : 20);
        }
        as.mapLarge(virt, oldPhys, PageTableEntry.SIZE_2M, UW);
        X86Core c = boot("mov 0x1000000,%rax\nmov 0x1002000,%rbx\nhlt", 0);
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(11, c.reg(Reg.RAX) + c.reg(Reg.RBX));
        as.mapLarge(virt, newPhys, PageTableEntry.SIZE_2M, UW);
        c.setRip(CODE);
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(11, c.reg(Reg.RAX) + c.reg(Reg.RBX), "stale: both 4 KiB pieces of the old page");
        c.invlpg(virt); // one address inside the large page
        c.setRip(CODE);
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(22, c.reg(Reg.RAX) + c.reg(Reg.RBX), "the whole large page was dropped");
    }

    @Test
    void nonCanonicalAddressIsGeneralProtectionNotPageFault() {
        X86Core c = boot("mov $0x800000000000,%rbx\nmov (%rbx),%rax", 0);
        RunResult r = run(c);
        assertEquals(new CpuException(CpuException.GP, 0, 0), r.exception());
    }

    @Test
    void physicalAddressTellsJavaServicesWhereAnAccessGoes() {
        long data = m.frame();
        as.map(DATA, data, USER);
        X86Core c = boot("nop", 0);
        assertEquals(data + 0x123, c.physicalAddress(DATA + 0x123, false));
        assertEquals(-1, c.physicalAddress(DATA, true), "read-only page, CR0.WP");
        assertEquals(-1, c.physicalAddress(0x700000, false), "not present");
        assertEquals(-1, c.physicalAddress(0x800000000000L, false), "not canonical");
        assertEquals(0, c.cr2(), "no guest exception was raised");
        c.setCpl(3);
        assertEquals(-1, c.physicalAddress(PagedMachine.KERNEL_TEXT, false), "kernel half from ring 3");
        assertEquals(ACCESSED, as.entry(DATA) & (ACCESSED | DIRTY));
    }

    // ------------------------------------------------------------------ #PF error codes

    @Test
    void notPresentReadIsErrorZero() {
        X86Core c = boot("mov 0x700010,%rax", 0);
        assertPf(c, run(c), 0, 0x700010);
        assertEquals(CODE, c.rip());
    }

    @Test
    void missingUpperLevelTableIsNotPresent() {
        X86Core c = boot("mov $0x7f0000000008,%rbx\nmov %rax,(%rbx)", 0);
        assertPf(c, run(c), PF_WRITE, 0x7f0000000008L);
    }

    @Test
    void pageCrossingLoadFaultsOnTheFirstUnmappedByte() {
        as.map(DATA, m.frame(), UW);
        X86Core c = boot("mov 0x600ffc,%rax", 0);
        assertPf(c, run(c), 0, DATA + 0x1000);
    }

    @Test
    void userWriteToReadOnlyPageIsPresentWriteUser() {
        as.map(DATA, m.frame(), USER);
        X86Core c = bootUser("mov 0x600000,%rbx\nmov %rax,0x600000");
        assertPf(c, run(c), PF_PRESENT | PF_WRITE | PF_USER, DATA);
        assertEquals(CODE + 8, c.rip(), "the read succeeded, the write faulted");
    }

    @Test
    void userWriteToNotPresentPageIsWriteUser() {
        X86Core c = bootUser("mov %rax,0x700008");
        assertPf(c, run(c), PF_WRITE | PF_USER, 0x700008);
    }

    @Test
    void rightsAreAndedOverAllLevels() {
        // The PTE allows everything, but the PD entry above it says supervisor-only, then read-only.
        as.map(DATA, m.frame(), UW);
        long pde = as.entryAddress(DATA, PageTableEntry.PD);
        long original = m.mem.read64(pde);
        m.mem.write64(pde, original & ~USER);
        X86Core c = bootUser("mov 0x600000,%rax");
        assertPf(c, run(c), PF_PRESENT | PF_USER, DATA);
        m.mem.write64(pde, original & ~WRITABLE);
        c.flushTlb();
        c.setRip(CODE);
        RunResult read = run(c);
        assertEquals(CODE + 8, c.rip(), "reading is allowed: " + read);
        m.loadCode(as, 0x900000, "mov %rax,0x600000", USER);
        c.setRip(0x900000);
        assertPf(c, run(c), PF_PRESENT | PF_WRITE | PF_USER, DATA);
    }

    @Test
    void executeDisableInAnUpperLevelAppliesToTheWholeRange() {
        m.loadCode(as, 0x900000, "nop", 0);
        long pdpte = as.entryAddress(0x900000, PageTableEntry.PDPT);
        m.mem.write64(pdpte, m.mem.read64(pdpte) | EXECUTE_DISABLE);
        X86Core c = boot("jmp *%rbx", 0); // CODE shares the PDPT entry (both below 1 GiB)
        c.setReg(Reg.RBX, 0x900000);
        assertPf(c, run(c), PF_PRESENT | PF_FETCH, CODE);
    }

    @Test
    void supervisorReadsAndFetchesUserPages() {
        // no SMAP, no SMEP: ring 0 may read and execute user pages
        as.map(DATA, m.frameWith(5), USER);
        X86Core c = boot("mov 0x600000,%rax\nhlt", USER);
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(5, c.reg(Reg.RAX));
    }

    @Test
    void userReadOfSupervisorPageIsPresentUser() {
        as.map(DATA, m.frame(), WRITABLE);
        X86Core c = bootUser("mov 0x600000,%rax");
        assertPf(c, run(c), PF_PRESENT | PF_USER, DATA);
    }

    @Test
    void lockedReadModifyWriteOfReadOnlyPageReportsWrite() {
        as.map(DATA, m.frame(), USER);
        X86Core c = bootUser("lock incq 0x600000");
        assertPf(c, run(c), PF_PRESENT | PF_WRITE | PF_USER, DATA);
    }

    @Test
    void supervisorWriteToReadOnlyPageFaultsOnlyWithCr0Wp() {
        long data = m.frame();
        as.map(DATA, data, USER);
        X86Core c = boot("mov $5,%eax\nmov %rax,0x600000\nhlt", 0);
        assertTrue((c.cr0() & X86Core.CR0_WP) != 0, "the default CR0 has WP");
        assertPf(c, run(c), PF_PRESENT | PF_WRITE, DATA);
        c.setCr0(c.cr0() & ~X86Core.CR0_WP);
        c.setRip(CODE);
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(5, m.mem.read64(data));
        assertTrue((as.entry(DATA) & DIRTY) != 0);
    }

    @Test
    void fetchFromNotPresentPageIsInstructionFetch() {
        X86Core c = boot("jmp *%rbx", 0);
        c.setReg(Reg.RBX, 0x900000);
        assertPf(c, run(c), PF_FETCH, 0x900000);
        assertEquals(0x900000, c.rip(), "the fetch faults at the branch target");
    }

    @Test
    void fetchFromExecuteDisabledPageIsPresentFetch() {
        m.loadCode(as, 0x900000, "nop", EXECUTE_DISABLE);
        X86Core c = boot("jmp *%rbx", 0);
        c.setReg(Reg.RBX, 0x900000);
        assertPf(c, run(c), PF_PRESENT | PF_FETCH, 0x900000);
    }

    @Test
    void instructionStraddlingIntoAnUnmappedPageFaultsOnTheSecondPage() {
        m.loadCode(as, CODE, "nop", 0);
        long frame = m.frame();
        as.map(0x500000, frame, 0);
        m.mem.write(frame + 0xffe, new byte[] {(byte) 0xb8, 0x01}, 0, 2); // mov $imm32,%eax, cut
        X86Core c = m.core(as, 0x500ffe, STACK_TOP, UW);
        assertPf(c, run(c), PF_FETCH, 0x501000);
    }

    // ------------------------------------------------------------------ accessed and dirty

    @Test
    void readSetsAccessedWriteSetsDirty() {
        as.map(DATA, m.frame(), UW);
        X86Core c = boot("mov 0x600000,%rax\nhlt\nmovq $1,0x600000\nhlt", 0);
        assertEquals(0, as.entry(DATA) & (ACCESSED | DIRTY));
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(ACCESSED, as.entry(DATA) & (ACCESSED | DIRTY), "a read sets A only");
        for (int level = PageTableEntry.PML4; level > PageTableEntry.PT; level--) {
            long e = m.mem.read64(as.entryAddress(DATA, level));
            assertTrue((e & ACCESSED) != 0, "A set in the level-" + level + " entry");
        }
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(ACCESSED | DIRTY, as.entry(DATA) & (ACCESSED | DIRTY), "the first write sets D");
    }

    @Test
    void tlbRemembersThatDirtyIsSet() {
        as.map(DATA, m.frame(), UW);
        X86Core c = boot("movq $1,0x600000\nhlt\nmovq $2,0x600000\nhlt", 0);
        assertEquals(Stop.HLT, run(c).stop());
        long pte = as.entryAddress(DATA, PageTableEntry.PT);
        m.mem.write64(pte, m.mem.read64(pte) & ~DIRTY); // the kernel cleans the page, no invlpg
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(0, as.entry(DATA) & DIRTY, "the TLB entry already had D: no walk, no D update");
        c.invlpg(DATA);
        c.setRip(CODE + 13); // the second store (12-byte movq + hlt before it)
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(DIRTY, as.entry(DATA) & DIRTY, "after invlpg the write walks and sets D again");
    }

    @Test
    void faultingAccessSetsNoLeafBits() {
        as.map(DATA, m.frame(), USER);
        X86Core c = boot("mov %rax,0x600000", 0);
        assertPf(c, run(c), PF_PRESENT | PF_WRITE, DATA);
        assertEquals(0, as.entry(DATA) & (ACCESSED | DIRTY));
    }

    // ------------------------------------------------------------------ TLB

    @Test
    void changedPteIsIgnoredUntilInvlpg() {
        as.map(DATA, m.frameWith(111), UW);
        X86Core c = boot("mov 0x600000,%rax\nhlt\nmov 0x600000,%rcx\ninvlpg 0x600000\nmov 0x600000,%rbx\nhlt", 0);
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(111, c.reg(Reg.RAX));
        as.map(DATA, m.frameWith(222), UW); // set_pte without a flush
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(111, c.reg(Reg.RCX), "stale TLB entry: the old frame");
        assertEquals(222, c.reg(Reg.RBX), "after invlpg: the new frame");
    }

    @Test
    void flushTlbRangeDropsOnlyItsPagesUpToTheCeilingThenEverything() {
        long far = 0x700000;
        as.map(DATA, m.frameWith(1), UW);
        as.map(far, m.frameWith(2), UW);
        X86Core c = boot("mov 0x600000,%rax\nmov 0x700000,%rbx\nhlt", 0);
        assertEquals(Stop.HLT, run(c).stop());
        as.map(DATA, m.frameWith(11), UW); // set_pte on both, no flush
        as.map(far, m.frameWith(22), UW);
        new Cpu.FlushTlbRange(DATA, DATA + 1, Reply.none()).applyTo(c); // the page holding the byte
        c.setRip(CODE);
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(11, c.reg(Reg.RAX), "in the range: the new frame");
        assertEquals(2, c.reg(Reg.RBX), "outside the range: still the cached old frame");
        long ceiling = Cpu.FlushTlbRange.SINGLE_PAGE_FLUSH_CEILING;
        new Cpu.FlushTlbRange(0x800000, 0x800000 + ceiling * 4096, Reply.none()).applyTo(c);
        c.setRip(CODE);
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(2, c.reg(Reg.RBX), "33 other pages are flushed one by one: far stays cached");
        new Cpu.FlushTlbRange(0x800000, 0x800000 + (ceiling + 1) * 4096, Reply.none()).applyTo(c);
        c.setRip(CODE);
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(22, c.reg(Reg.RBX), "34 pages: the whole TLB is flushed, as Linux does past the ceiling");
    }

    @Test
    void unmappedPageStaysReachableUntilInvlpgFromTheShootdownApi() {
        as.map(DATA, m.frameWith(7), UW);
        X86Core c = boot("mov 0x600000,%rax\nhlt", 0);
        assertEquals(Stop.HLT, run(c).stop());
        as.unmap(DATA);
        c.setRip(CODE);
        c.setReg(Reg.RAX, 0);
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(7, c.reg(Reg.RAX), "stale translation");
        c.invlpg(DATA); // what the TLB-shootdown IPI handler calls
        c.setRip(CODE);
        assertPf(c, run(c), 0, DATA);
    }

    @Test
    void tlbsArePerCoreSoEveryCoreNeedsItsOwnShootdown() {
        as.map(DATA, m.frameWith(1), UW);
        m.loadCode(as, CODE, "mov 0x600000,%rax\nhlt", 0);
        X86Core a = m.core(as, CODE, STACK_TOP, UW);
        X86Core b = m.core(as, CODE, STACK_TOP, UW);
        assertEquals(Stop.HLT, run(a).stop());
        assertEquals(Stop.HLT, run(b).stop());
        as.map(DATA, m.frameWith(2), UW);
        a.invlpg(DATA); // the CPU that changed the PTE flushes itself ...
        for (X86Core c : new X86Core[] {a, b}) {
            c.setRip(CODE);
            assertEquals(Stop.HLT, run(c).stop());
        }
        assertEquals(2, a.reg(Reg.RAX));
        assertEquals(1, b.reg(Reg.RAX), "... the other one is stale until the shootdown IPI reaches it");
        b.invlpg(DATA);
        b.setRip(CODE);
        assertEquals(Stop.HLT, run(b).stop());
        assertEquals(2, b.reg(Reg.RAX));
    }

    @Test
    void cr3ReloadFlushesTheTlb() {
        as.map(DATA, m.frameWith(1), UW);
        X86Core c = boot("mov 0x600000,%rax\nhlt\nmov %cr3,%rdx\nmov %rdx,%cr3\nmov 0x600000,%rbx\nhlt", 0);
        assertEquals(Stop.HLT, run(c).stop());
        as.map(DATA, m.frameWith(2), UW);
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(2, c.reg(Reg.RBX));
    }

    // ------------------------------------------------------------------ decode cache under paging

    @Test
    void cr3SwitchRunsTheOtherAddressSpacesCodeAtTheSameAddress() {
        PageTableBuilder other = m.newAddressSpace();
        X86Core c = boot("mov $1,%eax\nhlt", 0);
        m.loadCode(other, CODE, "mov $2,%eax\nhlt", 0);
        for (int round = 0; round < 3; round++) {
            c.setCr3(as.cr3());
            c.setRip(CODE);
            assertEquals(Stop.HLT, run(c).stop());
            assertEquals(1, c.reg(Reg.RAX));
            c.setCr3(other.cr3());
            c.setRip(CODE);
            assertEquals(Stop.HLT, run(c).stop());
            assertEquals(2, c.reg(Reg.RAX), "round " + round);
        }
    }

    @Test
    void guestCr3WriteSwitchesCodeUnderTheNextInstruction() {
        // Both spaces map the same kernel-half code; the code after the mov to CR3 is in the
        // lower half and differs between the two spaces.
        PageTableBuilder other = m.newAddressSpace();
        m.loadCode(as, CODE, "mov $1,%ebx\nhlt", 0);
        m.loadCode(other, CODE, "mov $2,%ebx\nhlt", 0);
        m.loadKernel(PagedMachine.KERNEL_TEXT, "mov %rax,%cr3\njmp *%rcx");
        X86Core c = m.core(as, CODE, STACK_TOP, UW);
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(1, c.reg(Reg.RBX));
        c.setRip(PagedMachine.KERNEL_TEXT);
        c.setReg(Reg.RAX, other.cr3());
        c.setReg(Reg.RCX, CODE);
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(2, c.reg(Reg.RBX));
        assertEquals(other.cr3(), c.cr3());
    }

    @Test
    void samePhysicalCodeAtTwoVirtualAddressesBranchesWithinEach() {
        // jmp rel8 is decoded to an absolute target: each alias needs its own decode.
        long frame = m.loadCode(as, CODE, "jmp 1f\nnop\n1: lea 0(%rip),%rbx\nhlt", 0);
        as.map(0x500000, frame, 0);
        X86Core c = m.core(as, CODE, STACK_TOP, UW);
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(CODE + 10, c.reg(Reg.RBX));
        c.setRip(0x500000);
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(0x500000 + 10, c.reg(Reg.RBX));
        assertEquals(0x500000 + 11, c.rip());
        Object[] records = (Object[]) m.mem.page(frame).decodedCode();
        assertEquals(2, records.length, "one record per virtual alias of the physical page");
    }

    @Test
    void coresRunningTheSameCodeShareOneDecodedPage() {
        long frame = m.loadCode(as, CODE, "l: inc %rax\ncmp $100,%rax\njne l\nhlt", 0);
        X86Core a = m.core(as, CODE, STACK_TOP, UW);
        X86Core b = m.core(as, CODE, STACK_TOP, UW);
        X86Core flat = new X86Core(m.mem);
        assertEquals(Stop.HLT, a.run(10_000, X86Core.NO_END).stop());
        assertEquals(Stop.HLT, b.run(10_000, X86Core.NO_END).stop());
        assertEquals(100, b.reg(Reg.RAX));
        Object[] records = (Object[]) m.mem.page(frame).decodedCode();
        assertEquals(1, records.length);
        // a core without paging executing the frame at its physical address adds an alias
        flat.setRip(frame);
        assertEquals(Stop.HLT, flat.run(10_000, X86Core.NO_END).stop());
        assertEquals(2, ((Object[]) m.mem.page(frame).decodedCode()).length);
    }

    @Test
    void storeIntoCodeThroughAnotherAliasIsSeen() {
        // The code frame is also mapped writable at DATA: patching through that alias bumps the
        // physical page's generation, so the decode at CODE is dropped.
        long frame = m.loadCode(as, CODE, "mov $1,%eax\nhlt", 0);
        as.map(DATA, frame, WRITABLE);
        X86Core c = m.core(as, CODE, STACK_TOP, UW);
        assertEquals(Stop.HLT, run(c).stop());
        m.loadCode(as, 0x900000, "movb $9,0x600001\njmp *%rbx", 0);
        c.setRip(0x900000);
        c.setReg(Reg.RBX, CODE);
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(9, c.reg(Reg.RAX));
    }

    @Test
    void splitLockedOperationsWorkThroughTwoAliases() {
        // one physical frame at two virtual addresses; locked ops straddling an 8-byte word (split
        // path, whose stripe lock is keyed by the physical address so both aliases share it)
        long data = m.frame();
        as.map(DATA, data, UW);
        as.map(0x700000, data, UW);
        X86Core c = boot("mov $1,%eax\nlock xadd %rax,0x600006\nlock addq $1,0x700006\nhlt", 0);
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(2, m.mem.read64(data + 6));
    }

    @Test
    void warmLoopUnderPagingAllocatesNothing() {
        com.sun.management.ThreadMXBean bean =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        as.map(DATA, m.frame(), UW);
        X86Core c = boot("l: call f\nmov (%rdi),%rax\nadd $1,%rax\nmov %rax,(%rdi)\nlock xadd %rax,8(%rdi)\n"
                + "dec %rcx\njnz l\nint3\nf: push %rbx\npop %rbx\nret", USER);
        long allocated = 0;
        for (int round = 0; round < 3; round++) {
            c.setCpl(3);
            c.setRip(CODE);
            c.setReg(Reg.RSP, STACK_TOP);
            c.setReg(Reg.RCX, 50_000);
            c.setReg(Reg.RDI, DATA);
            long before = bean.getThreadAllocatedBytes(tid);
            RunResult r = c.run(Long.MAX_VALUE, X86Core.NO_END);
            allocated = bean.getThreadAllocatedBytes(tid) - before;
            assertEquals(CpuException.BP, r.exception().vector());
        }
        long bytes = allocated;
        assertTrue(bytes < 1024, () -> bytes + " bytes allocated in a warm ring-3 run under paging");
    }

    // ------------------------------------------------------------------ rings and the kernel half

    @Test
    void ring0UsesTheIdentityMappedKernelHalfUnderPaging() {
        m.loadKernel(PagedMachine.KERNEL_TEXT, "mov %rax,0x800(%rip)\nmov 0x7f9(%rip),%rbx\nret");
        X86Core c = boot("mov $3,%eax\ncall *%rcx\nhlt", 0);
        c.setReg(Reg.RCX, PagedMachine.KERNEL_TEXT);
        assertEquals(Stop.HLT, run(c).stop());
        assertEquals(3, c.reg(Reg.RBX));
    }

    @Test
    void ring3ReadOfKernelHalfIsPresentUser() {
        m.loadKernel(PagedMachine.KERNEL_TEXT, "nop");
        X86Core c = bootUser("mov 0xffffffff81000000,%rax");
        assertPf(c, run(c), PF_PRESENT | PF_USER, PagedMachine.KERNEL_TEXT);
    }

    @Test
    void ring3FetchFromKernelHalfIsPresentUserFetch() {
        m.loadKernel(PagedMachine.KERNEL_TEXT, "nop");
        X86Core c = bootUser("jmp *%rbx");
        c.setReg(Reg.RBX, PagedMachine.KERNEL_TEXT);
        assertPf(c, run(c), PF_PRESENT | PF_USER | PF_FETCH, PagedMachine.KERNEL_TEXT);
    }

    @Test
    void ring3FetchFromSupervisorUserHalfPageIsPresentUserFetch() {
        X86Core c = boot("nop", 0); // code page without U
        c.setCpl(3);
        assertPf(c, run(c), PF_PRESENT | PF_USER | PF_FETCH, CODE);
    }

    @Test
    void iretqToRing3ThenKernelAccessFaultsAndPrivilegedInstructionIsGp() {
        m.loadKernel(PagedMachine.KERNEL_TEXT, String.join("\n",
                "push $0x2b", "push $0x800000", "push $0x202", "push $0x33", "push $0x400000", "iretq"));
        m.mem.map(PagedMachine.KERNEL_TEXT + 0x1000, 0x1000); // kernel stack page
        m.loadCode(as, CODE, "mov $7,%eax\nmov 0xffffffff81000000,%rbx", USER);
        X86Core c = m.core(as, PagedMachine.KERNEL_TEXT, STACK_TOP, UW);
        c.setReg(Reg.RSP, PagedMachine.KERNEL_TEXT + 0x2000);
        RunResult r = run(c);
        assertEquals(3, c.cpl(), "iretq to CS 0x33 enters ring 3");
        assertEquals(7, c.reg(Reg.RAX));
        assertPf(c, r, PF_PRESENT | PF_USER, PagedMachine.KERNEL_TEXT);

        X86Core u = bootUser("hlt");
        assertEquals(new CpuException(CpuException.GP, 0, 0), run(u).exception());
        u.setRip(CODE);
        m.loadCode(as, 0x900000, "invlpg 0x600000", USER);
        u.setRip(0x900000);
        assertEquals(new CpuException(CpuException.GP, 0, 0), run(u).exception());
    }

    @Test
    void userPagesAreUsableInRing3() {
        as.map(DATA, m.frame(), UW);
        X86Core c = bootUser("mov $9,%eax\npush %rax\npop %rbx\nmov %rbx,0x600000\nlock xadd %rbx,0x600000\nint3");
        RunResult r = run(c);
        assertEquals(CpuException.BP, r.exception().vector());
        assertEquals(9, c.reg(Reg.RBX));
        assertEquals(18, m.mem.read64(PageTableEntry.address(as.entry(DATA))));
    }
}
