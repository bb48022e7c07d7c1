package kprobesim.cpu.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * One 4 KiB page of simulated physical memory, little-endian.
 *
 * <p>Accesses follow the x86-TSO-like rule of {@link PhysicalMemory}: loads are acquire loads and
 * stores are release stores. Naturally aligned accesses use {@link VarHandle} acquire/release
 * modes on a byte-array view; unaligned ones (still inside this page) use plain view accesses
 * bracketed by {@link VarHandle#acquireFence()} / {@link VarHandle#releaseFence()}. Accesses that
 * cross the page end are split by the caller.
 *
 * <p>Write tracking: once a core has decoded instructions from this page it calls
 * {@link #watchCode()}; from then on every store through this class bumps {@link #generation()}.
 * A core compares the generation it decoded at with the current one before it trusts its decoded
 * instructions (one volatile read on the fetch path, none on pages that never held code).
 *
 * <pre>
 *   offset 0                                                      4095
 *          +--------------------------------------------------------+
 *   data   | byte 0 (lowest address) ...               byte 4095     |
 *          +--------------------------------------------------------+
 *   code   false until a core decodes from the page, then true forever
 *   gen    bumped (atomically) on every store while code is true
 * </pre>
 */
public final class Page {
    /** Page size in bytes. */
    public static final int SIZE = 4096;
    /** Mask of the offset bits of an address. */
    public static final int MASK = SIZE - 1;
    /** Number of offset bits. */
    public static final int SHIFT = 12;

    private static final VarHandle BYTE = MethodHandles.arrayElementVarHandle(byte[].class);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle GEN;

    static {
        try {
            GEN = MethodHandles.lookup().findVarHandle(Page.class, "gen", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Address of byte 0 of this page (a multiple of {@link #SIZE}). */
    public final long base;
    /**
     * The bytes. Exposed read-only for the instruction decoder (which reads racy bytes and relies
     * on the generation check); everyone else goes through the accessors.
     */
    final byte[] data = new byte[SIZE];
    /** True once a core decoded instructions from this page; never reset. */
    private volatile boolean code;
    /** Write generation of a code page; only changed through {@link #GEN}. */
    private volatile int gen;

    Page(long base) {
        if ((base & MASK) != 0) {
            throw new IllegalArgumentException("unaligned page base=0x" + Long.toHexString(base));
        }
        this.base = base;
    }

    /** The page's bytes for the instruction decoder: read only, reads may race with writers. */
    public byte[] codeBytes() {
        return data;
    }

    /** Marks the page as holding decoded code so that later stores bump the generation. */
    public void watchCode() {
        if (!code) {
            code = true;
            VarHandle.fullFence();
        }
    }

    public boolean isCode() {
        return code;
    }

    /** Current write generation (meaningful once {@link #watchCode()} was called). */
    public int generation() {
        return gen;
    }

    private void written() {
        if (code) {
            GEN.getAndAdd(this, 1);
        }
    }

    // ---- loads (acquire)

    public int get8(int off) {
        return (byte) BYTE.getAcquire(data, off) & 0xff;
    }

    public int get16(int off) {
        if ((off & 1) == 0) {
            return (short) SHORT.getAcquire(data, off) & 0xffff;
        }
        int v = (short) SHORT.get(data, off) & 0xffff;
        VarHandle.acquireFence();
        return v;
    }

    public long get32(int off) {
        if ((off & 3) == 0) {
            return (int) INT.getAcquire(data, off) & 0xffffffffL;
        }
        long v = (int) INT.get(data, off) & 0xffffffffL;
        VarHandle.acquireFence();
        return v;
    }

    public long get64(int off) {
        if ((off & 7) == 0) {
            return (long) LONG.getAcquire(data, off);
        }
        long v = (long) LONG.get(data, off);
        VarHandle.acquireFence();
        return v;
    }

    /** Loads {@code size} (1, 2, 4, 8) bytes at {@code off}, zero-extended; must not cross the page end. */
    public long get(int off, int size) {
        switch (size) {
            case 1: return get8(off);
            case 2: return get16(off);
            case 4: return get32(off);
            default: return get64(off);
        }
    }

    // ---- stores (release)

    public void put8(int off, long v) {
        BYTE.setRelease(data, off, (byte) v);
        written();
    }

    public void put16(int off, long v) {
        if ((off & 1) == 0) {
            SHORT.setRelease(data, off, (short) v);
        } else {
            VarHandle.releaseFence();
            SHORT.set(data, off, (short) v);
        }
        written();
    }

    public void put32(int off, long v) {
        if ((off & 3) == 0) {
            INT.setRelease(data, off, (int) v);
        } else {
            VarHandle.releaseFence();
            INT.set(data, off, (int) v);
        }
        written();
    }

    public void put64(int off, long v) {
        if ((off & 7) == 0) {
            LONG.setRelease(data, off, v);
        } else {
            VarHandle.releaseFence();
            LONG.set(data, off, v);
        }
        written();
    }

    /** Stores the low {@code size} (1, 2, 4, 8) bytes of {@code v} at {@code off}; must not cross the page end. */
    public void put(int off, int size, long v) {
        switch (size) {
            case 1: put8(off, v); break;
            case 2: put16(off, v); break;
            case 4: put32(off, v); break;
            default: put64(off, v); break;
        }
    }

    /** Copies bytes in (a bulk store; release semantics for the whole copy). */
    public void putBytes(int off, byte[] src, int srcOff, int len) {
        VarHandle.releaseFence();
        System.arraycopy(src, srcOff, data, off, len);
        VarHandle.releaseFence();
        written();
    }

    /** Copies bytes out (a bulk load; acquire semantics for the whole copy). */
    public void getBytes(int off, byte[] dst, int dstOff, int len) {
        VarHandle.acquireFence();
        System.arraycopy(data, off, dst, dstOff, len);
        VarHandle.acquireFence();
    }

    // ---- atomics

    /**
     * Atomically replaces the {@code size} bytes at {@code off} with {@code update} if they equal
     * {@code expect} (both zero-extended to 64 bits). Requires the bytes to lie inside one naturally
     * aligned 8-byte word; the CAS is done on that whole word, so concurrent plain stores to other
     * bytes of the word only cause a retry, never a lost update.
     *
     * @return true if the swap happened
     */
    public boolean casInWord(int off, int size, long expect, long update) {
        int wordOff = off & ~7;
        int shift = (off & 7) * 8;
        long mask = size == 8 ? -1L : ((1L << (size * 8)) - 1) << shift;
        long exp = (expect << shift) & mask;
        long upd = (update << shift) & mask;
        while (true) {
            long w = (long) LONG.getVolatile(data, wordOff);
            if ((w & mask) != exp) {
                return false;
            }
            if (LONG.compareAndSet(data, wordOff, w, (w & ~mask) | upd)) {
                written();
                return true;
            }
        }
    }

    /** True if {@code size} bytes at {@code off} lie in one naturally aligned 8-byte word. */
    public static boolean inOneWord(int off, int size) {
        return (off & 7) + size <= 8;
    }
}
