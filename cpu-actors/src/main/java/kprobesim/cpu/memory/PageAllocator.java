package kprobesim.cpu.memory;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * A small physical page allocator over a fixed window of the address space, like the kernel's
 * {@code get_zeroed_page()} / {@code free_page()}: each allocation maps one zeroed 4 KiB page,
 * and {@link #free} <em>unmaps</em> it, so any use after free faults (a #PF in guest code, a
 * {@link MemoryFault} in Java) instead of silently reading stale data.
 *
 * <p>Freed frames are reused in FIFO order (oldest first), which keeps a just-freed frame
 * unmapped as long as possible and makes allocation order deterministic.
 *
 * <p>Thread-safe (synchronized): allocations are rare (IDT copies, kernel objects).
 */
public final class PageAllocator {
    private final PhysicalMemory mem;
    private final long base;
    private final long pages;
    private long next;
    private final ArrayDeque<Long> freed = new ArrayDeque<>();
    private final Set<Long> live = new HashSet<>();

    /** Allocates from {@code [base, base + pages*4096)}; base must be page aligned. */
    public PageAllocator(PhysicalMemory mem, long base, long pages) {
        if ((base & Page.MASK) != 0 || pages <= 0) {
            throw new IllegalArgumentException("base=0x" + Long.toHexString(base) + " pages=" + pages);
        }
        this.mem = mem;
        this.base = base;
        this.pages = pages;
    }

    /** Maps and returns a zeroed page. @throws IllegalStateException when the window is exhausted */
    public synchronized long allocate() {
        long addr;
        if (next < pages) {
            addr = base + next * Page.SIZE;
            next++;
        } else if (!freed.isEmpty()) {
            addr = freed.removeFirst();
        } else {
            throw new IllegalStateException("out of pages: all " + pages + " in use");
        }
        if (mem.isMapped(addr)) {
            throw new IllegalStateException("page 0x" + Long.toHexString(addr) + " is already mapped");
        }
        mem.map(addr, Page.SIZE);
        live.add(addr);
        return addr;
    }

    /** Unmaps a page returned by {@link #allocate}. @throws IllegalArgumentException on a double free */
    public synchronized void free(long addr) {
        if (!live.remove(addr)) {
            throw new IllegalArgumentException("free of a page not allocated: 0x" + Long.toHexString(addr));
        }
        mem.unmap(addr);
        freed.addLast(addr);
    }

    public synchronized boolean isAllocated(long addr) {
        return live.contains(addr & ~(long) Page.MASK);
    }

    public synchronized int allocatedPages() {
        return live.size();
    }
}
