/**
 * Kernel profiles: what a chosen kernel version fixes (probe-target symbol names, jprobes,
 * the kretprobe maxactive default, the default preemption model, set_fs).
 *
 * <p>Entry point: {@link kprobesim.kernel.profile.KernelProfiles#lookup(String)} with a
 * release ("2.6.32-431") or a distro name ("CentOS 6.5"); the table is in
 * {@link kprobesim.kernel.profile.KernelProfiles}. Symbol names come from
 * {@link kprobesim.kernel.profile.KernelProfile#symbol}.
 *
 * <p>Threading model: immutable; the table is built once in a static initialiser and is safe
 * to read from any thread.
 */
package kprobesim.kernel.profile;
