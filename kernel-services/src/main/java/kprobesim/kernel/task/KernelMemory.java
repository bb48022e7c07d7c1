package kprobesim.kernel.task;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import kprobesim.cpu.memory.Page;
import kprobesim.cpu.memory.PhysicalMemory;
import kprobesim.kernel.errno.Errno;
import kprobesim.kernel.mm.KernelPageAllocator;
import kprobesim.kernel.mm.OomKiller;
import kprobesim.kernel.notifier.OomNotifier;

/**
 * The kernel's memory for tasks, over the one page allocator ({@link KernelPageAllocator}, which
 * runs the OOM chain and the OOM killer when it runs dry):
 * <ul>
 *   <li>physical frames for user pages and page tables (below 2^52, as PTEs need): the
 *       allocator's pool starts at {@link #FRAME_BASE}; lower-half physical addresses, reached by
 *       Java directly;</li>
 *   <li>kernel stacks ({@link #STACK_SIZE} bytes each, {@code vmalloc}-style with an unmapped
 *       guard gap between them, from {@link #STACK_BASE}), so an overflow faults. The kernel half
 *       is identity-mapped in this simulator, so a stack's bytes live at its window address; its
 *       four backing frames are reserved in the page allocator (an order-2 block), so stacks
 *       count against memory as Linux's {@code THREAD_SIZE} pages do.</li>
 * </ul>
 * The allocator keeps the books only (it maps nothing); this class maps a frame when it hands it
 * out and unmaps it when it is freed, so a use after free faults and a reused frame is zeroed.
 *
 * <p>Thread-safe. This object's monitor guards the mappings and the live sets and is never held
 * while calling the allocator's slow path: the OOM killer takes the scheduler lock, and holders
 * of the scheduler lock free frames here.
 */
public final class KernelMemory {
    public static final long STACK_BASE = 0xffffc90000000000L;
    public static final int STACK_SIZE = 0x4000;
    /** Stack slots are this far apart: the stack, then an unmapped guard gap. */
    public static final long STACK_STRIDE = 0x8000;
    /** 2^STACK_ORDER frames back one stack. */
    public static final int STACK_ORDER = 2;
    public static final long FRAME_BASE = 0x1_0000_0000L;

    private final PhysicalMemory mem;
    private final KernelPageAllocator pages;
    private final ArrayDeque<Long> freeStacks = new ArrayDeque<>();
    /** Guarded by this. */
    private long nextStack;
    /** Stack window base -&gt; its backing block in the allocator. Guarded by this. */
    private final Map<Long, Long> stackBacking = new HashMap<>();
    /** Guarded by this. */
    private final Set<Long> liveFrames = new HashSet<>();

    /** @param pages the page allocator whose pool starts at {@link #FRAME_BASE}, bookkeeping only */
    public KernelMemory(PhysicalMemory mem, KernelPageAllocator pages) {
        if (pages.base() != FRAME_BASE) {
            throw new IllegalArgumentException("the frame pool must start at FRAME_BASE: base=0x" + Long.toHexString(pages.base()));
        }
        this.mem = mem;
        this.pages = pages;
    }

    /** A pool of {@code frames} frames with an empty OOM chain and no OOM killer (for tools and tests). */
    public static KernelMemory withoutOomHandling(PhysicalMemory mem, int frames) {
        return new KernelMemory(mem, new KernelPageAllocator(null, FRAME_BASE, frames, new OomNotifier(), OomKiller.NONE));
    }

    /** The page allocator behind every frame and stack. */
    public KernelPageAllocator pageAllocator() {
        return pages;
    }

    /** A mapped, zeroed kernel stack, or null when memory ran out (after the OOM chain and killer ran). */
    public KernelStack allocateStack() {
        long backing = pages.allocPages(STACK_ORDER);
        if (Errno.isError(backing)) {
            return null;
        }
        synchronized (this) {
            long base = freeStacks.isEmpty() ? STACK_BASE + STACK_STRIDE * nextStack++ : freeStacks.pollFirst();
            mem.map(base, STACK_SIZE);
            stackBacking.put(base, backing);
            return new KernelStack(base, base + STACK_SIZE);
        }
    }

    public void freeStack(KernelStack s) {
        long backing;
        synchronized (this) {
            Long b = stackBacking.remove(s.base());
            if (b == null) {
                throw new IllegalArgumentException("free of a stack not allocated: 0x" + Long.toHexString(s.base()));
            }
            backing = b;
            for (long a = s.base(); a < s.top(); a += Page.SIZE) {
                mem.unmap(a);
            }
            freeStacks.addLast(s.base());
        }
        pages.freePages(backing, STACK_ORDER);
    }

    /**
     * A mapped, zeroed 4 KiB frame (its address is both physical and what Java reads it at), or
     * {@code -ENOMEM} when memory ran out after the OOM chain and the OOM killer ran.
     */
    public long allocateFrame() {
        long f = pages.allocPage();
        if (Errno.isError(f)) {
            return f;
        }
        synchronized (this) {
            mem.map(f, Page.SIZE);
            liveFrames.add(f);
        }
        return f;
    }

    public void freeFrame(long f) {
        synchronized (this) {
            if (!liveFrames.remove(f)) {
                throw new IllegalArgumentException("free of a frame not allocated: 0x" + Long.toHexString(f));
            }
            mem.unmap(f);
        }
        pages.freePage(f);
    }

    public synchronized int liveStacks() {
        return stackBacking.size();
    }

    public synchronized int liveFrames() {
        return liveFrames.size();
    }
}
