/**
 * Linux errno numbers and the "value or negative errno" convention.
 *
 * <p>Kernel services in kprobesim follow Linux: a function that can fail returns a
 * negative errno ({@code int}/{@code long} results such as {@code vfs_read}) or an
 * {@link kprobesim.kernel.errno.ErrOr} (where Linux would return {@code ERR_PTR}).
 * Errors a caller can cause are never exceptions; exceptions signal bugs.
 *
 * <p>Threading: everything here is immutable and thread-safe.
 */
package kprobesim.kernel.errno;
