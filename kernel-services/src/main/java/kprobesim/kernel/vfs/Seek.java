package kprobesim.kernel.vfs;

import kprobesim.kernel.errno.Errno;

/**
 * {@code lseek} whence values and the shared seek arithmetic ({@code generic_file_llseek}).
 */
public final class Seek {
    public static final int SEEK_SET = 0;
    public static final int SEEK_CUR = 1;
    public static final int SEEK_END = 2;
    public static final int SEEK_DATA = 3;
    public static final int SEEK_HOLE = 4;

    private Seek() {}

    /**
     * The new position for {@code lseek(offset, whence)} on a file of {@code size} bytes at
     * {@code pos}, or a negative errno: -EINVAL for an unknown whence, a negative result or
     * overflow; -ENXIO for SEEK_DATA/SEEK_HOLE at or past the end. Files here have no holes.
     */
    public static long newPosition(long pos, long size, long offset, int whence) {
        long target;
        try {
            switch (whence) {
                case SEEK_SET -> target = offset;
                case SEEK_CUR -> target = Math.addExact(pos, offset);
                case SEEK_END -> target = Math.addExact(size, offset);
                case SEEK_DATA -> {
                    if (offset < 0 || offset >= size) {
                        return Errno.ENXIO.neg();
                    }
                    target = offset;
                }
                case SEEK_HOLE -> {
                    if (offset < 0 || offset >= size) {
                        return Errno.ENXIO.neg();
                    }
                    target = size;
                }
                default -> {
                    return Errno.EINVAL.neg();
                }
            }
        } catch (ArithmeticException overflow) {
            return Errno.EINVAL.neg();
        }
        return target < 0 ? Errno.EINVAL.neg() : target;
    }
}
