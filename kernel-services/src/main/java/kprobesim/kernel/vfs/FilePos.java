package kprobesim.kernel.vfs;

/**
 * A {@code loff_t *}: the position a read or write starts at and advances. {@link VfsFile#fPos()}
 * is the file's own position ({@code &filp->f_pos}); callers may also pass a private one, as
 * {@code pread} does. Guarded by the file's monitor while an operation runs.
 */
public final class FilePos {
    private long value;

    public FilePos() {}

    public FilePos(long value) {
        this.value = value;
    }

    public long get() {
        return value;
    }

    public void set(long value) {
        this.value = value;
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
