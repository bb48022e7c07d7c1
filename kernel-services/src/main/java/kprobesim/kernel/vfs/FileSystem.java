package kprobesim.kernel.vfs;

import kprobesim.kernel.errno.ErrOr;

/**
 * A backend that {@link Vfs#filpOpen} opens files on. Paths are absolute or relative to the
 * backend's root; the {@link Vfs} has already checked flags and path length.
 */
public interface FileSystem {
    /** Opens (and with O_CREAT creates) {@code path}; errors as negative errnos in the result. */
    ErrOr<VfsFile> open(String path, int flags, int mode);

    /** For messages, e.g. "memory" or "host:/srv/sandbox". */
    String describe();
}
