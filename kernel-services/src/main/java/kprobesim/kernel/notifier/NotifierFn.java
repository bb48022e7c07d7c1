package kprobesim.kernel.notifier;

/**
 * A notifier callback, {@code notifier_fn_t}: {@code int (*)(struct notifier_block *nb,
 * unsigned long action, void *data)}. Returns a {@link Notify} value (NOTIFY_DONE, NOTIFY_OK,
 * NOTIFY_BAD, NOTIFY_STOP, or {@link Notify#fromErrno}).
 */
@FunctionalInterface
public interface NotifierFn {
    int call(NotifierBlock self, long action, Object data);
}
