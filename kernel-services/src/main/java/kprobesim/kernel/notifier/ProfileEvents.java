package kprobesim.kernel.notifier;

import java.util.Objects;

/**
 * {@code profile_event_register(type, nb)} / {@code profile_event_unregister} and the calls
 * that fire them ({@code kernel/profile.c}): the task-exit chain ({@code task_exit_notifier})
 * and the munmap chain, both blocking chains called in process context.
 */
public final class ProfileEvents {
    private final BlockingNotifierChain taskExit = new BlockingNotifierChain("task_exit_notifier");
    private final BlockingNotifierChain munmap = new BlockingNotifierChain("munmap_notifier");

    private BlockingNotifierChain chain(ProfileType type) {
        return switch (Objects.requireNonNull(type, "type")) {
            case PROFILE_TASK_EXIT -> taskExit;
            case PROFILE_MUNMAP -> munmap;
        };
    }

    public int profileEventRegister(ProfileType type, NotifierBlock nb) {
        return chain(type).register(nb);
    }

    public int profileEventUnregister(ProfileType type, NotifierBlock nb) {
        return chain(type).unregister(nb);
    }

    /** {@code profile_task_exit(task)}: {@code do_exit} calls this with the exiting task. */
    public void profileTaskExit(Object task) {
        taskExit.callChain(0, task);
    }

    /** {@code profile_munmap(addr)}. */
    public void profileMunmap(long addr) {
        munmap.callChain(0, addr);
    }

    public BlockingNotifierChain taskExitChain() {
        return taskExit;
    }
}
