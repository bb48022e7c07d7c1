package kprobesim.kernel.vfs;

import java.util.Objects;
import kprobesim.kernel.errno.ErrOr;
import kprobesim.kernel.errno.Errno;

/**
 * Kernel-side file I/O, as a module uses it (seed 004): {@code filp_open}, {@code vfs_read},
 * {@code vfs_write}, {@code vfs_llseek}, {@code filp_close}, and the modern
 * {@code kernel_read}/{@code kernel_write} that wrap the {@code set_fs(KERNEL_DS)} dance.
 *
 * <p>Checks in Linux's order: {@code vfs_read} refuses a file not opened for reading
 * (-EBADF), then a buffer failing {@code access_ok(buf, count)} against the current task's
 * {@code addr_limit} (-EFAULT), then a negative position (-EINVAL); counts are capped at
 * {@code MAX_RW_COUNT}. The f_op then copies through {@link CurrentTask}, which checks again.
 *
 * <p>Thread-safe: per-file operations hold the file's monitor (Linux's {@code f_pos_lock}).
 */
public final class Vfs {
    /** Longest path including its terminating NUL. */
    public static final int PATH_MAX = 4096;
    /** Largest single read/write: {@code INT_MAX & PAGE_MASK}. */
    public static final long MAX_RW_COUNT = 0x7ffff000L;

    private final FileSystem fs;

    public Vfs(FileSystem fs) {
        this.fs = Objects.requireNonNull(fs, "fs");
    }

    public FileSystem fileSystem() {
        return fs;
    }

    /** A size_t count as Java sees it (negative = huge), capped at MAX_RW_COUNT. */
    static long clampCount(long count) {
        return count < 0 || count > MAX_RW_COUNT ? MAX_RW_COUNT : count;
    }

    /**
     * {@code filp_open(path, flags, mode)}: the open file, or -ENOENT (empty path or missing
     * file without O_CREAT), -ENAMETOOLONG, -EINVAL (access mode 3), -EEXIST (O_CREAT|O_EXCL),
     * -EISDIR, -EACCES (a sandbox escape) ...
     */
    public ErrOr<VfsFile> filpOpen(String path, int flags, int mode) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty()) {
            return ErrOr.err(Errno.ENOENT);
        }
        if (path.length() >= PATH_MAX) {
            return ErrOr.err(Errno.ENAMETOOLONG);
        }
        if (OpenFlags.fmode(flags) < 0) {
            return ErrOr.err(Errno.EINVAL);
        }
        return fs.open(path, flags, mode);
    }

    /** {@code vfs_read(file, buf, count, pos)}. @return bytes read (0 at end of file) or a negative errno */
    public long vfsRead(CurrentTask current, VfsFile file, long buf, long count, FilePos pos) {
        synchronized (file) {
            if (file.isClosed() || !file.canRead()) {
                return Errno.EBADF.neg();
            }
            if (!current.threadInfo().accessOk(buf, count)) {
                return Errno.EFAULT.neg();
            }
            if (pos.get() < 0) {
                return Errno.EINVAL.neg();
            }
            return file.fOp().read(current, file, buf, clampCount(count), pos);
        }
    }

    /** {@code vfs_write(file, buf, count, pos)}. @return bytes written or a negative errno */
    public long vfsWrite(CurrentTask current, VfsFile file, long buf, long count, FilePos pos) {
        synchronized (file) {
            if (file.isClosed() || !file.canWrite()) {
                return Errno.EBADF.neg();
            }
            if (!current.threadInfo().accessOk(buf, count)) {
                return Errno.EFAULT.neg();
            }
            if (pos.get() < 0) {
                return Errno.EINVAL.neg();
            }
            return file.fOp().write(current, file, buf, clampCount(count), pos);
        }
    }

    /** {@code vfs_llseek(file, offset, whence)}. @return the new position or a negative errno */
    public long vfsLlseek(VfsFile file, long offset, int whence) {
        synchronized (file) {
            if (file.isClosed()) {
                return Errno.EBADF.neg();
            }
            return file.fOp().llseek(file, offset, whence);
        }
    }

    /** {@code filp_close(file, NULL)}. @return 0, -EBADF if already closed, or the backend's error */
    public int filpClose(VfsFile file) {
        synchronized (file) {
            if (!file.markClosed()) {
                return Errno.EBADF.neg();
            }
            return file.fOp().release(file);
        }
    }

    /**
     * {@code kernel_read(file, buf, count, pos)} (4.14+): {@code vfs_read} of a kernel buffer,
     * with {@code addr_limit} raised to KERNEL_DS for the call and restored after.
     */
    public long kernelRead(CurrentTask current, VfsFile file, long buf, long count, FilePos pos) {
        MmSegment old = current.threadInfo().getFs();
        current.threadInfo().setFs(MmSegment.KERNEL_DS);
        try {
            return vfsRead(current, file, buf, count, pos);
        } finally {
            current.threadInfo().setFs(old);
        }
    }

    /** {@code kernel_write(file, buf, count, pos)}: see {@link #kernelRead}. */
    public long kernelWrite(CurrentTask current, VfsFile file, long buf, long count, FilePos pos) {
        MmSegment old = current.threadInfo().getFs();
        current.threadInfo().setFs(MmSegment.KERNEL_DS);
        try {
            return vfsWrite(current, file, buf, count, pos);
        } finally {
            current.threadInfo().setFs(old);
        }
    }
}
