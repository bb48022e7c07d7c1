package kprobesim.kernel.notifier;

/** {@code enum profile_type}: which profiling event chain to register on. */
public enum ProfileType {
    /** Called from {@code do_exit} with the exiting task as data. */
    PROFILE_TASK_EXIT,
    /** Called from {@code munmap} with the start address as data. */
    PROFILE_MUNMAP
}
