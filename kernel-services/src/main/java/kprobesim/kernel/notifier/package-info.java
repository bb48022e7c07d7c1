/**
 * Notifier chains ({@code kernel/notifier.c}) and the kernel's chains: die, reboot, panic,
 * OOM and task exit.
 *
 * <p>Entry points: {@link kprobesim.kernel.notifier.NotifierBlock} (callback + priority),
 * the three chain flavours {@link kprobesim.kernel.notifier.AtomicNotifierChain},
 * {@link kprobesim.kernel.notifier.BlockingNotifierChain} and
 * {@link kprobesim.kernel.notifier.RawNotifierChain}, return values in
 * {@link kprobesim.kernel.notifier.Notify}, and {@link kprobesim.kernel.notifier.KernelNotifiers}
 * holding one machine's chains.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>A chain is ordered by priority, highest first; among equal priorities, registration
 *       order (a new block goes after the existing ones of its priority).</li>
 *   <li>A block is on a chain at most once (identity); a second register returns -EEXIST,
 *       unregistering an absent block -ENOENT.</li>
 *   <li>A walk stops after the first callback whose return value has NOTIFY_STOP_MASK and
 *       returns that value; otherwise it returns the last callback's value, or NOTIFY_DONE for
 *       an empty chain.</li>
 * </ul>
 *
 * <h2>Threading model</h2>
 * Each flavour is named for its contract. Atomic: lock-free walks over a copy-on-write array,
 * registration under a monitor, unregistration waits for a grace period (RCU-like) so that the
 * removed callback is not running anywhere when it returns; callbacks must not block.
 * Blocking: walks under the read side of a readers-writer lock, (un)registration under the
 * write side; callbacks may block. Raw: no synchronisation; the caller provides it.
 * {@code RebootNotifier}, {@code PanicNotifier}, {@code OomNotifier}, {@code ProfileEvents} and
 * {@code DieNotifier} are thread-safe through their chains.
 */
package kprobesim.kernel.notifier;
