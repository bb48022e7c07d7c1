package kprobesim.kernel.vfs;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kprobesim.kernel.errno.ErrOr;
import kprobesim.kernel.errno.Errno;

/**
 * Files that live in Java memory: a tree of directories and regular files, "/" always present.
 * ".." at the root stays at the root, as on Linux. No symlinks, no permissions (the mode of a
 * new file is recorded only).
 *
 * <p>Thread-safe: the namespace (which paths exist) is guarded by this object's monitor; each
 * file's bytes by the file node's monitor.
 */
public final class MemoryFileSystem implements FileSystem {

    /** A regular file's bytes. Fields guarded by this node's monitor. */
    static final class Regular {
        private byte[] data = new byte[0];
        private int size;
        final int mode;

        Regular(int mode) {
            this.mode = mode;
        }

        synchronized int size() {
            return size;
        }

        synchronized void truncate() {
            data = new byte[0];
            size = 0;
        }

        synchronized byte[] contents() {
            return Arrays.copyOf(data, size);
        }
    }

    /** Path ("/a/b") -&gt; node: a {@link Regular} or {@link #DIRECTORY}. Guarded by {@code this}. */
    private final Map<String, Object> nodes = new HashMap<>();
    private static final Object DIRECTORY = new Object();

    public MemoryFileSystem() {
        nodes.put("/", DIRECTORY);
    }

    private static String join(List<String> components) {
        return "/" + String.join("/", components);
    }

    private static String parentOf(List<String> components) {
        return join(components.subList(0, components.size() - 1));
    }

    /** {@code mkdir -p}-free mkdir: the parent must exist. @return 0, -EEXIST, -ENOENT or -ENOTDIR */
    public synchronized int mkdir(String path) {
        ErrOr<List<String>> c = PathWalk.components(path, PathWalk.DotDotAtRoot.STAY);
        if (c.isErr()) {
            return c.ptrErr();
        }
        List<String> parts = c.value();
        if (parts.isEmpty() || nodes.containsKey(join(parts))) {
            return Errno.EEXIST.neg();
        }
        Object parent = nodes.get(parentOf(parts));
        if (parent == null) {
            return Errno.ENOENT.neg();
        }
        if (parent != DIRECTORY) {
            return Errno.ENOTDIR.neg();
        }
        nodes.put(join(parts), DIRECTORY);
        return 0;
    }

    /** A copy of a regular file's bytes, for tests and the CLI. */
    public synchronized Optional<byte[]> contents(String path) {
        ErrOr<List<String>> c = PathWalk.components(path, PathWalk.DotDotAtRoot.STAY);
        if (c.isErr()) {
            return Optional.empty();
        }
        Object n = nodes.get(join(c.value()));
        return n instanceof Regular r ? Optional.of(r.contents()) : Optional.empty();
    }

    @Override
    public ErrOr<VfsFile> open(String path, int flags, int mode) {
        ErrOr<List<String>> c = PathWalk.components(path, PathWalk.DotDotAtRoot.STAY);
        if (c.isErr()) {
            return ErrOr.err(c.errno());
        }
        List<String> parts = c.value();
        String key = join(parts);
        Object node;
        synchronized (this) {
            node = nodes.get(key);
            if (node != null && (flags & OpenFlags.O_CREAT) != 0 && (flags & OpenFlags.O_EXCL) != 0) {
                return ErrOr.err(Errno.EEXIST);
            }
            if (node == null) {
                if ((flags & OpenFlags.O_CREAT) == 0 || parts.isEmpty()) {
                    return ErrOr.err(Errno.ENOENT);
                }
                Object parent = nodes.get(parentOf(parts));
                if (parent == null) {
                    return ErrOr.err(Errno.ENOENT);
                }
                if (parent != DIRECTORY) {
                    return ErrOr.err(Errno.ENOTDIR);
                }
                node = new Regular(mode);
                nodes.put(key, node);
            }
        }
        if (node == DIRECTORY) {
            if ((flags & OpenFlags.O_ACCMODE) != OpenFlags.O_RDONLY || (flags & OpenFlags.O_CREAT) != 0) {
                return ErrOr.err(Errno.EISDIR);
            }
            return ErrOr.ok(new VfsFile(key, flags, DirectoryOps.INSTANCE));
        }
        if ((flags & OpenFlags.O_DIRECTORY) != 0) {
            return ErrOr.err(Errno.ENOTDIR);
        }
        Regular r = (Regular) node;
        if ((flags & OpenFlags.O_TRUNC) != 0 && (flags & OpenFlags.O_ACCMODE) != OpenFlags.O_RDONLY) {
            r.truncate();
        }
        return ErrOr.ok(new VfsFile(key, flags, new RegularOps(r)));
    }

    @Override
    public String describe() {
        return "memory";
    }

    /** f_op of a directory: reading or writing it is -EISDIR. */
    private enum DirectoryOps implements FileOperations {
        INSTANCE;

        @Override
        public long read(CurrentTask current, VfsFile file, long buf, long count, FilePos ppos) {
            return Errno.EISDIR.neg();
        }

        @Override
        public long write(CurrentTask current, VfsFile file, long buf, long count, FilePos ppos) {
            return Errno.EISDIR.neg();
        }

        @Override
        public long llseek(VfsFile file, long offset, int whence) {
            long p = Seek.newPosition(file.fPos().get(), 0, offset, whence);
            if (p >= 0) {
                file.fPos().set(p);
            }
            return p;
        }
    }

    /** f_op of a regular in-memory file. */
    private record RegularOps(Regular node) implements FileOperations {

        @Override
        public long read(CurrentTask current, VfsFile file, long buf, long count, FilePos ppos) {
            long pos = ppos.get();
            if (pos < 0) {
                return Errno.EINVAL.neg();
            }
            byte[] chunk;
            synchronized (node) {
                if (pos >= node.size) {
                    return 0;
                }
                int n = (int) Math.min(Vfs.clampCount(count), node.size - pos);
                chunk = Arrays.copyOfRange(node.data, (int) pos, (int) pos + n);
            }
            int err = current.copyToUser(buf, chunk, 0, chunk.length);
            if (err < 0) {
                return err;
            }
            ppos.set(pos + chunk.length);
            return chunk.length;
        }

        @Override
        public long write(CurrentTask current, VfsFile file, long buf, long count, FilePos ppos) {
            int n = (int) Vfs.clampCount(count);
            byte[] chunk = new byte[n];
            int err = current.copyFromUser(chunk, 0, buf, n);
            if (err < 0) {
                return err;
            }
            synchronized (node) {
                long pos = (file.flags() & OpenFlags.O_APPEND) != 0 ? node.size : ppos.get();
                if (pos < 0) {
                    return Errno.EINVAL.neg();
                }
                long end = pos + n;
                if (end > Integer.MAX_VALUE - 8) {
                    return Errno.EFBIG.neg();
                }
                if (end > node.data.length) {
                    node.data = Arrays.copyOf(node.data, (int) Math.max(end, Math.min(Integer.MAX_VALUE - 8L, 2L * node.data.length)));
                }
                System.arraycopy(chunk, 0, node.data, (int) pos, n);
                node.size = (int) Math.max(node.size, end);
                ppos.set(end);
            }
            return n;
        }

        @Override
        public long llseek(VfsFile file, long offset, int whence) {
            long p = Seek.newPosition(file.fPos().get(), node.size(), offset, whence);
            if (p >= 0) {
                file.fPos().set(p);
            }
            return p;
        }
    }
}
