package kprobesim.kernel.task;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import kprobesim.cpu.memory.Page;
import kprobesim.cpu.memory.PhysicalMemory;

/**
 * The kernel's own memory managers, each over a fixed window of simulated memory:
 * <ul>
 *   <li>kernel stacks ({@link #STACK_SIZE} bytes each, {@code vmalloc}-style with an unmapped
 *       guard gap between them, from {@link #STACK_BASE}), so an overflow faults;</li>
 *   <li>physical frames for user pages and page tables (below 2^52, as PTEs need), from
 *       {@link #FRAME_BASE}; lower-half physical addresses, reached by Java directly.</li>
 * </ul>
 * Freed stacks and frames are unmapped, so a use after free faults. Live counts let tests
 * assert nothing leaked. Thread-safe (synchronized).
 */
public final class KernelMemory {
    public static final long STACK_BASE = 0xffffc90000000000L;
    public static final int STACK_SIZE = 0x4000;
    /** Stack slots are this far apart: the stack, then an unmapped guard gap. */
    public static final long STACK_STRIDE = 0x8000;
    public static final long FRAME_BASE = 0x1_0000_0000L;
    public static final long FRAME_LIMIT = 0x40_0000_0000L;

    private final PhysicalMemory mem;
    private final ArrayDeque<Long> freeStacks = new ArrayDeque<>();
    private long nextStack;
    private int liveStacks;
    private final ArrayDeque<Long> freeFrames = new ArrayDeque<>();
    private long nextFrame = FRAME_BASE;
    private final Set<Long> liveFrames = new HashSet<>();

    public KernelMemory(PhysicalMemory mem) {
        this.mem = mem;
    }

    /** A mapped, zeroed kernel stack. */
    public synchronized KernelStack allocateStack() {
        long base = freeStacks.isEmpty() ? STACK_BASE + STACK_STRIDE * nextStack++ : freeStacks.pollFirst();
        mem.map(base, STACK_SIZE);
        liveStacks++;
        return new KernelStack(base, base + STACK_SIZE);
    }

    public synchronized void freeStack(KernelStack s) {
        for (long a = s.base(); a < s.top(); a += Page.SIZE) {
            mem.unmap(a);
        }
        freeStacks.addLast(s.base());
        liveStacks--;
    }

    /** A mapped, zeroed 4 KiB frame; its address is both physical and what Java reads it at. */
    public synchronized long allocateFrame() {
        long f;
        if (!freeFrames.isEmpty()) {
            f = freeFrames.pollFirst();
        } else {
            if (nextFrame >= FRAME_LIMIT) {
                throw new IllegalStateException("out of frames");
            }
            f = nextFrame;
            nextFrame += Page.SIZE;
        }
        if (!mem.isMapped(f)) {
            mem.map(f, Page.SIZE);
        }
        liveFrames.add(f);
        return f;
    }

    public synchronized void freeFrame(long f) {
        if (!liveFrames.remove(f)) {
            throw new IllegalArgumentException("free of a frame not allocated: 0x" + Long.toHexString(f));
        }
        mem.unmap(f);
        freeFrames.addLast(f);
    }

    public synchronized int liveStacks() {
        return liveStacks;
    }

    public synchronized int liveFrames() {
        return liveFrames.size();
    }
}
