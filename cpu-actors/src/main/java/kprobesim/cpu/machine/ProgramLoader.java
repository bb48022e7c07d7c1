package kprobesim.cpu.machine;

import java.util.Optional;
import kprobesim.cpu.actor.Cpu;
import kprobesim.cpu.asm.AsmSymbol;
import kprobesim.cpu.asm.ObjectImage;
import kprobesim.cpu.asm.SectionImage;
import kprobesim.cpu.memory.PhysicalMemory;

/**
 * Puts an assembled program into a fresh physical memory and gives every CPU its boot state,
 * the way {@code kprobesim machine run} does:
 *
 * <pre>
 *  0xffffffff81000000  KERNEL_BASE   .text, then the other sections (page aligned, as assembled)
 *  0xffffc90000000000  STACKS        CPU i: [base+i*64K+16K .. +32K) stack (RSP at its top),
 *                                    [base+i*64K+40K .. +48K) interrupt stack (TSS.RSP0); the
 *                                    rest unmapped, so an overflow faults
 *  0xffffe80000000000  PERCPU        CPU i: 1 KiB at base+i*1K, GS base; +0 self pointer, +8 CPU id
 *  0xffff888000000000  page allocator window (Machine.ALLOCATOR_BASE)
 * </pre>
 *
 * Every CPU starts at {@code _start} in ring 0 with IF=0, {@code %rdi} = its CPU id.
 */
public final class ProgramLoader {
    public static final long KERNEL_BASE = 0xffffffff81000000L;
    public static final long STACKS = 0xffffc90000000000L;
    public static final long STACK_STRIDE = 0x10000;
    public static final long PERCPU = 0xffffe80000000000L;
    public static final long PERCPU_STRIDE = 0x400;
    public static final String ENTRY = "_start";

    private ProgramLoader() {}

    /** A loaded program: its memory and entry point. */
    public record Loaded(PhysicalMemory memory, ObjectImage image, long entry) {
        public Cpu.BootState boot(int cpu) {
            return Cpu.BootState.kernel(entry, stackTop(cpu), cpu, PERCPU + cpu * PERCPU_STRIDE, irqStackTop(cpu));
        }
    }

    public static long stackTop(int cpu) {
        return STACKS + cpu * STACK_STRIDE + 0x8000;
    }

    public static long irqStackTop(int cpu) {
        return STACKS + cpu * STACK_STRIDE + 0xc000;
    }

    /** The entry symbol, if the image defines it. */
    public static Optional<Long> entry(ObjectImage image) {
        return image.symbol(ENTRY).filter(s -> !s.isAbsolute()).map(AsmSymbol::value);
    }

    /** Loads {@code image} for {@code cpus} CPUs. @throws IllegalArgumentException without {@code _start} */
    public static Loaded load(ObjectImage image, int cpus) {
        long entry = entry(image).orElseThrow(() -> new IllegalArgumentException("no " + ENTRY + " symbol"));
        PhysicalMemory mem = new PhysicalMemory();
        for (SectionImage s : image.sections()) {
            if (s.size() == 0) {
                continue;
            }
            mem.map(s.base(), s.size());
            mem.load(s.base(), s.bytes());
        }
        for (int i = 0; i < cpus; i++) {
            mem.map(stackTop(i) - 0x4000, 0x4000);
            mem.map(irqStackTop(i) - 0x2000, 0x2000);
        }
        mem.map(PERCPU, cpus * PERCPU_STRIDE);
        for (int i = 0; i < cpus; i++) {
            long area = PERCPU + i * PERCPU_STRIDE;
            mem.write64(area, area);
            mem.write64(area + 8, i);
        }
        return new Loaded(mem, image, entry);
    }
}
