package kprobesim.kernel.vfs;

/**
 * {@code struct file_operations}, the {@code f_op} table a backend installs in each
 * {@link VfsFile}. Return values follow Linux: bytes transferred (&gt;= 0) or a negative errno.
 * Buffers are simulated-memory addresses; implementations copy with
 * {@link CurrentTask#copyToUser}/{@link CurrentTask#copyFromUser}, which enforce
 * {@code addr_limit} even when a caller invokes {@code f_op} directly, as seed 004 does.
 * Callers hold the file's monitor ({@link VfsFile} does this for them).
 */
public interface FileOperations {
    /** {@code read(filp, buf, count, ppos)}: reads at {@code *ppos} and advances it. */
    long read(CurrentTask current, VfsFile file, long buf, long count, FilePos ppos);

    /** {@code write(filp, buf, count, ppos)}: writes at {@code *ppos} (end of file with O_APPEND) and advances it. */
    long write(CurrentTask current, VfsFile file, long buf, long count, FilePos ppos);

    /** {@code llseek(filp, offset, whence)}: moves {@code f_pos}. @return the new position or a negative errno */
    long llseek(VfsFile file, long offset, int whence);

    /** {@code release}: the last close. @return 0 or a negative errno */
    default int release(VfsFile file) {
        return 0;
    }
}
