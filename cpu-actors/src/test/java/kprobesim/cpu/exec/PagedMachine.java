package kprobesim.cpu.exec;

import java.util.function.LongSupplier;
import kprobesim.cpu.isa.Reg;
import kprobesim.cpu.memory.Page;
import kprobesim.cpu.memory.PhysicalMemory;
import kprobesim.cpu.mmu.PageTableBuilder;

/**
 * A machine for the paging tier: physical frames for page tables from {@link #TABLE_FRAMES},
 * frames for code and data from {@link #FRAMES}, address spaces built with
 * {@link PageTableBuilder}, kernel pages identity-mapped in the upper half.
 */
final class PagedMachine {
    static final long TABLE_FRAMES = 0x1000_0000L;
    static final long FRAMES = 0x2000_0000L;
    static final long KERNEL_TEXT = 0xffffffff81000000L;

    final PhysicalMemory mem = new PhysicalMemory();
    private final LongSupplier tableFrames = PageTableBuilder.frameRange(TABLE_FRAMES, 0x100000);
    private long nextFrame = FRAMES;

    PageTableBuilder newAddressSpace() {
        return new PageTableBuilder(mem, tableFrames);
    }

    /** A fresh zero-filled physical frame. */
    long frame() {
        long f = nextFrame;
        nextFrame += Page.SIZE;
        mem.map(f, Page.SIZE);
        return f;
    }

    /** A fresh frame holding the 8-byte {@code value} at offset 0. */
    long frameWith(long value) {
        long f = frame();
        mem.write64(f, value);
        return f;
    }

    /** Assembles {@code asm} with GNU as into fresh frames mapped from {@code virt}; returns the first frame. */
    long loadCode(PageTableBuilder as, long virt, String asm, long flags) {
        byte[] code = HostAssembler.assembleText(asm);
        long first = -1;
        for (int off = 0; off < code.length; off += Page.SIZE) {
            long f = frame();
            if (first < 0) {
                first = f;
            }
            mem.write(f, code, off, Math.min(Page.SIZE, code.length - off));
            as.map(virt + off, f, flags);
        }
        return first;
    }

    /** Assembles {@code asm} into identity-mapped kernel memory at {@code addr}. */
    void loadKernel(long addr, String asm) {
        byte[] code = HostAssembler.assembleText(asm);
        mem.map(addr, code.length);
        mem.load(addr, code);
    }

    /** A core in ring 0 with CR3 = {@code as}, rip = {@code rip} and a stack page mapped below {@code stackTop}. */
    X86Core core(PageTableBuilder as, long rip, long stackTop, long stackFlags) {
        as.map(stackTop - Page.SIZE, frame(), stackFlags);
        X86Core c = new X86Core(mem);
        c.setCr3(as.cr3());
        c.setRip(rip);
        c.setReg(Reg.RSP, stackTop);
        return c;
    }
}
