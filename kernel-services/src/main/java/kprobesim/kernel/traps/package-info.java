/**
 * The C-level trap handlers behind the entry stubs ({@link kprobesim.kernel.traps.Traps}): die
 * chain first (DIE_TRAP, DIE_INT3, DIE_DEBUG, DIE_GPF, DIE_NMI; NOTIFY_STOP means handled), then
 * a signal and Linux's dmesg line for a user task, or an oops for kernel mode (report, DIE_OOPS,
 * task killed or panic with panic_on_oops). Demand paging for user page faults.
 */
package kprobesim.kernel.traps;
