package kprobesim.cpu.memory;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The one physical memory shared by all simulated CPUs: sparse 4 KiB {@link Page}s over the full
 * 64-bit address space, mapped explicitly with {@link #map}. Little-endian.
 *
 * <p>Thread-safe. Loads are acquire loads and stores are release stores (see {@link Page});
 * {@link #compareAndSet} is the primitive behind {@code lock}-prefixed instructions and is atomic
 * also when the operand is unaligned or crosses a page (see the package documentation for the
 * assumptions that make split atomics safe).
 *
 * <p>Pages are never unmapped, so a core may cache {@link Page} references (its TLB) forever.
 * Addresses here are physical; a core translates linear addresses through the page tables at
 * CR3 first (identity when CR3 = 0).
 */
public final class PhysicalMemory {
    /** Number of stripes for split (unaligned, word- or page-crossing) locked operations. */
    private static final int STRIPES = 64;

    private final ConcurrentHashMap<Long, Page> pages = new ConcurrentHashMap<>();
    private final Object[] splitLocks = new Object[STRIPES];

    public PhysicalMemory() {
        for (int i = 0; i < STRIPES; i++) {
            splitLocks[i] = new Object();
        }
    }

    /** Maps (zero-filled) every page overlapping {@code [addr, addr+len)}; already mapped pages keep their contents. */
    public void map(long addr, long len) {
        if (len < 0) {
            throw new IllegalArgumentException("len=" + len);
        }
        if (len == 0) {
            return;
        }
        long first = addr >>> Page.SHIFT;
        long last = (addr + len - 1) >>> Page.SHIFT;
        if (Long.compareUnsigned(addr + len - 1, addr) < 0) {
            throw new IllegalArgumentException("range wraps: addr=0x" + Long.toHexString(addr) + " len=" + len);
        }
        for (long pn = first; ; pn++) {
            final long base = pn << Page.SHIFT;
            pages.computeIfAbsent(pn, k -> new Page(base));
            if (pn == last) {
                break;
            }
        }
    }

    /** The page holding {@code addr}, or null if it is not mapped. */
    public Page page(long addr) {
        return pages.get(addr >>> Page.SHIFT);
    }

    public boolean isMapped(long addr) {
        return page(addr) != null;
    }

    /** Number of mapped pages. */
    public int mappedPages() {
        return pages.size();
    }

    private Page need(long addr, boolean write) {
        Page p = page(addr);
        if (p == null) {
            throw new MemoryFault(addr, write);
        }
        return p;
    }

    // ---- bulk

    /** Copies {@code len} bytes of {@code src} from {@code srcOff} to {@code addr}. @throws MemoryFault if unmapped */
    public void write(long addr, byte[] src, int srcOff, int len) {
        checkRange(addr, len, true);
        int done = 0;
        while (done < len) {
            long a = addr + done;
            Page p = need(a, true);
            int off = (int) a & Page.MASK;
            int n = Math.min(len - done, Page.SIZE - off);
            p.putBytes(off, src, srcOff + done, n);
            done += n;
        }
    }

    /** Loads a whole byte array at {@code addr}. @throws MemoryFault if unmapped */
    public void load(long addr, byte[] bytes) {
        write(addr, bytes, 0, bytes.length);
    }

    /** Copies {@code len} bytes at {@code addr} into {@code dst}. @throws MemoryFault if unmapped */
    public void read(long addr, byte[] dst, int dstOff, int len) {
        checkRange(addr, len, false);
        int done = 0;
        while (done < len) {
            long a = addr + done;
            Page p = need(a, false);
            int off = (int) a & Page.MASK;
            int n = Math.min(len - done, Page.SIZE - off);
            p.getBytes(off, dst, dstOff + done, n);
            done += n;
        }
    }

    /** Returns {@code len} bytes at {@code addr}. @throws MemoryFault if unmapped */
    public byte[] readBytes(long addr, int len) {
        byte[] b = new byte[len];
        read(addr, b, 0, len);
        return b;
    }

    /** Throws for the first unmapped byte of the range, before anything is copied. */
    private void checkRange(long addr, int len, boolean write) {
        for (long a = addr; len > 0 && Long.compareUnsigned(a - addr, len) < 0; a = (a | Page.MASK) + 1) {
            need(a, write);
            if ((a | Page.MASK) == -1L) {
                break;
            }
        }
    }

    // ---- scalar, little-endian

    /** Loads {@code size} (1, 2, 4 or 8) bytes, zero-extended. @throws MemoryFault if unmapped */
    public long read(long addr, int size) {
        int off = (int) addr & Page.MASK;
        if (off + size <= Page.SIZE) {
            return need(addr, false).get(off, size);
        }
        Page first = need(addr, false);
        Page last = need((addr + size - 1) & ~(long) Page.MASK, false);
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            long a = addr + i;
            Page p = ((a ^ addr) >>> Page.SHIFT) == 0 ? first : last;
            v = (v << 8) | p.get8((int) a & Page.MASK);
        }
        return v;
    }

    /** Stores the low {@code size} (1, 2, 4 or 8) bytes of {@code v}. @throws MemoryFault if unmapped */
    public void write(long addr, int size, long v) {
        int off = (int) addr & Page.MASK;
        if (off + size <= Page.SIZE) {
            need(addr, true).put(off, size, v);
            return;
        }
        need(addr, true);
        need((addr + size - 1) & ~(long) Page.MASK, true);
        for (int i = 0; i < size; i++) {
            need(addr + i, true).put8((int) (addr + i) & Page.MASK, v >>> (8 * i));
        }
    }

    public int read8(long addr) { return (int) read(addr, 1); }
    public int read16(long addr) { return (int) read(addr, 2); }
    public long read32(long addr) { return read(addr, 4); }
    public long read64(long addr) { return read(addr, 8); }
    public void write8(long addr, int v) { write(addr, 1, v); }
    public void write16(long addr, int v) { write(addr, 2, v); }
    public void write32(long addr, long v) { write(addr, 4, v); }
    public void write64(long addr, long v) { write(addr, 8, v); }

    // ---- atomics

    /**
     * The atomic primitive of {@code lock}-prefixed instructions: if the {@code size} bytes at
     * {@code addr} equal {@code expect} (zero-extended), replace them with {@code update}.
     * Operands inside one aligned 8-byte word use a hardware CAS on that word; others (split
     * operands) take a striped lock keyed by the address (see package documentation).
     *
     * @return true if the swap happened
     * @throws MemoryFault if any byte is unmapped (then nothing was written)
     */
    public boolean compareAndSet(long addr, int size, long expect, long update) {
        int off = (int) addr & Page.MASK;
        if (Page.inOneWord(off, size)) {
            return need(addr, true).casInWord(off, size, expect, update);
        }
        Page first = need(addr, true);
        Page last = need((addr + size - 1) & ~(long) Page.MASK, true);
        return splitCompareAndSet(first, last, addr, size, expect, update);
    }

    /** Split CAS for operands not inside one aligned word; the pages are already known to be mapped. */
    public boolean splitCompareAndSet(Page first, Page last, long addr, int size, long expect, long update) {
        long mask = size == 8 ? -1L : (1L << (size * 8)) - 1;
        synchronized (splitLocks[(int) ((addr >>> 3) & (STRIPES - 1))]) {
            long v = 0;
            for (int i = size - 1; i >= 0; i--) {
                long a = addr + i;
                Page p = (a >>> Page.SHIFT) == (addr >>> Page.SHIFT) ? first : last;
                v = (v << 8) | p.get8((int) a & Page.MASK);
            }
            if (v != (expect & mask)) {
                return false;
            }
            for (int i = 0; i < size; i++) {
                long a = addr + i;
                Page p = (a >>> Page.SHIFT) == (addr >>> Page.SHIFT) ? first : last;
                p.put8((int) a & Page.MASK, update >>> (8 * i));
            }
            return true;
        }
    }

    // ---- unmapping and enumeration (added for the CPU machine: page allocator, run digest)

    /**
     * Unmaps the page holding {@code addr} so that later accesses fault (#PF for a core,
     * {@link MemoryFault} for Java). Cores that cached the page in their TLB keep seeing it until
     * their TLB is flushed: free a page only after a TLB shootdown (or before telling any CPU).
     *
     * @return true if a page was mapped there
     */
    public boolean unmap(long addr) {
        return pages.remove(addr >>> Page.SHIFT) != null;
    }

    /** Base addresses of all mapped pages, in unsigned address order (a snapshot). */
    public long[] mappedPageAddresses() {
        long[] a = pages.keySet().stream().mapToLong(pn -> pn << Page.SHIFT).toArray();
        // unsigned order: flip the sign bit, sort signed, flip back
        for (int i = 0; i < a.length; i++) {
            a[i] ^= Long.MIN_VALUE;
        }
        java.util.Arrays.sort(a);
        for (int i = 0; i < a.length; i++) {
            a[i] ^= Long.MIN_VALUE;
        }
        return a;
    }
}
