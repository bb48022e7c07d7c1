/**
 * VFS-lite: kernel-side file I/O as seed 004's module does it.
 *
 * <p>Entry points: {@link kprobesim.kernel.vfs.Vfs} ({@code filp_open}, {@code vfs_read},
 * {@code vfs_write}, {@code vfs_llseek}, {@code filp_close}, {@code kernel_read/write}),
 * {@link kprobesim.kernel.vfs.VfsFile} ({@code struct file} with {@code f_op} and
 * {@code f_pos}), backends {@link kprobesim.kernel.vfs.MemoryFileSystem} and
 * {@link kprobesim.kernel.vfs.HostDirectoryFileSystem} (sandboxed; its rules are on the class).
 * Flags and whence values are Linux's ({@link kprobesim.kernel.vfs.OpenFlags},
 * {@link kprobesim.kernel.vfs.Seek}); results are byte counts or negative errnos.
 *
 * <h2>addr_limit</h2>
 * Buffers are addresses in simulated memory. {@link kprobesim.kernel.vfs.CurrentTask} carries
 * the running task's {@link kprobesim.kernel.vfs.ThreadInfo} ({@code addr_limit}) and address
 * space; every copy checks {@code access_ok} first. A kernel buffer (0xffff8800...) under
 * USER_DS is -EFAULT; after {@code setFs(MmSegment.KERNEL_DS)} it works; an unmapped buffer is
 * -EFAULT in either case. {@code ThreadInfo} is a stand-in owned later by the scheduler issue.
 *
 * <h2>Threading model</h2>
 * Backends are thread-safe (namespace lock + per-file locks); operations on one
 * {@code VfsFile} are serialised by its monitor; {@code ThreadInfo} belongs to one task and is
 * touched only by the CPU running it.
 */
package kprobesim.kernel.vfs;
