package kprobesim.kernel.vfs;

import java.util.Objects;

/**
 * {@code struct file}: one open file. Holds the path it was opened by, the open flags, the
 * access mode ({@code f_mode}), the position ({@code f_pos}) and the backend's operations
 * ({@code f_op}).
 *
 * <p>Lifecycle: OPEN -&gt; CLOSED on {@link Vfs#filpClose}; the {@code vfs_*} calls on a closed
 * file return -EBADF.
 *
 * <p>Thread-safe: every operation through {@link #fOp()} should run while holding this object's
 * monitor ({@link Vfs} does; {@link #read}/{@link #write}/{@link #llseek} below do, for callers
 * that use {@code f_op} directly as seed 004 does), which serialises {@code f_pos} like Linux's
 * {@code f_pos_lock}.
 */
public final class VfsFile {
    private final String path;
    /** The flags given to open, e.g. O_RDWR|O_CREAT. */
    private final int flags;
    /** FMODE_READ and/or FMODE_WRITE. */
    private final int fmode;
    private final FileOperations fOp;
    /** {@code f_pos}; guarded by this object's monitor. */
    private final FilePos fPos = new FilePos();
    /** Set by filp_close; guarded by this object's monitor. */
    private boolean closed;

    public VfsFile(String path, int flags, FileOperations fOp) {
        this.path = Objects.requireNonNull(path, "path");
        this.flags = flags;
        this.fmode = OpenFlags.fmode(flags);
        if (fmode < 0) {
            throw new IllegalArgumentException("invalid access mode in flags=0" + Integer.toOctalString(flags));
        }
        this.fOp = Objects.requireNonNull(fOp, "fOp");
    }

    public String path() {
        return path;
    }

    public int flags() {
        return flags;
    }

    public int fmode() {
        return fmode;
    }

    public boolean canRead() {
        return (fmode & OpenFlags.FMODE_READ) != 0;
    }

    public boolean canWrite() {
        return (fmode & OpenFlags.FMODE_WRITE) != 0;
    }

    /** {@code filp->f_op}. */
    public FileOperations fOp() {
        return fOp;
    }

    /** {@code &filp->f_pos}. */
    public FilePos fPos() {
        return fPos;
    }

    public synchronized long position() {
        return fPos.get();
    }

    synchronized boolean markClosed() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** {@code filp->f_op->read(filp, buf, count, &filp->f_pos)}, under the file's monitor. */
    public synchronized long read(CurrentTask current, long buf, long count) {
        return fOp.read(current, this, buf, count, fPos);
    }

    /** {@code filp->f_op->write(filp, buf, count, &filp->f_pos)}, under the file's monitor. */
    public synchronized long write(CurrentTask current, long buf, long count) {
        return fOp.write(current, this, buf, count, fPos);
    }

    /** {@code filp->f_op->llseek(filp, offset, whence)}, under the file's monitor. */
    public synchronized long llseek(long offset, int whence) {
        return fOp.llseek(this, offset, whence);
    }

    @Override
    public String toString() {
        return "file{" + path + ", " + OpenFlags.describe(flags) + "}";
    }
}
