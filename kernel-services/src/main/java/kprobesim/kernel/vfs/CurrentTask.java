package kprobesim.kernel.vfs;

import java.util.Objects;
import kprobesim.cpu.memory.MemoryFault;
import kprobesim.kernel.errno.Errno;

/**
 * Linux's implicit {@code current}, made explicit: the running task's {@link ThreadInfo} and
 * address space. File operations receive it to check and copy buffers, which are addresses in
 * simulated memory, never Java arrays.
 *
 * <p>The user-copy helpers follow Linux: {@code access_ok} against {@code addr_limit} first
 * (the check seed 004 trips over), then the copy; an unmapped buffer is -EFAULT as well.
 * Copies are all-or-nothing here (Linux may copy a prefix and return the rest).
 */
public record CurrentTask(ThreadInfo threadInfo, GuestMemory memory) {
    public CurrentTask {
        Objects.requireNonNull(threadInfo, "threadInfo");
        Objects.requireNonNull(memory, "memory");
    }

    /** {@code copy_to_user(to, from, n)}. @return 0, or -EFAULT */
    public int copyToUser(long to, byte[] from, int off, int n) {
        if (!threadInfo.accessOk(to, n)) {
            return Errno.EFAULT.neg();
        }
        try {
            memory.write(to, from, off, n);
            return 0;
        } catch (MemoryFault f) {
            return Errno.EFAULT.neg();
        }
    }

    /** {@code copy_from_user(to, from, n)}. @return 0, or -EFAULT */
    public int copyFromUser(byte[] to, int off, long from, int n) {
        if (!threadInfo.accessOk(from, n)) {
            return Errno.EFAULT.neg();
        }
        try {
            memory.read(from, to, off, n);
            return 0;
        } catch (MemoryFault f) {
            return Errno.EFAULT.neg();
        }
    }
}
