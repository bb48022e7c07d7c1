package kprobesim.kernel.vfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kprobesim.kernel.errno.ErrOr;
import kprobesim.kernel.errno.Errno;

/**
 * Files in a host directory (the sandbox root, from config) that no guest path can leave.
 *
 * <h2>Path rules</h2>
 * <ul>
 *   <li>Every path is inside the root: "/root/test.txt" and "root/test.txt" both name
 *       {@code ROOT/root/test.txt}.</li>
 *   <li>".." is applied lexically; a ".." that would climb above the root is refused with
 *       <b>-EACCES</b> (not clamped as a chroot would: a sandbox escape attempt should be visible).</li>
 *   <li>Symbolic links are followed only if their real target is inside the root; a link that
 *       leads outside (directly or through other links) is refused with <b>-EACCES</b>.
 *       O_CREAT never creates through a symbolic link (a dangling link is -EACCES), so a link
 *       cannot be used to create a file outside.</li>
 *   <li>A path inside the root that does not exist is -ENOENT, as usual; a host directory
 *       cannot be opened (-EISDIR).</li>
 * </ul>
 *
 * <p>Assumptions: nobody else changes the host directory while the simulator runs (a
 * concurrent host-side rename of a directory into a symlink could race with the check), and
 * the directory holds no hard links to files elsewhere (a hard link is indistinguishable from
 * a regular file; guests cannot create links, so only the host user can plant one).
 *
 * <p>Thread-safe: each open file has its own channel; positions are per {@link VfsFile}.
 */
public final class HostDirectoryFileSystem implements FileSystem {
    private final Path root;

    /** @param root an existing host directory; it is resolved to its real path once, here */
    public HostDirectoryFileSystem(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("sandbox root is not a directory: root=" + root);
        }
        this.root = root.toRealPath();
    }

    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return "host:" + root;
    }

    /** The real host path for a guest path, or -EACCES / -ENOENT / -EINVAL / -ENAMETOOLONG. */
    ErrOr<Path> resolve(String path, boolean create) {
        ErrOr<List<String>> c = PathWalk.components(path, PathWalk.DotDotAtRoot.REFUSE);
        if (c.isErr()) {
            return ErrOr.err(c.errno());
        }
        Path candidate = root;
        try {
            for (String part : c.value()) {
                candidate = candidate.resolve(part);
            }
        } catch (java.nio.file.InvalidPathException e) {
            return ErrOr.err(Errno.EINVAL);
        }
        try {
            if (Files.isSymbolicLink(candidate) && !Files.exists(candidate)) {
                return ErrOr.err(Errno.EACCES); // dangling link: never create through it
            }
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                Path real = candidate.toRealPath();
                return real.startsWith(root) ? ErrOr.ok(real) : ErrOr.err(Errno.EACCES);
            }
            Path parent = candidate.getParent();
            if (!create || parent == null || !Files.exists(parent)) {
                // a parent that is a link out of the root must not leak whether its target exists
                return parentEscapes(candidate) ? ErrOr.err(Errno.EACCES) : ErrOr.err(Errno.ENOENT);
            }
            Path realParent = parent.toRealPath();
            if (!realParent.startsWith(root)) {
                return ErrOr.err(Errno.EACCES);
            }
            if (!Files.isDirectory(realParent)) {
                return ErrOr.err(Errno.ENOTDIR);
            }
            return ErrOr.ok(realParent.resolve(candidate.getFileName()));
        } catch (NoSuchFileException e) {
            return ErrOr.err(Errno.ENOENT);
        } catch (IOException e) {
            return ErrOr.err(Errno.EIO);
        }
    }

    /** True if some existing ancestor of {@code p} really lies outside the root. */
    private boolean parentEscapes(Path p) throws IOException {
        for (Path a = p.getParent(); a != null && a.startsWith(root); a = a.getParent()) {
            if (Files.exists(a)) {
                return !a.toRealPath().startsWith(root);
            }
        }
        return false;
    }

    @Override
    public ErrOr<VfsFile> open(String path, int flags, int mode) {
        boolean create = (flags & OpenFlags.O_CREAT) != 0;
        ErrOr<Path> r = resolve(path, create);
        if (r.isErr()) {
            return ErrOr.err(r.errno());
        }
        Path real = r.value();
        int acc = flags & OpenFlags.O_ACCMODE;
        if (Files.isDirectory(real)) {
            return ErrOr.err(Errno.EISDIR); // host directories are not opened as files here
        }
        if ((flags & OpenFlags.O_DIRECTORY) != 0) {
            return ErrOr.err(Errno.ENOTDIR);
        }
        Set<OpenOption> opts = new HashSet<>();
        opts.add(LinkOption.NOFOLLOW_LINKS);
        if (acc != OpenFlags.O_WRONLY) {
            opts.add(StandardOpenOption.READ);
        }
        if (acc != OpenFlags.O_RDONLY) {
            opts.add(StandardOpenOption.WRITE);
        }
        if (create) {
            opts.add((flags & OpenFlags.O_EXCL) != 0 ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
            if (!opts.contains(StandardOpenOption.WRITE)) {
                opts.add(StandardOpenOption.WRITE); // Java needs WRITE to create; f_mode still says read-only
            }
        }
        if ((flags & OpenFlags.O_TRUNC) != 0 && acc != OpenFlags.O_RDONLY) {
            opts.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        boolean existed = Files.exists(real);
        FileChannel ch;
        try {
            ch = FileChannel.open(real, opts);
        } catch (FileAlreadyExistsException e) {
            return ErrOr.err(Errno.EEXIST);
        } catch (NoSuchFileException e) {
            return ErrOr.err(Errno.ENOENT);
        } catch (AccessDeniedException e) {
            return ErrOr.err(Errno.EACCES);
        } catch (IOException e) {
            return ErrOr.err(Errno.EIO);
        }
        if (!existed) {
            applyMode(real, mode);
        }
        return ErrOr.ok(new VfsFile(path, flags, new HostOps(ch)));
    }

    /** Sets the permission bits of a new file to {@code mode & 0777} where the host supports it (no umask). */
    private static void applyMode(Path p, int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < 9; bit++) {
            if ((mode & (1 << bit)) != 0) {
                perms.add(order[bit]);
            }
        }
        try {
            Files.setPosixFilePermissions(p, perms);
        } catch (UnsupportedOperationException | IOException e) {
            // non-POSIX host: the file keeps the host's default permissions
        }
    }

    /** f_op of a host file. */
    private record HostOps(FileChannel ch) implements FileOperations {

        @Override
        public long read(CurrentTask current, VfsFile file, long buf, long count, FilePos ppos) {
            long pos = ppos.get();
            if (pos < 0) {
                return Errno.EINVAL.neg();
            }
            try {
                long size = ch.size();
                if (pos >= size) {
                    return 0;
                }
                int n = (int) Math.min(Vfs.clampCount(count), size - pos);
                ByteBuffer bb = ByteBuffer.allocate(n);
                while (bb.hasRemaining() && ch.read(bb, pos + bb.position()) > 0) {
                    // keep reading until n bytes or end of file
                }
                int got = bb.position();
                int err = current.copyToUser(buf, bb.array(), 0, got);
                if (err < 0) {
                    return err;
                }
                ppos.set(pos + got);
                return got;
            } catch (IOException e) {
                return Errno.EIO.neg();
            }
        }

        @Override
        public long write(CurrentTask current, VfsFile file, long buf, long count, FilePos ppos) {
            int n = (int) Vfs.clampCount(count);
            byte[] chunk = new byte[n];
            int err = current.copyFromUser(chunk, 0, buf, n);
            if (err < 0) {
                return err;
            }
            try {
                long pos = (file.flags() & OpenFlags.O_APPEND) != 0 ? ch.size() : ppos.get();
                if (pos < 0) {
                    return Errno.EINVAL.neg();
                }
                ByteBuffer bb = ByteBuffer.wrap(chunk);
                while (bb.hasRemaining()) {
                    ch.write(bb, pos + bb.position());
                }
                ppos.set(pos + n);
                return n;
            } catch (IOException e) {
                return Errno.EIO.neg();
            }
        }

        @Override
        public long llseek(VfsFile file, long offset, int whence) {
            try {
                long p = Seek.newPosition(file.fPos().get(), ch.size(), offset, whence);
                if (p >= 0) {
                    file.fPos().set(p);
                }
                return p;
            } catch (IOException e) {
                return Errno.EIO.neg();
            }
        }

        @Override
        public int release(VfsFile file) {
            try {
                ch.close();
                return 0;
            } catch (IOException e) {
                return Errno.EIO.neg();
            }
        }
    }
}
