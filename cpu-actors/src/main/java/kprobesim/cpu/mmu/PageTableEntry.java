package kprobesim.cpu.mmu;

/**
 * The 64-bit x86-64 paging-structure entry (PML4E, PDPTE, PDE, PTE) of 4-level paging with
 * 4 KiB, 2 MiB and 1 GiB pages (Intel SDM Vol. 3 §4.5, Tables 4-15 to 4-20). Static helpers
 * only; entries are plain {@code long}s stored little-endian in simulated physical memory.
 *
 * <pre>
 *   63 62        52 51                                      12 11   9 8 7 6 5 4 3 2 1 0
 *  +--+------------+------------------------------------------+-------+-+-+-+-+-+-+-+-+-+
 *  |XD|  ignored   | physical address of the next table/frame | ign.  |G|S|D|A|C|T|U|W|P|
 *  +--+------------+------------------------------------------+-------+-+-+-+-+-+-+-+-+-+
 *   XD  execute-disable (EFER.NXE is fixed at 1 here)     S  PS: leaf of a 2 MiB / 1 GiB page
 *   G   global (ignored: no global pages)                 D  dirty (leaf only)
 *   A   accessed                                          C  PCD, T  PWT (ignored: no caches)
 *   U   user/supervisor (1 = ring 3 may access)           W  read/write (1 = writable)
 *   P   present (0: every other bit is ignored)
 * </pre>
 *
 * MAXPHYADDR is 52, so bits 51:12 of a table entry or PTE are all address bits. PS (bit 7) makes
 * a PDE the leaf of a 2 MiB page (address bits 51:21; bits 20:13 reserved, bit 12 PAT) and a
 * PDPTE the leaf of a 1 GiB page (51:30; 29:13 reserved); PS in a PML4E is reserved. Bit 7 of a
 * PTE is PAT, ignored.
 *
 * <pre>
 *  2 MiB PDE   63 | 62..52 | 51 ......... 21 | 20 .. 13 | 12  | 11..8 | 7=1 | 6..0
 *              XD | ign.   | 2 MiB frame     | reserved | PAT | G ign | PS  | D A C T U W P
 *  1 GiB PDPTE 63 | 62..52 | 51 .. 30        | 29 ........... 13 | 12  | 11..8 | 7=1 | 6..0
 *              XD | ign.   | 1 GiB frame     | reserved           | PAT | G ign | PS  | D A C T U W P
 * </pre>
 */
public final class PageTableEntry {
    public static final long PRESENT = 1L;
    public static final long WRITABLE = 1L << 1;
    public static final long USER = 1L << 2;
    public static final long WRITE_THROUGH = 1L << 3;
    public static final long CACHE_DISABLE = 1L << 4;
    public static final long ACCESSED = 1L << 5;
    public static final long DIRTY = 1L << 6;
    public static final long PAGE_SIZE = 1L << 7;
    public static final long GLOBAL = 1L << 8;
    public static final long EXECUTE_DISABLE = 1L << 63;

    /** Bits 51:12: physical address of the next table or of the 4 KiB frame. */
    public static final long ADDRESS_MASK = 0x000f_ffff_ffff_f000L;
    /** Highest physical address bit + 1 (the value CPUID 0x80000008 would report). */
    public static final int MAXPHYADDR = 52;
    /** Sizes of the pages a PDE or PDPTE with PS maps. */
    public static final long SIZE_2M = 1L << 21, SIZE_1G = 1L << 30;
    /** Entries per table. */
    public static final int ENTRIES = 512;

    /** Paging levels, named as Linux names the tables they index. */
    public static final int PML4 = 4, PDPT = 3, PD = 2, PT = 1;

    private PageTableEntry() {}

    /** An entry pointing at {@code phys} (4 KiB aligned, below 2^52) with {@code flags}. */
    public static long of(long phys, long flags) {
        if ((phys & ~ADDRESS_MASK) != 0) {
            throw new IllegalArgumentException("phys=0x" + Long.toHexString(phys) + " is not a 4 KiB frame below 2^52");
        }
        if ((flags & ADDRESS_MASK) != 0) {
            throw new IllegalArgumentException("flags=0x" + Long.toHexString(flags) + " overlap the address bits");
        }
        return phys | flags;
    }

    public static boolean isPresent(long e) {
        return (e & PRESENT) != 0;
    }

    /** Physical address of the next table or frame. */
    public static long address(long e) {
        return e & ADDRESS_MASK;
    }

    /** Flag bits of {@code e} (everything but the address). */
    public static long flags(long e) {
        return e & ~ADDRESS_MASK;
    }

    /** Index (0..511) of {@code linear} in the table of {@code level} ({@link #PML4} .. {@link #PT}). */
    public static int index(long linear, int level) {
        return (int) (linear >>> (12 + 9 * (level - 1))) & (ENTRIES - 1);
    }

    /** True if bit 47 is copied into bits 63:48 (Intel SDM Vol. 1 §3.3.7.1). */
    public static boolean isCanonical(long linear) {
        return (linear << 16 >> 16) == linear;
    }

    /** objdump-like text for messages: {@code 0x1234000 P W U A D XD}. */
    public static String describe(long e) {
        StringBuilder s = new StringBuilder("0x").append(Long.toHexString(address(e)));
        long[] bits = {PRESENT, WRITABLE, USER, ACCESSED, DIRTY, PAGE_SIZE, EXECUTE_DISABLE};
        String[] names = {" P", " W", " U", " A", " D", " PS", " XD"};
        for (int i = 0; i < bits.length; i++) {
            if ((e & bits[i]) != 0) {
                s.append(names[i]);
            }
        }
        return s.toString();
    }
}
