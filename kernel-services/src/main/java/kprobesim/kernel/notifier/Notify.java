package kprobesim.kernel.notifier;

/**
 * Notifier callback return values ({@code include/linux/notifier.h}) and their errno
 * encoding. Bit 15 ({@link #STOP_MASK}) ends the chain walk; the low bits say how it went.
 *
 * <pre>
 *   NOTIFY_DONE      0x0000   don't care
 *   NOTIFY_OK        0x0001   suits me
 *   NOTIFY_STOP_MASK 0x8000   don't call further
 *   NOTIFY_BAD       0x8002   bad/veto action (STOP_MASK | 0x0002)
 *   NOTIFY_STOP      0x8001   clean way to return from the notifier and stop further calls
 *   notifier_from_errno(-e) = STOP_MASK | (NOTIFY_OK + e)
 * </pre>
 */
public final class Notify {
    public static final int DONE = 0x0000;
    public static final int OK = 0x0001;
    public static final int STOP_MASK = 0x8000;
    public static final int BAD = STOP_MASK | 0x0002;
    public static final int STOP = OK | STOP_MASK;

    private Notify() {}

    /** True if {@code ret} ends the walk. */
    public static boolean stops(int ret) {
        return (ret & STOP_MASK) != 0;
    }

    /**
     * {@code notifier_from_errno}: encodes a negative errno as a stopping return value;
     * 0 becomes NOTIFY_OK. The errno survives the trip through {@link #toErrno}.
     */
    public static int fromErrno(int err) {
        if (err > 0) {
            throw new IllegalArgumentException("errno must be 0 or negative: err=" + err);
        }
        return err == 0 ? OK : STOP_MASK | (OK - err);
    }

    /**
     * {@code notifier_to_errno}: the negative errno a return value carries, 0 if none.
     * NOTIFY_BAD decodes to -EPERM (-1), as in Linux.
     */
    public static int toErrno(int ret) {
        int r = ret & ~STOP_MASK;
        return r > OK ? OK - r : 0;
    }

    /** {@code NOTIFY_STOP}-style name of a return value, for logs. */
    public static String name(int ret) {
        return switch (ret) {
            case DONE -> "NOTIFY_DONE";
            case OK -> "NOTIFY_OK";
            case BAD -> "NOTIFY_BAD";
            case STOP -> "NOTIFY_STOP";
            default -> "0x" + Integer.toHexString(ret);
        };
    }
}
