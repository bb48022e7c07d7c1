package kprobesim.kernel.vfs;

import java.util.ArrayList;
import java.util.List;
import kprobesim.kernel.errno.ErrOr;
import kprobesim.kernel.errno.Errno;

/**
 * Lexical path splitting shared by the backends: components without "" and ".", with ".."
 * applied. What ".." above the root means is the backend's choice ({@link DotDotAtRoot}).
 */
final class PathWalk {
    /** Linux NAME_MAX: longest component. */
    static final int NAME_MAX = 255;

    /** What ".." at the root does. */
    enum DotDotAtRoot {
        /** Stay at the root, as Linux does at "/" (and inside a chroot). */
        STAY,
        /** Refuse with -EACCES: the path tried to leave a sandbox. */
        REFUSE
    }

    private PathWalk() {}

    static ErrOr<List<String>> components(String path, DotDotAtRoot atRoot) {
        if (path.indexOf('\0') >= 0) {
            return ErrOr.err(Errno.EINVAL);
        }
        List<String> out = new ArrayList<>();
        for (String c : path.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.length() > NAME_MAX) {
                return ErrOr.err(Errno.ENAMETOOLONG);
            }
            if (c.equals("..")) {
                if (out.isEmpty()) {
                    if (atRoot == DotDotAtRoot.REFUSE) {
                        return ErrOr.err(Errno.EACCES);
                    }
                } else {
                    out.remove(out.size() - 1);
                }
                continue;
            }
            out.add(c);
        }
        return ErrOr.ok(out);
    }
}
