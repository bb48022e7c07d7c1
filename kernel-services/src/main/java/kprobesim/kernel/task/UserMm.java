package kprobesim.kernel.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kprobesim.cpu.asm.ObjectImage;
import kprobesim.cpu.asm.SectionImage;
import kprobesim.cpu.memory.Page;
import kprobesim.cpu.memory.PhysicalMemory;
import kprobesim.cpu.mmu.PageTableBuilder;
import kprobesim.cpu.mmu.PageTableEntry;

/**
 * {@code struct mm_struct}: a user address space with its own 4-level page tables (CR3), its
 * VMAs, and the frames behind them. The program's sections are mapped at load time; the stack
 * VMA is demand paged ({@link #handleFault}). {@link #release} frees every frame and table.
 *
 * <p>Not thread-safe: the kernel calls it under the scheduler lock (the mm lock).
 */
public final class UserMm {
    /** The top of the user stack VMA (as on Linux x86-64 without ASLR: just below 0x7ffffffff000). */
    public static final long STACK_TOP = 0x7ffffffff000L;
    /** 132 KiB, Linux's initial stack VMA size on x86-64. */
    public static final long STACK_SIZE = 0x21000;

    /** A {@code vm_area_struct}: {@code [start, end)}, rights, and the name {@code print_vma_addr} shows. */
    public record Vma(long start, long end, boolean writable, boolean executable, String name) {
        public boolean contains(long addr) {
            return Long.compareUnsigned(addr, start) >= 0 && Long.compareUnsigned(addr, end) < 0;
        }
    }

    private final PhysicalMemory mem;
    private final KernelMemory kmem;
    private final PageTableBuilder tables;
    private final List<Long> tableFrames = new ArrayList<>();
    private final Map<Long, Long> pages = new LinkedHashMap<>(); // virtual page -> frame
    private final List<Vma> vmas = new ArrayList<>();
    private int demandFaults;

    /** What {@link #handleFault} did. */
    public enum Fault {
        /** A zeroed frame is mapped: retry the access. */
        MAPPED,
        /** No VMA allows the access (or the page is present): a segfault. */
        REFUSED,
        /** The access is valid but no frame was left after the OOM chain and the OOM killer ran. */
        NO_MEMORY
    }

    /**
     * Unwinds a multi-frame operation of this class when the allocator answers -ENOMEM (the page
     * table builder's frame supplier cannot return an error). Never leaves this class.
     */
    private static final class NoFrames extends RuntimeException {
        NoFrames() {
            super("no frames", null, false, false);
        }
    }

    /** @throws NoFrames if there is no frame for the PML4 */
    private UserMm(PhysicalMemory mem, KernelMemory kmem) {
        this.mem = mem;
        this.kmem = kmem;
        this.tables = new PageTableBuilder(mem, () -> {
            long f = frame();
            tableFrames.add(f);
            return f;
        });
    }

    private long frame() {
        long f = kmem.allocateFrame();
        if (kprobesim.kernel.errno.Errno.isError(f)) {
            throw new NoFrames();
        }
        return f;
    }

    /**
     * Maps the sections of {@code image} (copying their bytes) and adds the stack VMA; null when
     * memory ran out (whatever was allocated is freed again).
     */
    public static UserMm load(PhysicalMemory mem, KernelMemory kmem, String name, ObjectImage image) {
        UserMm mm = null;
        try {
            mm = new UserMm(mem, kmem);
            mm.loadSections(name, image);
        } catch (NoFrames e) {
            if (mm != null) {
                mm.release();
            }
            return null;
        }
        return mm;
    }

    private void loadSections(String name, ObjectImage image) {
        UserMm mm = this;
        for (SectionImage s : image.sections()) {
            if (s.size() == 0) {
                continue;
            }
            long start = s.base() & ~(long) Page.MASK;
            long end = (s.base() + s.size() + Page.MASK) & ~(long) Page.MASK;
            boolean exec = s.name().equals(".text") || s.name().startsWith(".text.");
            boolean writable = !exec && !s.name().startsWith(".rodata");
            mm.vmas.add(new Vma(start, end, writable, exec, name));
            byte[] bytes = s.bytes();
            for (long v = start; v < end; v += Page.SIZE) {
                long f = mm.mapNew(v, writable, exec);
                long from = Math.max(v, s.base());
                long to = Math.min(v + Page.SIZE, s.base() + bytes.length);
                if (to > from) {
                    mem.write(f + (from - v), bytes, (int) (from - s.base()), (int) (to - from));
                }
            }
        }
        mm.vmas.add(new Vma(STACK_TOP - STACK_SIZE, STACK_TOP, true, false, "[stack]"));
    }

    private long mapNew(long virt, boolean writable, boolean exec) {
        long f = frame();
        long flags = PageTableEntry.USER | (writable ? PageTableEntry.WRITABLE : 0)
                | (exec ? 0 : PageTableEntry.EXECUTE_DISABLE);
        try {
            tables.map(virt, f, flags); // may need a new table, and find no frame for it
        } catch (NoFrames e) {
            kmem.freeFrame(f);
            throw e;
        }
        pages.put(virt, f);
        return f;
    }

    /**
     * dup_mmap without copy-on-write: a new address space with a copy of every mapped page; null
     * when memory ran out (fork then fails with -ENOMEM; the partial copy is freed).
     */
    public UserMm copy() {
        UserMm child = null;
        try {
            child = new UserMm(mem, kmem);
            child.vmas.addAll(vmas);
            for (Map.Entry<Long, Long> e : pages.entrySet()) {
                Vma v = findVma(e.getKey()).orElseThrow();
                long f = child.mapNew(e.getKey(), v.writable(), v.executable());
                mem.write(f, mem.readBytes(e.getValue(), Page.SIZE), 0, Page.SIZE);
            }
        } catch (NoFrames e) {
            if (child != null) {
                child.release();
            }
            return null;
        }
        return child;
    }

    public long cr3() {
        return tables.cr3();
    }

    public List<Vma> vmas() {
        return List.copyOf(vmas);
    }

    /** {@code find_vma}: the VMA containing {@code addr}. */
    public Optional<Vma> findVma(long addr) {
        return vmas.stream().filter(v -> v.contains(addr)).findFirst();
    }

    /**
     * Demand paging: a not-present fault ({@code error} P bit clear) at {@code addr} inside a VMA
     * that allows the access gets a zeroed frame (which may run the OOM chain and the OOM killer).
     */
    public Fault handleFault(long addr, long error) {
        Optional<Vma> vma = findVma(addr);
        if (vma.isEmpty() || (error & 1) != 0) {
            return Fault.REFUSED;
        }
        boolean write = (error & 2) != 0, fetch = (error & 16) != 0;
        if ((write && !vma.get().writable()) || (fetch && !vma.get().executable())) {
            return Fault.REFUSED;
        }
        long page = addr & ~(long) Page.MASK;
        if (pages.containsKey(page)) {
            return Fault.REFUSED;
        }
        try {
            mapNew(page, vma.get().writable(), vma.get().executable());
        } catch (NoFrames e) {
            return Fault.NO_MEMORY;
        }
        demandFaults++;
        return Fault.MAPPED;
    }

    /** Pages mapped by demand faults so far. */
    public int demandFaults() {
        return demandFaults;
    }

    /** Resident pages (all anonymous: program sections are private copies), what the OOM killer ranks by. */
    public int rssPages() {
        return pages.size();
    }

    /** The size of every VMA together ({@code total_vm}), in bytes. */
    public long totalVmBytes() {
        long n = 0;
        for (Vma v : vmas) {
            n += v.end() - v.start();
        }
        return n;
    }

    /** Frames in use: mapped pages plus page tables. */
    public int frames() {
        return pages.size() + tableFrames.size();
    }

    /** Frees every page and table (exit_mmap). The mm must not be loaded in any CR3 afterwards. */
    public void release() {
        for (long f : pages.values()) {
            kmem.freeFrame(f);
        }
        pages.clear();
        for (long f : tableFrames) {
            kmem.freeFrame(f);
        }
        tableFrames.clear();
    }
}
