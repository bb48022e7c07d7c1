package kprobesim.kernel.vfs;

/**
 * {@code mm_segment_t}: the highest address (exclusive) that user-copy functions accept for
 * the current task, its {@code addr_limit}.
 *
 * <pre>
 *   0                     USER_DS = TASK_SIZE_MAX = 0x7ffffffff000             2^64-1
 *   |---- user space -----|---------- hole ----------|--- kernel (0xffff8800...) ---|
 *   access_ok(addr, size): addr + size must not wrap and must be &lt;= addr_limit
 * </pre>
 *
 * {@code set_fs(KERNEL_DS)} lifts the limit to the whole address space so that kernel buffers
 * pass the check (seed 004's module does exactly this around {@code f_op->read/write}).
 */
public record MmSegment(long seg) {
    /** x86-64 {@code TASK_SIZE_MAX}: {@code (1 << 47) - PAGE_SIZE}. */
    public static final long TASK_SIZE_MAX = (1L << 47) - 4096;
    /** The limit for user tasks: user addresses only. */
    public static final MmSegment USER_DS = new MmSegment(TASK_SIZE_MAX);
    /** {@code MAKE_MM_SEG(-1UL)}: everything. */
    public static final MmSegment KERNEL_DS = new MmSegment(-1L);

    /** {@code get_ds()}. */
    public static MmSegment getDs() {
        return KERNEL_DS;
    }

    /** {@code access_ok}/{@code __range_not_ok}: the range [addr, addr+size) is below the limit and does not wrap. */
    public boolean rangeOk(long addr, long size) {
        long end = addr + size;
        if (Long.compareUnsigned(end, addr) < 0) {
            return false; // wrapped past 2^64 (also catches a "negative" size_t)
        }
        return Long.compareUnsigned(end, seg) <= 0;
    }

    @Override
    public String toString() {
        return this.equals(KERNEL_DS) ? "KERNEL_DS" : this.equals(USER_DS) ? "USER_DS" : "mm_segment(0x" + Long.toHexString(seg) + ")";
    }
}
