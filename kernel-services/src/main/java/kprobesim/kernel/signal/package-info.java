/**
 * Signal numbers and default actions ({@link kprobesim.kernel.signal.Signals}). Signals are
 * queued per task by the scheduler ({@code sendSignal}) and delivered on the way back to user
 * mode: {@code exit_to_user_mode_loop} → {@code do_signal} → the profile's
 * {@code get_signal_to_deliver}/{@code get_signal} (GET_SIGNAL fills the k_sigaction/siginfo
 * buffers) → {@code handle_signal} (HANDLE_SIGNAL applies the default action: no user handlers
 * exist yet).
 */
package kprobesim.kernel.signal;
