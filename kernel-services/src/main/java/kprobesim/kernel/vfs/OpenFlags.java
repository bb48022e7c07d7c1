package kprobesim.kernel.vfs;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code open(2)} flags with their Linux x86-64 values (octal, as in
 * {@code include/uapi/asm-generic/fcntl.h}).
 */
public final class OpenFlags {
    public static final int O_ACCMODE = 00000003;
    public static final int O_RDONLY = 00000000;
    public static final int O_WRONLY = 00000001;
    public static final int O_RDWR = 00000002;
    public static final int O_CREAT = 00000100;
    public static final int O_EXCL = 00000200;
    public static final int O_NOCTTY = 00000400;
    public static final int O_TRUNC = 00001000;
    public static final int O_APPEND = 00002000;
    public static final int O_NONBLOCK = 00004000;
    public static final int O_DIRECTORY = 00200000;
    public static final int O_NOFOLLOW = 00400000;
    public static final int O_CLOEXEC = 02000000;

    /** {@code FMODE_READ}: the file was opened for reading. */
    public static final int FMODE_READ = 0x1;
    /** {@code FMODE_WRITE}: the file was opened for writing. */
    public static final int FMODE_WRITE = 0x2;

    private OpenFlags() {}

    /** The f_mode bits an access mode grants; -1 for the invalid access mode 3. */
    public static int fmode(int flags) {
        return switch (flags & O_ACCMODE) {
            case O_RDONLY -> FMODE_READ;
            case O_WRONLY -> FMODE_WRITE;
            case O_RDWR -> FMODE_READ | FMODE_WRITE;
            default -> -1;
        };
    }

    /** "O_RDWR|O_CREAT" for logs and error messages. */
    public static String describe(int flags) {
        List<String> parts = new ArrayList<>();
        parts.add(switch (flags & O_ACCMODE) {
            case O_RDONLY -> "O_RDONLY";
            case O_WRONLY -> "O_WRONLY";
            case O_RDWR -> "O_RDWR";
            default -> "O_ACCMODE";
        });
        int[] bits = {O_CREAT, O_EXCL, O_NOCTTY, O_TRUNC, O_APPEND, O_NONBLOCK, O_DIRECTORY, O_NOFOLLOW, O_CLOEXEC};
        String[] names = {"O_CREAT", "O_EXCL", "O_NOCTTY", "O_TRUNC", "O_APPEND", "O_NONBLOCK", "O_DIRECTORY",
            "O_NOFOLLOW", "O_CLOEXEC"};
        int rest = flags & ~O_ACCMODE;
        for (int i = 0; i < bits.length; i++) {
            if ((rest & bits[i]) != 0) {
                parts.add(names[i]);
                rest &= ~bits[i];
            }
        }
        if (rest != 0) {
            parts.add("0" + Integer.toOctalString(rest));
        }
        return String.join("|", parts);
    }
}
