package kprobesim.kernel.errno;

import java.util.Objects;
import java.util.function.Function;

/**
 * A kernel result that is either a value or an errno: Linux's {@code ERR_PTR}/{@code IS_ERR}/
 * {@code PTR_ERR} idea as a Java value instead of a pointer trick or an exception.
 *
 * <pre>
 *   ErrOr&lt;VfsFile&gt; f = vfs.filpOpen("/root/test.txt", O_RDWR | O_CREAT, 0644);
 *   if (f.isErr()) return f.ptrErr();          // IS_ERR(filp) -&gt; return PTR_ERR(filp)
 *   VfsFile filp = f.value();
 * </pre>
 *
 * @param <T> the success type
 */
public sealed interface ErrOr<T> {

    /** A success carrying {@code value} (never null). */
    record Value<T>(T value) implements ErrOr<T> {
        public Value {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A failure carrying an errno. */
    record Err<T>(Errno errno) implements ErrOr<T> {
        public Err {
            Objects.requireNonNull(errno, "errno");
        }
    }

    static <T> ErrOr<T> ok(T value) {
        return new Value<>(value);
    }

    /** {@code ERR_PTR(-errno)}. */
    static <T> ErrOr<T> err(Errno errno) {
        return new Err<>(errno);
    }

    /** {@code IS_ERR}. */
    default boolean isErr() {
        return this instanceof Err;
    }

    /** The value; calling this on an error is a bug in the caller, hence an exception. */
    default T value() {
        if (this instanceof Value<T> v) {
            return v.value();
        }
        throw new IllegalStateException("value() on an error result: " + this);
    }

    /** The errno; calling this on a success is a bug in the caller. */
    default Errno errno() {
        if (this instanceof Err<T> e) {
            return e.errno();
        }
        throw new IllegalStateException("errno() on a success: " + this);
    }

    /** {@code PTR_ERR}: the negative errno, or 0 for a success (as {@code PTR_ERR_OR_ZERO}). */
    default int ptrErr() {
        return this instanceof Err<T> e ? e.errno().neg() : 0;
    }

    /** Applies {@code f} to a value; an error passes through unchanged. */
    default <R> ErrOr<R> map(Function<? super T, ? extends R> f) {
        if (this instanceof Value<T> v) {
            return ok(f.apply(v.value()));
        }
        return err(errno());
    }
}
