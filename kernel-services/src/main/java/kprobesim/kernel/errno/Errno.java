package kprobesim.kernel.errno;

import java.util.Optional;

/**
 * Linux errno values as the x86-64 kernel numbers them ({@code include/uapi/asm-generic/errno-base.h}
 * and {@code errno.h}), plus the kernel-internal {@link #ENOTSUPP}. Kernel functions in this
 * project return {@code -code} for failure, exactly as Linux does; {@link #neg()} gives that
 * value and {@link #fromReturn(long)} turns a return value back into an errno.
 */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    ESRCH(3, "No such process"),
    EINTR(4, "Interrupted system call"),
    EIO(5, "Input/output error"),
    ENXIO(6, "No such device or address"),
    E2BIG(7, "Argument list too long"),
    ENOEXEC(8, "Exec format error"),
    EBADF(9, "Bad file descriptor"),
    ECHILD(10, "No child processes"),
    EAGAIN(11, "Resource temporarily unavailable"),
    ENOMEM(12, "Cannot allocate memory"),
    EACCES(13, "Permission denied"),
    EFAULT(14, "Bad address"),
    EBUSY(16, "Device or resource busy"),
    EEXIST(17, "File exists"),
    EXDEV(18, "Invalid cross-device link"),
    ENODEV(19, "No such device"),
    ENOTDIR(20, "Not a directory"),
    EISDIR(21, "Is a directory"),
    EINVAL(22, "Invalid argument"),
    ENFILE(23, "Too many open files in system"),
    EMFILE(24, "Too many open files"),
    EFBIG(27, "File too large"),
    ENOSPC(28, "No space left on device"),
    ESPIPE(29, "Illegal seek"),
    EROFS(30, "Read-only file system"),
    ERANGE(34, "Numerical result out of range"),
    EDEADLK(35, "Resource deadlock avoided"),
    ENAMETOOLONG(36, "File name too long"),
    ENOSYS(38, "Function not implemented"),
    ENOTEMPTY(39, "Directory not empty"),
    ELOOP(40, "Too many levels of symbolic links"),
    EOVERFLOW(75, "Value too large for defined data type"),
    EILSEQ(84, "Invalid or incomplete multibyte or wide character"),
    ETIMEDOUT(110, "Connection timed out"),
    /** Kernel-internal (never reaches user space): the operation is not supported. */
    ENOTSUPP(524, "Operation not supported");

    /**
     * Largest errno a kernel return value may carry ({@code MAX_ERRNO}): values in
     * [-4095, -1] are errors, so pointers and sizes never collide with them.
     */
    public static final int MAX_ERRNO = 4095;

    private static final Errno[] BY_CODE = new Errno[MAX_ERRNO + 1];

    static {
        for (Errno e : values()) {
            BY_CODE[e.code] = e;
        }
    }

    private final int code;
    private final String message;

    Errno(int code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The positive errno number (EFAULT is 14). */
    public int code() {
        return code;
    }

    /** The value a kernel function returns for this error: {@code -code()}. */
    public int neg() {
        return -code;
    }

    /** strerror-style text, e.g. "Bad address". */
    public String message() {
        return message;
    }

    /** The errno with this positive number, if this table knows it. */
    public static Optional<Errno> of(int code) {
        return code > 0 && code <= MAX_ERRNO ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }

    /**
     * {@code IS_ERR_VALUE}: true if a kernel return value is a negative errno. Values below
     * -4095 are not errors (for pointers they are addresses in the top of kernel space).
     */
    public static boolean isError(long returnValue) {
        return returnValue < 0 && returnValue >= -MAX_ERRNO;
    }

    /** The errno a negative return value carries, or empty for a success value or an unknown errno. */
    public static Optional<Errno> fromReturn(long returnValue) {
        return isError(returnValue) ? of((int) -returnValue) : Optional.empty();
    }

    /** {@code -EFAULT (Bad address)}-style text for a return value, or the number itself. */
    public static String describe(long returnValue) {
        if (!isError(returnValue)) {
            return Long.toString(returnValue);
        }
        return fromReturn(returnValue).map(e -> "-" + e.name() + " (" + e.message + ")")
                .orElse("-errno " + (-returnValue));
    }
}
