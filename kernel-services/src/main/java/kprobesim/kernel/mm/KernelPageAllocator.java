package kprobesim.kernel.mm;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import kprobesim.cpu.memory.PhysicalMemory;
import kprobesim.kernel.errno.Errno;
import kprobesim.kernel.notifier.OomNotifier;

/**
 * The kernel's page-frame allocator ({@code alloc_pages}/{@code __free_pages}) over a pool of
 * simulated memory: 4 KiB frames and naturally aligned blocks of 2^order frames (kernel stacks
 * use order 2 = 16 KiB).
 *
 * <p>When the pool cannot satisfy a request the slow path does what Linux's
 * {@code out_of_memory} does: it runs the OOM notifier chain ({@code register_oom_notifier}
 * callbacks free cached pages, back into this allocator, and add the count to the
 * {@code FreedPages} they are given); if they freed anything it retries; if nothing was freed it
 * calls the {@link OomKiller} hook and retries if the kill freed pages; otherwise the request
 * fails with {@code -ENOMEM}. At most {@link #MAX_RETRIES} rounds, so a notifier that claims to
 * free pages it does not return cannot loop forever.
 *
 * <h2>Assumptions and Guarantees</h2>
 * Thread-safe: many CPUs allocate and free at once. The bitmap and the block table are accessed
 * only while holding this object's monitor, which is never held while the OOM chain or the killer
 * runs (they call {@link #freePages} themselves). Addresses are returned as {@code long}; an error
 * is a negative errno in {@code [-4095, -1]} ({@code IS_ERR}), never a valid frame address.
 * The whole pool is mapped in the given physical memory at construction; freed frames stay
 * mapped (it is RAM) and keep their contents.
 */
public final class KernelPageAllocator {
    public static final int PAGE_SIZE = 4096;
    public static final int MAX_ORDER = 10;
    /** Slow-path rounds (notifier or killer, then retry) before giving up. */
    public static final int MAX_RETRIES = 4;

    /** "No block" inside the allocator (kernel addresses are negative longs, so not -1 by sign). */
    private static final long NONE = Errno.ENOMEM.neg();

    private final long base;
    private final int pages;
    private final OomNotifier oom;
    private final OomKiller killer;
    /** Set bit = frame in use. Accessed only while holding this object's monitor. */
    private final BitSet used;
    /** First frame of each allocated block -&gt; its order. Accessed only while holding this monitor. */
    private final Map<Integer, Integer> blocks = new HashMap<>();
    private int free;
    private final AtomicLong oomNotifierCalls = new AtomicLong();
    private final AtomicLong oomKillerCalls = new AtomicLong();
    private final AtomicLong pagesFreedByNotifiers = new AtomicLong();

    /**
     * @param memory where the pool lives (mapped here); null for bookkeeping only
     * @param base   page-aligned address of the first frame
     * @param pages  pool size in frames
     */
    public KernelPageAllocator(PhysicalMemory memory, long base, int pages, OomNotifier oom, OomKiller killer) {
        if ((base & (PAGE_SIZE - 1)) != 0) {
            throw new IllegalArgumentException("pool base not page aligned: base=0x" + Long.toHexString(base));
        }
        if (pages <= 0) {
            throw new IllegalArgumentException("pool needs at least one page: pages=" + pages);
        }
        this.base = base;
        this.pages = pages;
        this.oom = Objects.requireNonNull(oom, "oom");
        this.killer = Objects.requireNonNull(killer, "killer");
        this.used = new BitSet(pages);
        this.free = pages;
        if (memory != null) {
            memory.map(base, (long) pages * PAGE_SIZE);
        }
    }

    /** {@code __get_free_page}: one frame, or {@code -ENOMEM}. */
    public long allocPage() {
        return allocPages(0);
    }

    /**
     * {@code __get_free_pages(order)}: 2^order contiguous frames aligned to their size, or
     * {@code -ENOMEM} after the OOM chain and the killer could not make room.
     */
    public long allocPages(int order) {
        if (order < 0 || order > MAX_ORDER) {
            throw new IllegalArgumentException("order out of range 0.." + MAX_ORDER + ": order=" + order);
        }
        long a = tryAlloc(order);
        for (int round = 0; a == NONE && round < MAX_RETRIES; round++) {
            oomNotifierCalls.incrementAndGet();
            long freed = oom.notifyOom();
            pagesFreedByNotifiers.addAndGet(freed);
            if (freed == 0) {
                oomKillerCalls.incrementAndGet();
                if (killer.outOfMemory(order) == 0) {
                    return Errno.ENOMEM.neg();
                }
            }
            a = tryAlloc(order);
        }
        return a == NONE ? Errno.ENOMEM.neg() : a;
    }

    /** The fast path only: no OOM handling. @return the address or {@code -ENOMEM} */
    public long tryAllocPages(int order) {
        long a = tryAlloc(order);
        return a == NONE ? Errno.ENOMEM.neg() : a;
    }

    /**
     * {@code free_pages(addr, order)}.
     *
     * @throws IllegalArgumentException if {@code addr} is not the start of an allocated block of
     *                                  that order (a double free or a bad pointer: a kernel bug)
     */
    public void freePages(long addr, int order) {
        long off = addr - base;
        if (off < 0 || off >= (long) pages * PAGE_SIZE || (off & (PAGE_SIZE - 1)) != 0) {
            throw new IllegalArgumentException("free_pages of an address outside the pool: 0x" + Long.toHexString(addr));
        }
        int first = (int) (off / PAGE_SIZE);
        synchronized (this) {
            Integer o = blocks.get(first);
            if (o == null || o != order) {
                throw new IllegalArgumentException("free_pages(0x" + Long.toHexString(addr) + ", " + order
                        + "): " + (o == null ? "not allocated (double free?)" : "allocated with order " + o));
            }
            blocks.remove(first);
            used.clear(first, first + (1 << order));
            free += 1 << order;
        }
    }

    public void freePage(long addr) {
        freePages(addr, 0);
    }

    public synchronized int freeCount() {
        return free;
    }

    public int totalPages() {
        return pages;
    }

    public long base() {
        return base;
    }

    /** Times the OOM chain was called. */
    public long oomNotifierCalls() {
        return oomNotifierCalls.get();
    }

    /** Times the OOM killer hook was called. */
    public long oomKillerCalls() {
        return oomKillerCalls.get();
    }

    /** Pages the OOM chain reported freed, in total. */
    public long pagesFreedByNotifiers() {
        return pagesFreedByNotifiers.get();
    }

    /** First fit over naturally aligned blocks; {@link #NONE} if none. */
    private synchronized long tryAlloc(int order) {
        int n = 1 << order;
        if (free < n) {
            return NONE;
        }
        for (int first = 0; first + n <= pages; first += n) {
            int busy = used.nextSetBit(first);
            if (busy < 0 || busy >= first + n) {
                used.set(first, first + n);
                blocks.put(first, order);
                free -= n;
                return base + (long) first * PAGE_SIZE;
            }
            first = (busy / n) * n; // skip to the block holding the busy frame; the loop adds n
        }
        return NONE;
    }
}
