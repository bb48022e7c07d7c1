package kprobesim.cpu.mmu;

import java.util.function.LongSupplier;
import kprobesim.cpu.memory.Page;
import kprobesim.cpu.memory.PhysicalMemory;

/**
 * Builds and edits one 4-level user address space (the lower, canonical half) in simulated
 * physical memory: what the kernel does for {@code mm_struct}s. {@link #cr3()} is the value to
 * load into CR3; the upper half is not described by these tables (the MMU maps it identically
 * for ring 0, see {@code PAGING.md}).
 *
 * <p>Tables are written with ordinary release stores, so a core that walks them later sees the
 * new entries. Editing an entry does <em>not</em> flush any TLB: the caller must {@code invlpg}
 * (or shoot down by IPI) as Linux does after {@code set_pte}. Intermediate entries get
 * {@code P|W|U} so the leaf entry alone decides the rights, as on Linux ({@code _PAGE_TABLE}).
 *
 * <p>Not thread-safe: one builder per address space, used by one thread at a time (the kernel
 * holds the mm lock).
 */
public final class PageTableBuilder {
    /** Flags of the PML4E, PDPTE and PDE the builder creates. */
    private static final long TABLE_FLAGS = PageTableEntry.PRESENT | PageTableEntry.WRITABLE | PageTableEntry.USER;
    /** Lower-half linear addresses end here (bit 47). */
    private static final long LOWER_HALF_END = 1L << 47;

    private final PhysicalMemory mem;
    private final LongSupplier frames;
    private final long root;

    /**
     * @param mem             physical memory the tables live in
     * @param frameAllocator  returns the physical address of an unused 4 KiB frame for each new
     *                        table (below 2^52); the builder maps it and fills it with zeros
     */
    public PageTableBuilder(PhysicalMemory mem, LongSupplier frameAllocator) {
        if (mem == null || frameAllocator == null) {
            throw new IllegalArgumentException("mem=" + mem + " frameAllocator=" + frameAllocator);
        }
        this.mem = mem;
        this.frames = frameAllocator;
        this.root = newTable();
    }

    /**
     * A frame allocator handing out the frames of {@code [base, base + length)} in order; throws
     * {@link IllegalStateException} once they are used up. For tests and simple machines.
     */
    public static LongSupplier frameRange(long base, long length) {
        if ((base & Page.MASK) != 0 || length <= 0 || (length & Page.MASK) != 0) {
            throw new IllegalArgumentException("base=0x" + Long.toHexString(base) + " length=" + length);
        }
        long[] next = {base};
        return () -> {
            if (next[0] - base >= length) {
                throw new IllegalStateException("frame range 0x" + Long.toHexString(base) + "+" + length + " exhausted");
            }
            long f = next[0];
            next[0] += Page.SIZE;
            return f;
        };
    }

    /** The physical address of the PML4: the CR3 value of this address space. */
    public long cr3() {
        return root;
    }

    /**
     * Maps the 4 KiB page at {@code virt} to the frame at {@code phys} with {@code flags}
     * ({@link PageTableEntry#WRITABLE}, {@link PageTableEntry#USER},
     * {@link PageTableEntry#EXECUTE_DISABLE}, ...; PRESENT is added). Replaces an existing mapping.
     */
    public void map(long virt, long phys, long flags) {
        checkVirt(virt);
        mem.write64(leafSlot(virt, true), PageTableEntry.of(phys, flags | PageTableEntry.PRESENT));
    }

    /**
     * Maps a 2 MiB ({@link PageTableEntry#SIZE_2M}: a PDE with PS) or 1 GiB
     * ({@link PageTableEntry#SIZE_1G}: a PDPTE with PS) page at {@code virt} to {@code phys}, both
     * aligned to the size. @throws IllegalStateException if 4 KiB tables already exist there
     */
    public void mapLarge(long virt, long phys, long pageSize, long flags) {
        checkVirt(virt);
        int level;
        if (pageSize == PageTableEntry.SIZE_2M) {
            level = PageTableEntry.PD;
        } else if (pageSize == PageTableEntry.SIZE_1G) {
            level = PageTableEntry.PDPT;
        } else {
            throw new IllegalArgumentException("pageSize=" + pageSize + " is neither 2 MiB nor 1 GiB");
        }
        if (((virt | phys) & (pageSize - 1)) != 0) {
            throw new IllegalArgumentException("virt=0x" + Long.toHexString(virt) + " phys=0x"
                    + Long.toHexString(phys) + " not aligned to " + pageSize);
        }
        long table = root;
        for (int l = PageTableEntry.PML4; l > level; l--) {
            long e = nextTable(table + 8L * PageTableEntry.index(virt, l), true);
            if ((e & PageTableEntry.PAGE_SIZE) != 0) {
                throw new IllegalStateException("0x" + Long.toHexString(virt) + " lies inside a 1 GiB page");
            }
            table = PageTableEntry.address(e);
        }
        long slot = table + 8L * PageTableEntry.index(virt, level);
        long old = mem.read64(slot);
        if (PageTableEntry.isPresent(old) && (old & PageTableEntry.PAGE_SIZE) == 0) {
            throw new IllegalStateException("0x" + Long.toHexString(virt) + " already has a 4 KiB page table");
        }
        mem.write64(slot, PageTableEntry.of(phys, flags | PageTableEntry.PRESENT | PageTableEntry.PAGE_SIZE));
    }

    /** Maps {@code length} bytes (whole pages) from {@code virt} to consecutive frames from {@code phys}. */
    public void mapRange(long virt, long phys, long length, long flags) {
        if (length <= 0 || (length & Page.MASK) != 0) {
            throw new IllegalArgumentException("length=" + length + " is not a positive multiple of 4096");
        }
        for (long off = 0; off < length; off += Page.SIZE) {
            map(virt + off, phys + off, flags);
        }
    }

    /** Removes the mapping of {@code virt} (a 4 KiB or a whole large page); returns the old entry (0 if none). */
    public long unmap(long virt) {
        checkVirt(virt);
        long slot = leafSlot(virt, false);
        if (slot < 0) {
            return 0;
        }
        long old = mem.read64(slot);
        mem.write64(slot, 0);
        return old;
    }

    /**
     * Replaces the flags of the mapping of {@code virt} (PRESENT is kept), keeping its frame;
     * A and D are cleared unless given. @throws IllegalStateException if {@code virt} is not mapped
     */
    public void protect(long virt, long flags) {
        checkVirt(virt);
        long slot = leafSlot(virt, false);
        long old = slot < 0 ? 0 : mem.read64(slot);
        if (!PageTableEntry.isPresent(old)) {
            throw new IllegalStateException("not mapped: 0x" + Long.toHexString(virt));
        }
        mem.write64(slot, PageTableEntry.of(PageTableEntry.address(old),
                flags | PageTableEntry.PRESENT | (old & PageTableEntry.PAGE_SIZE)));
    }

    /** The leaf entry of {@code virt} (a PTE, or the PDE/PDPTE of a large page), or 0 if there is none. */
    public long entry(long virt) {
        checkVirt(virt);
        long slot = leafSlot(virt, false);
        return slot < 0 ? 0 : mem.read64(slot);
    }

    /**
     * Physical address of the entry of {@code level} ({@link PageTableEntry#PML4} .. PT) on the
     * walk of {@code virt}, or -1 if a table above it is missing or is a large page. For tests and debuggers that
     * need to edit an upper-level entry.
     */
    public long entryAddress(long virt, int level) {
        checkVirt(virt);
        if (level < PageTableEntry.PT || level > PageTableEntry.PML4) {
            throw new IllegalArgumentException("level=" + level);
        }
        long table = root;
        for (int l = PageTableEntry.PML4; ; l--) {
            long slot = table + 8L * PageTableEntry.index(virt, l);
            if (l == level) {
                return slot;
            }
            long e = mem.read64(slot);
            if (!PageTableEntry.isPresent(e) || (e & PageTableEntry.PAGE_SIZE) != 0) {
                return -1; // no table below: missing, or this entry maps a large page
            }
            table = PageTableEntry.address(e);
        }
    }

    /**
     * Physical address of the leaf slot of {@code virt}: its PTE, creating missing tables if
     * {@code create} (else -1 when one is missing); or, when not creating, the PDE/PDPTE of a
     * large page that covers it. @throws IllegalStateException creating inside a large page
     */
    private long leafSlot(long virt, boolean create) {
        long table = root;
        for (int level = PageTableEntry.PML4; level > PageTableEntry.PT; level--) {
            long slot = table + 8L * PageTableEntry.index(virt, level);
            long e = nextTable(slot, create);
            if (e == 0) {
                return -1;
            }
            if ((e & PageTableEntry.PAGE_SIZE) != 0) {
                if (create) {
                    throw new IllegalStateException("0x" + Long.toHexString(virt) + " lies inside a large page");
                }
                return slot;
            }
            table = PageTableEntry.address(e);
        }
        return table + 8L * PageTableEntry.index(virt, PageTableEntry.PT);
    }

    /** The present entry at {@code slot}, creating a table there if missing and {@code create}; else 0. */
    private long nextTable(long slot, boolean create) {
        long e = mem.read64(slot);
        if (!PageTableEntry.isPresent(e)) {
            if (!create) {
                return 0;
            }
            e = PageTableEntry.of(newTable(), TABLE_FLAGS);
            mem.write64(slot, e);
        }
        return e;
    }

    private long newTable() {
        long f = frames.getAsLong();
        if ((f & ~PageTableEntry.ADDRESS_MASK) != 0) {
            throw new IllegalStateException("frame allocator returned 0x" + Long.toHexString(f)
                    + ", not a 4 KiB frame below 2^52");
        }
        mem.map(f, Page.SIZE);
        mem.write(f, new byte[Page.SIZE], 0, Page.SIZE);
        return f;
    }

    private static void checkVirt(long virt) {
        if ((virt & Page.MASK) != 0 || virt < 0 || virt >= LOWER_HALF_END) {
            throw new IllegalArgumentException("virt=0x" + Long.toHexString(virt)
                    + " is not a page in the lower canonical half");
        }
    }
}
